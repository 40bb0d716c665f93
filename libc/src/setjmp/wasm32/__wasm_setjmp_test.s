# unsigned __wasm_setjmp_test(void *env, void *invocation), called where an
# invoke returned from a longjmp to env (__THREW__): if env belongs to this
# invocation, the stack pointer goes back to where setjmp was called and
# the label of the setjmp site is returned; else 0 (the longjmp goes on).
# Assembly: it sets __stack_pointer, which C cannot, and must have no
# frame of its own.

	.globaltype	__stack_pointer, i32

	.text
	.globl	__wasm_setjmp_test
	.type	__wasm_setjmp_test,@function
__wasm_setjmp_test:
	.functype	__wasm_setjmp_test (i32, i32) -> (i32)
	block
	local.get	0
	i32.load	0
	local.get	1
	i32.ne
	br_if	0
	local.get	0
	i32.load	8
	global.set	__stack_pointer
	local.get	0
	i32.load	4
	return
	end_block
	i32.const	0
	end_function
