# void __wasm_thread_start(void *stack): where the host starts a thread
# (user_abi.h), in a new instance whose __stack_pointer is still the one
# the linker gave the main thread: the stack pointer is set before any
# code that could use it, then __wasm_thread_run (__wasm_thread.c) takes
# what __clone left at stack.  Assembly: C cannot set __stack_pointer.

	.globaltype	__stack_pointer, i32
	.globaltype	__tls_base, i32
	.functype	__wasm_thread_run (i32) -> ()

	.text
	.globl	__wasm_thread_start
	.export_name	__wasm_thread_start, __wasm_thread_start
	.type	__wasm_thread_start,@function
__wasm_thread_start:
	.functype	__wasm_thread_start (i32) -> ()
	local.get	0
	global.set	__stack_pointer
	local.get	0
	call	__wasm_thread_run
	unreachable
	end_function

# void __wasm_set_tls_base(void *base): a thread cloned without
# CLONE_SETTLS uses its parent's TLS block, which __wasm_init_tls would
# overwrite with the initial image.

	.globl	__wasm_set_tls_base
	.hidden	__wasm_set_tls_base
	.type	__wasm_set_tls_base,@function
__wasm_set_tls_base:
	.functype	__wasm_set_tls_base (i32) -> ()
	local.get	0
	global.set	__tls_base
	end_function
