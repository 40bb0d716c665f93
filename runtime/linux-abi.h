/*
 * Numbers of the Linux ABI that the runtime passes to the kernel or gets
 * back from it.  They are wasm32 Linux's, which are the generic ones:
 * include/uapi/asm-generic/{errno-base,errno,fcntl,signal,signal-defs}.h
 * and include/uapi/linux/{fcntl,reboot,sched,stat,sysinfo,time}.h of the kernel
 * source.
 *
 * They are written out here, once, because those headers are not on the
 * runtime's include path (only the wasm architecture's are) and would
 * collide with the host's <errno.h>, <fcntl.h>, <signal.h> and
 * <sys/stat.h>, which the files that call the host need.  The K_ prefix
 * keeps them apart from the host's values, which are the host's and need
 * not be the same.
 */
#ifndef WASMLINUX_LINUX_ABI_H
#define WASMLINUX_LINUX_ABI_H

/* errno */
#define K_ESRCH			3
#define K_EIO			5
#define K_E2BIG			7
#define K_ENOMEM		12
#define K_EFAULT		14
#define K_EBUSY			16
#define K_EEXIST		17
#define K_EINVAL		22
#define K_ENOSPC		28
#define K_ENOSYS		38
#define K_ENAMETOOLONG		36

/* open flags */
#define K_O_RDONLY		00000000
#define K_O_WRONLY		00000001
#define K_O_CREAT		00000100
#define K_O_TRUNC		00001000
#define K_O_DIRECTORY		00200000
#define K_O_NOFOLLOW		00400000
#define K_O_CLOEXEC		02000000

/* struct sysinfo (32-bit longs): freeram and mem_unit, at byte offsets */
#define K_SYSINFO_SIZE		64
#define K_SYSINFO_TOTALRAM	16
#define K_SYSINFO_FREERAM	20
#define K_SYSINFO_MEM_UNIT	52

/* *at() calls */
#define K_AT_FDCWD		(-100)
#define K_AT_SYMLINK_NOFOLLOW	0x100

/* file types in a mode (statx, cpio, mknod) */
#define K_S_IFMT		0170000
#define K_S_IFLNK		0120000
#define K_S_IFREG		0100000
#define K_S_IFDIR		0040000

#define K_STATX_MODE		0x002

/* signals */
#define K_SIGILL		4
#define K_SIGFPE		8
#define K_SIGSEGV		11
#define K_SIGCHLD		17
#define K_SA_NOCLDWAIT		0x002

/* clone flags */
#define K_CLONE_VM		0x00000100
#define K_CLONE_FS		0x00000200
#define K_CLONE_FILES		0x00000400
#define K_CLONE_SIGHAND		0x00000800
#define K_CLONE_THREAD		0x00010000
#define K_CLONE_SYSVSEM		0x00040000

#define K_CLOCK_MONOTONIC	1

/* reboot() */
#define K_LINUX_REBOOT_MAGIC1		0xfee1dead
#define K_LINUX_REBOOT_MAGIC2		672274793
#define K_LINUX_REBOOT_CMD_POWER_OFF	0x4321fedc

#endif
