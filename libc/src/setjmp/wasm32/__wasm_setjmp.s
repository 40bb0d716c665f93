# void __wasm_setjmp(void *env, unsigned label, void *invocation), called
# by compiler-generated code at every setjmp site (LLVM's lowering).
# Besides what the lowering needs, it keeps the stack pointer: functions
# whose locals became dynamic allocations under the lowering would lose
# them if the catching frame restored only its frame pointer.
# It also raises __wasm_sjlj_mark to the stack pointer (user_abi.h): the
# host runs no signal handler here, nor in this function, until the next
# invoke, since a longjmp from it could not reach this setjmp.
# Assembly: C cannot read __stack_pointer.

	.globaltype	__stack_pointer, i32
	.globaltype	__wasm_sjlj_mark, i32
	.globl	__wasm_sjlj_mark
	.export_name	__wasm_sjlj_mark, __wasm_sjlj_mark
__wasm_sjlj_mark:

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
	global.get	__stack_pointer
	global.get	__wasm_sjlj_mark
	global.get	__stack_pointer
	global.get	__wasm_sjlj_mark
	i32.gt_u
	i32.select
	global.set	__wasm_sjlj_mark
	end_function
