/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The interface between the wasm kernel and its host: the functions the
 * kernel imports (module "host") and the functions it exports.  Both the
 * kernel and every runtime (native C, web) include this one file.
 *
 * All values are wasm i32/i64.  "addr" is an address in the kernel's linear
 * memory, "fn" is an index into the kernel's function table, "handle" is a
 * nonzero host object id (0 means failure or "none").
 *
 * WASM_HOST_OPS(OP) expands OP(ret, name, params) once per import, with
 * params written in the wasm types u32 and u64.
 *
 * What the kernel allocates here (its memory, the CPU lock, the task key,
 * the tick timer) lives as long as the kernel, so only semaphores, threads
 * and process memories have an operation that frees them.
 */
#ifndef _UAPI_ASM_WASM_HOST_OPS_H
#define _UAPI_ASM_WASM_HOST_OPS_H

#define WASM_HOST_OPS(OP)						\
	/* console and fatal errors */					\
	OP(void, print, (u32 addr, u32 len))				\
	OP(void, panic, (u32 msg_addr))				\
	OP(void, power_off, (u32 code))				\
	OP(u32, cmdline, (u32 addr, u32 size))				\
	/* len random bytes from the host (the kernel's entropy seed) */ \
	OP(void, random, (u32 addr, u32 len))				\
	/* what the host offers beyond the rest: WASM_HOST_* bits */	\
	OP(u32, features, (void))					\
	/*								\
	 * The CRC32C (Castagnoli, bit-reflected) of len bytes at	\
	 * addr, continued from crc as the kernel's __crc32c_le (no	\
	 * inversion in or out).  Called only if features has		\
	 * WASM_HOST_CRC32C: a host with no faster way than the		\
	 * kernel's own code leaves it to the kernel.			\
	 */								\
	OP(u32, crc32c, (u32 crc, u32 addr, u32 len))			\
	/* console input that has arrived, up to size bytes, or 0 */	\
	OP(u32, console_read, (u32 addr, u32 size))			\
	/* the terminal's size, rows << 16 | columns, or 0 */		\
	OP(u32, console_size, (void))					\
	/* memory: blocks of linear memory, page aligned */		\
	OP(u32, mem_alloc, (u32 size))					\
	/* time in nanoseconds */					\
	OP(u64, time_mono, (void))					\
	OP(u64, time_wall, (void))					\
	/* synchronisation */						\
	OP(u32, mutex_alloc, (void))					\
	OP(void, mutex_lock, (u32 handle))				\
	OP(void, mutex_unlock, (u32 handle))				\
	OP(u32, sem_alloc, (u32 count))				\
	OP(void, sem_free, (u32 handle))				\
	OP(void, sem_up, (u32 handle))					\
	OP(void, sem_down, (u32 handle))				\
	/* threads: fn is void (*)(u32 arg) */				\
	OP(u32, thread_create, (u32 fn, u32 arg))			\
	OP(void, thread_exit, (void))					\
	OP(u32, thread_join, (u32 handle))				\
	OP(u32, thread_self, (void))					\
	/* thread-local keys, each value 0 in a new thread */		\
	OP(u32, tls_alloc, (void))					\
	OP(void, tls_set, (u32 key, u32 value))			\
	OP(u32, tls_get, (u32 key))					\
	/* one-shot timers: fn is void (*)(u32 arg), run on a host thread */ \
	OP(u32, timer_alloc, (u32 fn, u32 arg))			\
	OP(void, timer_set_oneshot, (u32 handle, u64 delta_ns))	\
	/* (delta_ns 0 disarms the timer) */				\
	/*								\
	 * Jump buffers, only to unwind upward on one thread:		\
	 * jmp_buf_set calls fn (void (*)(void)) and returns when fn	\
	 * returns or when jmp_buf_longjmp(jb) is called below it.	\
	 * jb is WASM_JMP_BUF_SIZE bytes of kernel memory.		\
	 */								\
	OP(void, jmp_buf_set, (u32 jb, u32 fn))			\
	OP(void, jmp_buf_longjmp, (u32 jb))				\
	/*								\
	 * User programs (<asm/user_abi.h>).  user_image takes a	\
	 * module's bytes, which the kernel has checked against the	\
	 * ABI, in nseg segments (u32 address, u32 length pairs at	\
	 * segs; every length but the last a multiple of 8), and	\
	 * its path (a string, for messages), and returns an		\
	 * image handle, or 0 if this host cannot run it, with the	\
	 * reason as a string in why (why_size bytes).  id_len bytes	\
	 * at id name the file's contents (its inode and change time):	\
	 * the host may take the image it found for the same id	\
	 * before without looking at the bytes (id_len 0: no id, the	\
	 * file may be changing).  The kernel				\
	 * lets the CPU go for it: the host may take long (translate	\
	 * the module), and must not call the kernel meanwhile.		\
	 * user_mem_create makes a process memory			\
	 * for an image with args_size free bytes, whose user address	\
	 * it stores at args_ptr (u32 in kernel memory).  Copies return	\
	 * the number of bytes not copied (out of the user memory).	\
	 * user_strnlen returns the length with the NUL, 0 on a fault,	\
	 * or more than max if no NUL comes first.  user_run unwinds	\
	 * the user code on the calling thread and runs the image of	\
	 * mem from _start(args); it does not return.  user_signal	\
	 * calls the program's __wasm_signal on the calling thread.	\
	 * user_thread_run runs a new instance of mem's program, on	\
	 * the calling (new) host thread, from				\
	 * __wasm_thread_start(stack); it does not return.		\
	 * user_mem_fork, on a thread that the host unwound for the	\
	 * fork import, copies mem, a program instance over the copy	\
	 * with the thread's exported globals, and its unwound stack	\
	 * (user_abi.h); it returns the copy's handle, or 0 if the	\
	 * thread is not unwound for a fork or memory is short.	\
	 * user_fork_run rewinds the copy's instance on the calling	\
	 * (new) host thread, where fork returns 0; it does not return. \
	 * user_cmpxchg compares the aligned u32			\
	 * at uaddr with old and, if equal, stores new, atomically with	\
	 * respect to the program's threads; it stores the value it	\
	 * found at val_ptr (u32 in kernel memory) and returns nonzero	\
	 * if uaddr is not in the memory.				\
	 */								\
	OP(u32, user_image, (u32 segs, u32 nseg, u32 name, u32 why,	\
			     u32 why_size, u32 id, u32 id_len))	\
	OP(u32, user_mem_create, (u32 image, u32 args_size, u32 args_ptr)) \
	OP(void, user_mem_free, (u32 mem))				\
	OP(u32, user_read, (u32 mem, u32 addr, u32 uaddr, u32 len))	\
	OP(u32, user_write, (u32 mem, u32 uaddr, u32 addr, u32 len))	\
	OP(u32, user_clear, (u32 mem, u32 uaddr, u32 len))		\
	OP(u32, user_strnlen, (u32 mem, u32 uaddr, u32 max))		\
	OP(void, user_run, (u32 mem, u32 args))			\
	OP(void, user_signal, (u32 handler, u32 sig, u32 flags))	\
	OP(void, user_thread_run, (u32 mem, u32 stack))		\
	OP(u32, user_mem_fork, (u32 mem))				\
	OP(void, user_fork_run, (u32 mem))				\
	OP(u32, user_cmpxchg, (u32 mem, u32 uaddr, u32 old, u32 new,	\
			       u32 val_ptr))				\
	/*								\
	 * user_interrupt asks host thread `thread`, if it is running	\
	 * user code, to make a system call soon (any one: signals	\
	 * are delivered when it returns).				\
	 */								\
	OP(void, user_interrupt, (u32 thread))			\
	/*								\
	 * Network devices: Ethernet frames to and from the host's	\
	 * network, through queues the host empties and fills on	\
	 * threads of its own, so that none of these waits for it.	\
	 * net_probe returns the MTU of device dev (0, 1, ...) and	\
	 * stores its MAC address (6 bytes) at mac, or returns 0 if	\
	 * there is no such device.  net_send queues a copy of a	\
	 * frame and returns WASM_NET_* bits: DROPPED if it was not	\
	 * queued, FULL if the queue has no room for the next one (the	\
	 * host raises WASM_IRQ_NET when it has).  net_recv returns the	\
	 * length of the next frame received, 0 if none waits, and	\
	 * copies it to addr and dequeues it if it fits in size; with	\
	 * size 0 it drops it.  The host raises WASM_IRQ_NET when a	\
	 * frame arrives after net_recv found none, and when the link	\
	 * changes; net_status returns LINK_UP and TX_ROOM bits.	\
	 */								\
	OP(u32, net_probe, (u32 dev, u32 mac))				\
	OP(u32, net_send, (u32 dev, u32 addr, u32 len))		\
	OP(u32, net_recv, (u32 dev, u32 addr, u32 size))		\
	OP(u32, net_status, (u32 dev))					\
	/*								\
	 * Disks: sectors (512 bytes) of host files, read and written	\
	 * by host threads while the kernel goes on.  disk_probe	\
	 * returns the size in bytes of disk dev (0, 1, ...), 0 if	\
	 * there is none, and stores WASM_DISK_* flags at flags (u32).	\
	 * disk_submit starts an operation (WASM_DISK_READ, WRITE,	\
	 * FLUSH, DISCARD) at sector on the memory that nseg		\
	 * segments describe (u32 address, u32 length pairs at segs,	\
	 * read at once; for DISCARD one pair whose length is the	\
	 * byte count and address 0); it returns 0, or nonzero if it	\
	 * could not start.  When operations end the host raises	\
	 * WASM_IRQ_DISK; disk_done stores up to max (tag, status)	\
	 * pairs (u32 each, status a WASM_DISK_* result) at done and	\
	 * returns how many.  The memory must stay until its tag is	\
	 * done.							\
	 */								\
	OP(u64, disk_probe, (u32 dev, u32 flags))			\
	OP(u32, disk_submit, (u32 dev, u32 op, u64 sector, u32 segs,	\
			      u32 nseg, u32 tag))			\
	OP(u32, disk_done, (u32 dev, u32 done, u32 max))

