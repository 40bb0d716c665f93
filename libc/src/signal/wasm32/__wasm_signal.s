# void __wasm_signal(void *handler, int sig, int flags): exported
# (user_abi.h), the host calls it to run a signal handler, at the end of
# a system call or between two instructions of a program that makes
# none.  A leaf function keeps up to 128 bytes below __stack_pointer
# without moving it (LLVM's red zone for wasm), and may be the one
# interrupted: the handler's frames start below that, as on x86-64.
# Assembly: C cannot move __stack_pointer.

	.globaltype	__stack_pointer, i32
	.functype	__wasm_signal_run (i32, i32, i32) -> ()

	.text
	.globl	__wasm_signal
	.export_name	__wasm_signal, __wasm_signal
	.type	__wasm_signal,@function
__wasm_signal:
	.functype	__wasm_signal (i32, i32, i32) -> ()
	.local	i32
	global.get	__stack_pointer
	local.tee	3
	i32.const	128
	i32.sub
	global.set	__stack_pointer
	local.get	0
	local.get	1
	local.get	2
	call	__wasm_signal_run
	local.get	3
	global.set	__stack_pointer
	end_function
