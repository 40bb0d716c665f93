# The exception tag of LLVM's wasm setjmp/longjmp lowering, and the throw.
# Assembly because clang cannot define a tag from C; objects using setjmp
# only carry weak definitions of it.

	.globl	__c_longjmp
	.tagtype	__c_longjmp i32
__c_longjmp:

# void __wasm_longjmp(void *env, int val): store {env, val ? val : 1} in
# env's last two words and throw their address.
	.text
	.globl	__wasm_longjmp
	.type	__wasm_longjmp,@function
__wasm_longjmp:
	.functype	__wasm_longjmp (i32, i32) -> ()
	local.get	0
	local.get	0
	i32.store	8
	local.get	0
	local.get	1
	i32.const	1
	local.get	1
	i32.select
	i32.store	12
	local.get	0
	i32.const	8
	i32.add
	throw	__c_longjmp
	unreachable
	end_function