#define WASM_JMP_BUF_SIZE	8

/* Bits of features. */
#define WASM_HOST_CRC32C	1	/* crc32c, faster than the kernel's */

/*
 * The kernel imports its memory; the host creates it with this initial
 * size (the kernel image and its boot stack) and grows it for mem_alloc.
 */
#define WASM_INITIAL_MEMORY	(16 << 20)

/* The host keeps the memory below this inaccessible to catch NULL. */
#define WASM_NULL_GUARD		(64 << 10)

/* (beyond every system call number) */
#define WASM_SYSCALL_FORK	0x10000
#define WASM_SYSCALL_INTERRUPT	0x10001

/* Interrupts the host raises with wasm_irq(). */
#define WASM_IRQ_CONSOLE	2	/* console input arrived */
#define WASM_IRQ_NET		3	/* a network device has frames or room */
#define WASM_IRQ_DISK		4	/* disk operations have ended */

/* Results of net_send and net_status. */
#define WASM_NET_DROPPED	1
#define WASM_NET_FULL		2
#define WASM_NET_LINK_UP	1
#define WASM_NET_TX_ROOM	2

/* Disks: flags of disk_probe, operations, and results in disk_done. */
#define WASM_DISK_READONLY	1
#define WASM_DISK_READ		0
#define WASM_DISK_WRITE		1
#define WASM_DISK_FLUSH		2
#define WASM_DISK_DISCARD	3
#define WASM_DISK_OK		0
#define WASM_DISK_EIO		1
#define WASM_DISK_ENOTSUP	2

