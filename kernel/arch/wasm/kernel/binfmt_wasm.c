// SPDX-License-Identifier: GPL-2.0
/*
 * The binary format of user programs: wasm modules with a memory of their
 * own (see <asm/user_abi.h>).  Executing one asks the host for a new
 * process memory with the module's image and writes the arguments into
 * it; the host starts the program when the system call returns.
 */
#include <linux/binfmts.h>
#include <linux/elf.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/personality.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <asm/user_abi.h>
#include <asm/host.h>
#include "wasm_arch.h"

/*
 * The program's arguments in its own memory: argc, argv[], NULL, envp[],
 * NULL, the auxiliary vector, then the strings, which bprm keeps in its
 * pages from bprm->p up, argv's first.
 */
#define WASM_AUXV	6
#define WASM_RANDOM_SIZE	16	/* the bytes AT_RANDOM points to */

/* The bytes before the strings: the words, then AT_RANDOM's bytes. */
static unsigned long wasm_args_header(struct linux_binprm *bprm)
{
	unsigned long words = 1 + bprm->argc + 1 + bprm->envc + 1 +
			      2 * WASM_AUXV;

	return words * sizeof(u32) + WASM_RANDOM_SIZE;
}

static int wasm_user_args(struct linux_binprm *bprm, u32 mem, u32 base,
			  unsigned long strings)
{
	unsigned long hdr = wasm_args_header(bprm);
	unsigned long random = hdr - WASM_RANDOM_SIZE;
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
	/* (the strings, for /proc/PID/cmdline and environ) */
	current->mm->arg_start = current->mm->arg_end = str;
	for (i = 0; i < bprm->argc + bprm->envc; i++) {
		n = strnlen(s, buf + size - s) + 1;
		*p++ = str;
		s += n;
		str += n;
		if (i + 1 == bprm->argc) {
			*p++ = 0;
			current->mm->arg_end = str;
		}
	}
	current->mm->env_start = current->mm->arg_end;
	current->mm->env_end = str;
	current->mm->context.args = kmemdup(buf + hdr, str - (base + hdr),
					    GFP_KERNEL);
	if (!bprm->argc)
		*p++ = 0;
	*p++ = 0;
	get_random_bytes(buf + random, WASM_RANDOM_SIZE);
	*p++ = AT_PAGESZ;	*p++ = PAGE_SIZE;
	*p++ = AT_RANDOM;	*p++ = base + random;
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

/*
 * The module's pages: the page cache's own (@cached: a reference on each),
 * or copies.
 */
static void wasm_module_free(struct wasm_module_seg *seg, size_t n,
			     bool cached)
{
	size_t i;

	for (i = 0; i < n && seg[i].addr; i++) {
		if (cached)
			put_page(virt_to_page((void *)seg[i].addr));
		else
			free_page(seg[i].addr);
	}
	kvfree(seg);
}

/*
 * The page cache's pages of the module: no copy of it (a program is
 * executed over and over, and exec denies writes to it meanwhile).
 */
static int wasm_module_pages(struct file *file, loff_t size,
			     struct wasm_module_seg *seg, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct page *page = read_mapping_page(file->f_mapping, i, file);

		if (IS_ERR(page))
			return PTR_ERR(page);
		seg[i].addr = HOST_ADDR(page_address(page));
		seg[i].len = min_t(loff_t, PAGE_SIZE, size - i * PAGE_SIZE);
	}
	return 0;
}

/*
 * The @size bytes of the module in @file, a page to a segment (struct
 * wasm_module_seg), in *@segp for wasm_module_free(*@segp, @n, *@cached):
 * the page cache's pages where the file has them, copies otherwise.
 */
static int wasm_module_read(struct file *file, loff_t size,
			    struct wasm_module_seg **segp, size_t *n,
			    bool *cached)
{
	struct wasm_module_seg *seg;
	loff_t pos = 0;
	ssize_t got;
	size_t i;

	*n = DIV_ROUND_UP(size, PAGE_SIZE);
	*segp = seg = kvcalloc(*n, sizeof(*seg), GFP_KERNEL);
	if (!seg)
		return -ENOMEM;
	*cached = file->f_mapping && file->f_mapping->a_ops &&
		  file->f_mapping->a_ops->read_folio;
	if (*cached)
		return wasm_module_pages(file, size, seg, *n);
	for (i = 0; i < *n; i++) {
		void *page = (void *)__get_free_page(GFP_KERNEL);
		size_t len = min_t(loff_t, PAGE_SIZE, size - pos);

		if (!page)
			return -ENOMEM;
		seg[i].addr = HOST_ADDR(page);
		seg[i].len = len;
		got = kernel_read(file, page, len, &pos);
		if (got < 0)
			return got;
		if (got != len)
			return -EIO;
	}
	return 0;
}

