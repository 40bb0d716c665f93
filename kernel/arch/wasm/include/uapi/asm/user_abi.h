/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The interface between user programs and WasmLinux: what a wasm module
 * built against our libc imports and exports, and how the hosts run it.
 * Both runtimes and the libc include this one file.
 *
 * A user program is a wasm32 module with its own linear memory, which it
 * imports as "env" "memory" (so that threads can share it).  It imports
 *	"linux" "syscall": i32 (i32 nr, i32 a0, i32 a1, i32 a2, i32 a3,
 *				i32 a4, i32 a5)
 * which returns the result or a negative errno.  64-bit arguments take
 * two consecutive slots, low word first, with no alignment padding.
 *
 * setjmp/longjmp: a program compiled with LLVM's Emscripten-style
 * lowering (no wasm exception handling, so that Asyncify can unwind it)
 * may import
 *	"env" "invoke_SIG": the function table entry of type SIG, called
 *		with the arguments after its first, the table index.  SIG
 *		is the result, 'v' for none, then the parameters, as letters
 *		i (i32), j (i64), f (f32), d (f64): invoke_vii is
 *		void (i32 index, i32, i32).  The host calls the entry (it
 *		must be of that type, else the program traps) and returns its
 *		result; if the call ends in linux.longjmp, it returns 0.
 *	"linux" "longjmp": void (void)
 *		returns from the innermost invoke running on the thread (the
 *		libc has stored where it jumps to).
 * and then exports its table, "__indirect_function_table", and its
 * mutable i32 global "__wasm_sjlj_mark", which every setjmp raises to at
 * least __stack_pointer.  The host sets it to 0 when an invoke starts
 * and, when the invoke returns, back to at least the stack pointer the
 * invoke started with.  So while __stack_pointer is at or below a nonzero
 * mark, the code of a function that called setjmp runs (or of one that
 * it called directly): a longjmp from a signal handler run there could
 * not reach that setjmp, and the host runs none (WASM_SYSCALL_INTERRUPT,
 * <asm/host_ops.h>).
 *
 * It exports
 *	"_start": void (i32 args)
 *		the entry point.  args points, in user memory, at argc, the
 *		argv pointers and a NULL, the envp pointers and a NULL, then
 *		auxv pairs ended by AT_NULL (as on the stack of other
 *		Linux architectures).
 *	"__wasm_signal": void (i32 handler, i32 sig, i32 flags)
 *		runs a signal handler: fetches the signal's siginfo and a
 *		ucontext with __NR_wasm_sigframe, calls handler with one
 *		argument, or three if flags has SA_SIGINFO, then calls
 *		rt_sigreturn(&ucontext), which restores uc_sigmask.  The
 *		host calls it when a system call returns with a signal to
 *		deliver, or between two instructions of a thread that
 *		computes without system calls: the handler's frames start
 *		128 bytes below __stack_pointer (what a leaf function may
 *		use there without moving it: LLVM's red zone).
 *
 * vfork: clone(CLONE_VM | CLONE_VFORK | SIGCHLD, 0) with no stack makes a
 * child that borrows the calling thread and memory: the call returns 0
 * and the caller goes on as the child.  When the child calls execve
 * (successfully), execveat (successfully), exit or exit_group, that call
 * returns the child's pid instead, and the caller is the parent again:
 * the libc unwinds to where vfork was called (setjmp/longjmp) and returns
 * the pid there.  The child continues (its new program, or its exit) on a
 * host thread of its own.
 *
 * Threads: a program that exports
 *	"__wasm_thread_start": void (i32 stack)
 * and imports its memory shared may call clone with CLONE_VM and a stack
 * (and without CLONE_VFORK): the child, a thread of the process (or, without
 * CLONE_THREAD, a process sharing its memory), runs on a host thread of its
 * own, in a new instance of the program over the same memory, which calls
 * __wasm_thread_start(stack).  The libc keeps at stack what the thread is
 * to run and sets the instance's stack pointer and thread-local storage
 * (__tls_base); the child never returns from clone.  When
 * __wasm_thread_start returns, the thread exits (exit(0)).  CLONE_SETTLS
 * is accepted and its value not used.  clone with CLONE_VM but no stack,
 * or in a program without the export, fails with EINVAL.
 *
 * fork: a program built with Binaryen's Asyncify (asyncify-imports
 * linux.fork) may also import
 *	"linux" "fork": i32 (i32 args, i32 args_size, i32 buf, i32 size)
 * which forks the calling thread: clone3(args, args_size), whose struct
 * clone_args must not have CLONE_VM (else EINVAL).  It must then import
 * its memory shared (so that
 * its data segments are written once, by its start function: the
 * child's instance finds them written) and export Asyncify's
 * asyncify_start_unwind, asyncify_stop_unwind, asyncify_start_rewind and
 * asyncify_stop_rewind, and its global __stack_pointer.  The host unwinds
 * the thread's wasm call stack into [buf, buf + size) of user memory
 * (Asyncify's data: its first two words are set by the host), out of the
 * entry point the thread runs (_start or __wasm_thread_start), then makes
 * the fork (WASM_SYSCALL_FORK, <asm/host_ops.h>), which copies the
 * memory, and rewinds the stack in the parent, where fork returns the
 * child's pid or -errno, and in the child, a new instance over the copy
 * with the exported globals of the parent's, where it returns 0.  Only
 * the calling thread is copied.  Made from a signal handler it fails
 * with ENOSYS; clone or clone3 without CLONE_VM through linux.syscall
 * fails with ENOSYS.
 *
 * Cancellation points: a thread that another may cancel makes the system
 * calls at which cancellation acts as
 *	wasm_syscall_cp(const int *cancel, const long call[7])
 * with call the number and six arguments.  The kernel makes the call
 * unless *cancel, the thread's cancellation flag, is nonzero when the call
 * starts or when a signal restarts it, and then fails with EINTR: with no
 * program counter, a handler cannot see whether its thread was about to
 * make the call or blocked in it.  exit, exit_group, clone, clone3 and
 * wasm_syscall_cp itself fail with EINVAL there.
 *
 * A start function is allowed: it runs at every instantiation, before
 * _start for the first thread and before __wasm_thread_start for each
 * later one, so it must initialise memory once (as wasm-ld's
 * __wasm_init_memory does, with an atomic flag in memory).
 *
 * Memory: the program manages its own (brk and mmap over memory.grow,
 * and reads files into it); the kernel cannot map anything there.  For
 * /proc/PID/maps, the program reports what it mapped with the usual calls,
 * which only record: mmap2 of the pages it chose (MAP_FIXED required;
 * fd -1 without MAP_ANONYMOUS but with MAP_EXECUTABLE names the program's
 * own file), munmap, mremap (with MREMAP_FIXED if it moved), mprotect
 * (which fails with ENOMEM over pages not mapped).  At the start it
 * reports its data and its stack: the kernel's start_stack (the address
 * of argc) says which mapping is "[stack]".  A mapping ends below 4 GiB:
 * the last page of a full memory is not mapped.
 *
 * Function pointers are table indices: a program's table starts at
 * WASM_USER_TABLE_BASE, since 0 and 1 are SIG_DFL and SIG_IGN.
 *
 * A trap in a user program kills its process with SIGSEGV (memory access
 * out of bounds, stack exhaustion), SIGFPE (integer division by zero or
 * overflow) or SIGILL (anything else).
 */
#ifndef _UAPI_ASM_WASM_USER_ABI_H
#define _UAPI_ASM_WASM_USER_ABI_H

#define WASM_USER_IMPORT_MODULE		"linux"
#define WASM_USER_IMPORT_SYSCALL	"syscall"
#define WASM_USER_EXPORT_START		"_start"
#define WASM_USER_EXPORT_SIGNAL		"__wasm_signal"
#define WASM_USER_EXPORT_THREAD		"__wasm_thread_start"
#define WASM_USER_IMPORT_FORK		"fork"
#define WASM_USER_IMPORT_LONGJMP	"longjmp"
#define WASM_USER_IMPORT_INVOKE		"invoke_"
#define WASM_USER_EXPORT_TABLE		"__indirect_function_table"
#define WASM_USER_EXPORT_UNWIND		"asyncify_start_unwind"
#define WASM_USER_EXPORT_STOP_UNWIND	"asyncify_stop_unwind"
#define WASM_USER_EXPORT_REWIND		"asyncify_start_rewind"
#define WASM_USER_EXPORT_STOP_REWIND	"asyncify_stop_rewind"
#define WASM_USER_EXPORT_SP		"__stack_pointer"
/* The least room for the unwound stack that fork takes (else EFAULT). */
#define WASM_USER_FORK_MIN_BUF		1024

/* wasm-ld --table-base for programs */
#define WASM_USER_TABLE_BASE		16

/* Programs keep static data above this, so that NULL can be caught. */
#define WASM_USER_NULL_GUARD		(64 << 10)

/*
 * The largest module the kernel executes, and the most memory (in 64 KiB
 * wasm pages) a program may ask for at start; it may grow beyond.
 */
#define WASM_USER_MAX_MODULE		(64 << 20)
#define WASM_USER_MAX_PAGES		16384

/*
 * The most functions a program may import (invoke_* ones, mostly), and
 * the most arguments an invoke passes on.
 */
#define WASM_USER_MAX_IMPORTS		256
#define WASM_USER_MAX_INVOKE_ARGS	32

#endif /* _UAPI_ASM_WASM_USER_ABI_H */