/* Codes passed to power_off. */
#define WASM_POWER_OFF		0
#define WASM_POWER_HALT		1
#define WASM_POWER_RESTART	2
/* init exited: the low byte is its exit status (128 + signal if killed) */
#define WASM_POWER_INIT_EXIT	0x100

/*
 * Exports of the kernel module:
 *   u32 wasm_boot(void)
 *	boots the kernel; returns on the calling host thread once it has
 *	become the init task (pid 1), with 0, or a negative errno.
 *   u32 wasm_syscall(u32 nr, u32 a0, u32 a1, u32 a2, u32 a3, u32 a4, u32 a5)
 *	runs one system call as the calling host thread's task.  64-bit
 *	arguments take two consecutive slots, low word first.  nr
 *	WASM_SYSCALL_FORK(args, args_size) is the fork of a user thread
 *	that the host unwound for the fork import (user_abi.h): a clone3.
 *	nr WASM_SYSCALL_INTERRUPT(handlers) is a user thread that the host
 *	interrupted (host_user_interrupt) taking its signals; with handlers
 *	0 only those without a handler: returns 1 if others wait.
 *   u32 wasm_clone(u32 flags)
 *	makes a new task (clone flags: a process, or a thread of the
 *	caller's) whose host thread returns to the host; the host runs its
 *	code there.  Returns the new pid or tid.
 *   void wasm_irq(u32 irq)
 *	raises an interrupt, from any host thread.
 *   void wasm_user_trap(u32 sig)
 *	the calling thread's user program trapped: kills its process
 *	with signal sig (SIGSEGV or SIGILL).  Does not return.
 */

#endif /* _UAPI_ASM_WASM_HOST_OPS_H */