/*
 * What names the contents of an executed file for the host, which may
 * then skip hashing them (each exec of BusyBox hashed 1.6 MiB): the
 * inode and its change time, which every write moves.  File times are
 * coarse (a tick), so a file changed within the last two ticks gets no
 * id: a write later in the same tick would leave the same time.
 */
struct wasm_image_id {
	u64 ino;
	s64 ctime_sec;
	u64 size;
	u32 dev;
	u32 generation;
	u32 ctime_nsec;
	u32 pad;
};

static u32 wasm_image_id(struct file *file, struct wasm_image_id *id)
{
	struct inode *inode = file_inode(file);
	struct timespec64 ctime = inode_get_ctime(inode), now;

	ktime_get_coarse_real_ts64(&now);
	if (timespec64_to_ns(&now) - timespec64_to_ns(&ctime) <
	    2 * TICK_NSEC)
		return 0;
	memset(id, 0, sizeof(*id));
	id->ino = inode->i_ino;
	id->ctime_sec = ctime.tv_sec;
	id->size = i_size_read(inode);
	id->dev = inode->i_sb->s_dev;
	id->generation = inode->i_generation;
	id->ctime_nsec = ctime.tv_nsec;
	return sizeof(*id);
}

/*
 * The host's image of the module in @seg.  The host may translate it,
 * which takes seconds: the CPU is let go meanwhile, so only this task
 * waits (and nothing here touches kernel data until it is back).
 */
static u32 wasm_user_image(struct linux_binprm *bprm,
			   const struct wasm_module_seg *seg, size_t n,
			   char *why, size_t why_size)
{
	struct task_struct *t = current;
	struct wasm_image_id id;
	u32 id_len = wasm_image_id(bprm->file, &id);
	u32 image;

	wasm_host_leave();
	image = host_user_image(HOST_ADDR(seg), n, HOST_ADDR(bprm->filename),
				HOST_ADDR(why), why_size, HOST_ADDR(&id),
				id_len);
	wasm_host_enter(t);
	why[why_size - 1] = 0;
	return image;
}

static int load_wasm_binary(struct linux_binprm *bprm)
{
	static const char magic[4] = "\0asm";
	unsigned long strings = PAGE_SIZE * MAX_ARG_PAGES - bprm->p;
	char why[160] = "";
	struct wasm_module_seg *seg;
	u32 image = 0, mem, base;
	bool threads = false, cached = false;
	size_t nseg;
	loff_t size;
	int ret;

	if (memcmp(bprm->buf, magic, sizeof(magic)))
		return -ENOEXEC;
	size = i_size_read(file_inode(bprm->file));
	if (size > WASM_USER_MAX_MODULE) {
		pr_warn_ratelimited("%s: %lld MiB, more than a program may be (%u MiB)\n",
				    bprm->filename, size >> 20,
				    WASM_USER_MAX_MODULE >> 20);
		return -ENOEXEC;
	}
	ret = wasm_module_read(bprm->file, size, &seg, &nseg, &cached);
	if (!ret)
		ret = wasm_module_check(seg, size, &threads, why, sizeof(why));
	if (!ret)
		image = wasm_user_image(bprm, seg, nseg, why, sizeof(why));
	if (seg)
		wasm_module_free(seg, nseg, cached);
	if (ret == -ENOEXEC || (!ret && !image)) {
		pr_warn_ratelimited("%s: %s\n", bprm->filename,
				    why[0] ? why : "this host cannot run it");
		return -ENOEXEC;
	}
	if (ret < 0)
		return ret;

	ret = begin_new_exec(bprm);
	if (ret)
		return ret;
	set_personality(PER_LINUX);
	setup_new_exec(bprm);

	mem = host_user_mem_create(image, wasm_args_header(bprm) + strings,
				   HOST_ADDR(&base));
	if (!mem)
		return -ENOMEM;
	current->mm->context.user_mem = mem;
	current->mm->context.threads = threads;
	/* where argc is, as elsewhere: the top of the [stack] mapping */
	current->mm->start_stack = base;
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
