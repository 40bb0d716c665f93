# void __wasm_setjmp(void *env, unsigned label, void *invocation), called
# by compiler-generated code at every setjmp site (LLVM's lowering).
# Besides what the lowering needs, it keeps the stack pointer: functions
# whose locals became dynamic allocations under the lowering would lose
# them if the catching frame restored only its frame pointer.
# Assembly: C cannot read __stack_pointer.

	.globaltype	__stack_pointer, i32

	.text
	.globl	__wasm_setjmp
	.type	__wasm_setjmp,@function
__wasm_setjmp:
	.functype	__wasm_setjmp (i32, i32, i32) -> ()
	local.get	0
	local.get	2
	i32.store	0
	local.get	0
	local.get	1
	i32.store	4
	local.get	0
	global.get	__stack_pointer
	i32.store	8
	end_function
