// SPDX-License-Identifier: GPL-2.0
/*
 * User programs: wasm modules with a memory of their own (see
 * <asm/user_abi.h>).  The kernel never maps that memory; it reaches it
 * through host operations, and asks the host to start a new image when a
 * program is executed.
 */
#include <linux/binfmts.h>
#include <linux/elf.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/personality.h>
#include <linux/random.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/host.h>
#include <asm/cpu.h>
#include <asm/mmu_context.h>

u32 wasm_user_mem(void)
{
	struct mm_struct *mm = current->mm;

	return mm ? mm->context.user_mem : 0;
}

int init_new_context(struct task_struct *tsk, struct mm_struct *mm)
{
	mm->context.user_mem = 0;
	return 0;
}

void destroy_context(struct mm_struct *mm)
{
	if (mm->context.user_mem)
		host_user_mem_free(mm->context.user_mem);
}

unsigned long raw_copy_from_user(void *to, const void __user *from,
				 unsigned long n)
{
	u32 mem = wasm_user_mem();

	if (mem)
		return host_user_read(mem, HOST_ADDR(to), HOST_ADDR(from), n);
	memcpy(to, (const void __force *)from, n);
	return 0;
}

unsigned long raw_copy_to_user(void __user *to, const void *from,
			       unsigned long n)
{
	u32 mem = wasm_user_mem();

	if (mem)
		return host_user_write(mem, HOST_ADDR(to), HOST_ADDR(from), n);
	memcpy((void __force *)to, from, n);
	return 0;
}

unsigned long __clear_user(void __user *to, unsigned long n)
{
	u32 mem = wasm_user_mem();

	if (mem)
		return host_user_clear(mem, HOST_ADDR(to), n);
	memset((void __force *)to, 0, n);
	return 0;
}

/* The length with the NUL, 0 on a fault, more than n if it is longer. */
long strnlen_user(const char __user *src, long n)
{
	u32 mem = wasm_user_mem();
	u64 end = (u64)__builtin_wasm_memory_size(0) << 16;
	unsigned long addr = (unsigned long)src;
	long len;

	if (n <= 0)
		return 0;
	if (mem)
		return host_user_strnlen(mem, addr, n);
	if (addr < WASM_NULL_GUARD || addr >= end)
		return 0;
	if (n > end - addr)
		n = end - addr;
	len = strnlen((const char __force *)src, n);
	/* a string that runs into the end of memory is a fault */
	if (len == n && addr + n == end)
		return 0;
	return len < n ? len + 1 : n + 1;
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long len;

	if (count <= 0)
		return 0;
	len = strnlen_user(src, count);
	if (!len)
		return -EFAULT;
	if (len > count)
		len = count;
	if (raw_copy_from_user(dst, src, len))
		return -EFAULT;
	return dst[len - 1] ? len : len - 1;
}

/*
 * The program's arguments in its own memory: argc, argv[], NULL, envp[],
 * NULL, the auxiliary vector, then the strings, which bprm keeps in its
 * pages from bprm->p up, argv's first.
 */
#define WASM_AUXV	6

static int wasm_user_args(struct linux_binprm *bprm, u32 mem, u32 base,
			  unsigned long strings)
{
	unsigned long nptrs = 1 + bprm->argc + 1 + bprm->envc + 1 +
			      2 * WASM_AUXV;
	unsigned long hdr = nptrs * sizeof(u32) + 16;	/* + AT_RANDOM */
	unsigned long size = hdr + strings, off, i, n;
	u32 *p, str;
	char *buf, *s;
	int ret = 0;

	buf = kvmalloc(size, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	/* strings from the argument pages */
	for (off = 0; off < strings; off += n) {
		unsigned long pos = bprm->p + off;
		struct page *page = bprm->page[pos / PAGE_SIZE];

		n = min(strings - off, PAGE_SIZE - pos % PAGE_SIZE);
		memcpy(buf + hdr + off, page_address(page) + pos % PAGE_SIZE,
		       n);
	}
	p = (u32 *)buf;
	*p++ = bprm->argc;
	s = buf + hdr;
	str = base + hdr;
	for (i = 0; i < bprm->argc + bprm->envc; i++) {
		n = strnlen(s, buf + size - s) + 1;
		*p++ = str;
		s += n;
		str += n;
		if (i + 1 == bprm->argc)
			*p++ = 0;
	}
	if (!bprm->argc)
		*p++ = 0;
	*p++ = 0;
	get_random_bytes(buf + nptrs * sizeof(u32), 16);
	*p++ = AT_PAGESZ;	*p++ = PAGE_SIZE;
	*p++ = AT_RANDOM;	*p++ = base + nptrs * sizeof(u32);
	*p++ = AT_UID;		*p++ = from_kuid_munged(&init_user_ns, current_uid());
	*p++ = AT_EUID;		*p++ = from_kuid_munged(&init_user_ns, current_euid());
	*p++ = AT_SECURE;	*p++ = bprm->secureexec;
	*p++ = AT_NULL;		*p++ = 0;

	if (host_user_write(mem, base, HOST_ADDR(buf), size))
		ret = -EFAULT;
	kvfree(buf);
	return ret;
}

static struct linux_binfmt wasm_format;

static int load_wasm_binary(struct linux_binprm *bprm)
{
	static const char magic[8] = "\0asm\1\0\0\0";
	unsigned long strings = PAGE_SIZE * MAX_ARG_PAGES - bprm->p;
	unsigned long args_size;
	loff_t size, pos = 0;
	u32 image, mem, base;
	void *buf;
	int ret;

	if (memcmp(bprm->buf, magic, sizeof(magic)))
		return -ENOEXEC;
	size = i_size_read(file_inode(bprm->file));
	if (size > SZ_1G)
		return -ENOEXEC;
	buf = kvmalloc(size, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = kernel_read(bprm->file, buf, size, &pos);
	image = ret == size ? host_user_image(HOST_ADDR(buf), size) : 0;
	kvfree(buf);
	if (ret < 0)
		return ret;
	if (!image) {
		pr_warn_ratelimited("%s: a wasm module that this host cannot run\n",
				    bprm->filename);
		return -ENOEXEC;
	}

	ret = begin_new_exec(bprm);
	if (ret)
		return ret;
	set_personality(PER_LINUX);
	setup_new_exec(bprm);

	args_size = (1 + bprm->argc + 1 + bprm->envc + 1 + 2 * WASM_AUXV) *
		    sizeof(u32) + 16 + strings;
	mem = host_user_mem_create(image, args_size, HOST_ADDR(&base));
	if (!mem)
		return -ENOMEM;
	current->mm->context.user_mem = mem;
	ret = wasm_user_args(bprm, mem, base, strings);
	if (ret)
		return ret;

	set_binfmt(&wasm_format);
	current->thread.exec_mem = mem;
	current->thread.exec_args = base;
	current->thread.user_start = wasm_user_start;
	finalize_exec(bprm);
	return 0;
}

static struct linux_binfmt wasm_format = {
	.module		= THIS_MODULE,
	.load_binary	= load_wasm_binary,
};

static int __init wasm_binfmt_init(void)
{
	register_binfmt(&wasm_format);
	return 0;
}
core_initcall(wasm_binfmt_init);
