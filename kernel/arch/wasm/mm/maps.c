// SPDX-License-Identifier: GPL-2.0
/*
 * The mappings of a user program.  Its memory is a wasm memory of its
 * own, which its libc lays out: brk, mmap and the rest are served there
 * (<asm/user_abi.h>), and the kernel cannot map anything into it.  The
 * libc reports what it did with the usual calls instead (mmap2 of the
 * pages it chose, with MAP_FIXED; munmap; mremap; mprotect), and the
 * kernel records each mapping as a VMA without a vm_region (mm/nommu.c),
 * so that /proc/PID/maps, map_files and VmSize describe the program.
 * The VMAs are VM_IO, which get_user_pages() refuses: nothing in the
 * kernel reaches a program's memory through them (copies go through
 * the host, uaccess.c).  Neighbours that agree are merged, as Linux
 * merges them, so that a heap grown by brk stays one mapping.
 *
 * Tasks that run no program (host tasks) have no memory to map: these
 * calls fail for them with EINVAL.
 */
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/syscalls.h>
#include <asm/mmu_context.h>

#define WASM_VM_ALWAYS	(VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_IO)
#define WASM_VM_PROT	(VM_READ | VM_WRITE | VM_EXEC)

/* current's mm if it runs a program, locked for writing; else NULL */
static struct mm_struct *wasm_maps_lock(long *err)
{
	struct mm_struct *mm = current->mm;

	*err = -EINVAL;
	if (!mm || !mm->context.user_mem)
		return NULL;
	*err = -EINTR;
	if (mmap_write_lock_killable(mm))
		return NULL;
	return mm;
}

/* Pages [addr, addr + *len) of the 4 GiB; the end must not wrap to 0. */
static bool wasm_maps_range(unsigned long addr, unsigned long *len)
{
	unsigned long n = PAGE_ALIGN(*len);

	*len = n;
	return !offset_in_page(addr) && n && addr + n > addr;
}

static struct vm_area_struct *wasm_maps_new(struct mm_struct *mm,
					    unsigned long start,
					    unsigned long end,
					    vm_flags_t flags,
					    struct file *file,
					    unsigned long pgoff)
{
	struct vm_area_struct *vma = vm_area_alloc(mm);

	if (!vma)
		return NULL;
	vma->vm_start = start;
	vma->vm_end = end;
	vm_flags_init(vma, flags);
	vma->vm_pgoff = file ? pgoff : 0;
	if (file)
		vma->vm_file = get_file(file);
	else
		vma_set_anonymous(vma);
	return vma;
}

/* A VMA with @vma's attributes over [start, end), a part of it. */
static struct vm_area_struct *wasm_maps_part(struct vm_area_struct *vma,
					     unsigned long start,
					     unsigned long end)
{
	return wasm_maps_new(vma->vm_mm, start, end, vma->vm_flags,
			     vma->vm_file, vma->vm_pgoff +
			     ((start - vma->vm_start) >> PAGE_SHIFT));
}

static void wasm_maps_free(struct vm_area_struct *vma)
{
	if (vma->vm_file)
		fput(vma->vm_file);
	vm_area_free(vma);
}

/* Adds @vma to @mm, or frees it. */
static int wasm_maps_add(struct mm_struct *mm, struct vm_area_struct *vma)
{
	int ret = nommu_add_vma(mm, vma);

	if (ret)
		wasm_maps_free(vma);
	return ret;
}

/* Puts @lo and @hi (either may be NULL) in @vma's place. */
static int wasm_maps_replace(struct vm_area_struct *vma,
			     struct vm_area_struct *lo,
			     struct vm_area_struct *hi)
{
	struct mm_struct *mm = vma->vm_mm;
	int ret = nommu_remove_vma(vma);

	if (ret) {
		if (lo)
			wasm_maps_free(lo);
		if (hi)
			wasm_maps_free(hi);
		return ret;
	}
	if (lo)
		ret = wasm_maps_add(mm, lo);
	if (hi)
		ret = wasm_maps_add(mm, hi) ?: ret;
	return ret;
}

/* Makes @addr a boundary: splits the VMA that it is strictly inside. */
static int wasm_maps_split(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr), *lo, *hi;

	if (!vma || vma->vm_start == addr)
		return 0;
	if (vma->vm_region)
		return -EINVAL;
	lo = wasm_maps_part(vma, vma->vm_start, addr);
	hi = wasm_maps_part(vma, addr, vma->vm_end);
	if (!lo || !hi) {
		if (lo)
			wasm_maps_free(lo);
		if (hi)
			wasm_maps_free(hi);
		return -ENOMEM;
	}
	return wasm_maps_replace(vma, lo, hi);
}

/* Whether @b goes on where @a ends, with the same attributes. */
static bool wasm_maps_agree(struct vm_area_struct *a, struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_flags == b->vm_flags &&
	       a->vm_file == b->vm_file && !a->vm_region && !b->vm_region &&
	       (!a->vm_file || a->vm_pgoff + vma_pages(a) == b->vm_pgoff);
}

/* Merges the VMAs on either side of @addr if they agree. */
static void wasm_maps_merge(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *prev, *next, *vma;

	prev = addr ? vma_lookup(mm, addr - 1) : NULL;
	next = vma_lookup(mm, addr);
	if (!prev || !next || prev == next || !wasm_maps_agree(prev, next))
		return;
	vma = wasm_maps_part(prev, prev->vm_start, next->vm_end);
	if (!vma || nommu_remove_vma(next)) {
		if (vma)
			wasm_maps_free(vma);
		return;
	}
	wasm_maps_replace(prev, vma, NULL);
}

/* Merges what agrees at every boundary of [start, end]. */
static void wasm_maps_tidy(struct mm_struct *mm, unsigned long start,
			   unsigned long end)
{
	unsigned long addr = start;
	struct vm_area_struct *vma;

	for (;;) {
		wasm_maps_merge(mm, addr);
		if (addr == end)
			return;
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start >= end)
			addr = end;
		else if (vma->vm_start > addr)
			addr = vma->vm_start;
		else
			addr = min(vma->vm_end, end);
	}
}

/* Forgets the mappings of [start, end). */
static int wasm_maps_unmap(struct mm_struct *mm, unsigned long start,
			   unsigned long end)
{
	struct vm_area_struct *vma;
	int ret;

	ret = wasm_maps_split(mm, start) ?: wasm_maps_split(mm, end);
	while (!ret && (vma = find_vma_intersection(mm, start, end)))
		ret = vma->vm_region ? -EINVAL : nommu_remove_vma(vma);
	return ret;
}

/* Records [start, end) as mapped with @flags, @file at page @pgoff. */
static int wasm_maps_map(struct mm_struct *mm, unsigned long start,
			 unsigned long end, vm_flags_t flags,
			 struct file *file, unsigned long pgoff)
{
	struct vm_area_struct *vma;
	int ret;

	vma = wasm_maps_new(mm, start, end, flags, file, pgoff);
	if (!vma)
		return -ENOMEM;
	ret = wasm_maps_unmap(mm, start, end);
	if (ret) {
		wasm_maps_free(vma);
		return ret;
	}
	ret = wasm_maps_add(mm, vma);
	if (!ret)
		wasm_maps_tidy(mm, start, end);
	return ret;
}

/*
 * The libc mapped @len bytes at @addr (MAP_FIXED).  A private mapping of
 * the program's own file, its data and bss (that the host laid out), is
 * reported with fd -1 and MAP_EXECUTABLE, which Linux otherwise ignores.
 */
SYSCALL_DEFINE6(mmap2, unsigned long, addr, unsigned long, len,
		unsigned long, prot, unsigned long, flags,
		unsigned long, fd, unsigned long, pgoff)
{
	vm_flags_t vm_flags = calc_vm_prot_bits(prot, 0) | WASM_VM_ALWAYS;
	struct file *file = NULL;
	struct mm_struct *mm;
	long ret = -EINVAL;

	if (!(flags & MAP_FIXED) || !wasm_maps_range(addr, &len))
		return ret;
	if ((flags & MAP_TYPE) != MAP_PRIVATE)
		vm_flags |= VM_MAYSHARE;
	if (flags & MAP_GROWSDOWN)
		vm_flags |= VM_GROWSDOWN;
	if (!(flags & MAP_ANONYMOUS)) {
		if ((int)fd == -1 && (flags & MAP_EXECUTABLE))
			file = get_mm_exe_file(current->mm);
		else
			file = fget(fd);
		if (!file)
			return -EBADF;
	}
	mm = wasm_maps_lock(&ret);
	if (mm) {
		ret = wasm_maps_map(mm, addr, addr + len, vm_flags, file, pgoff);
		mmap_write_unlock(mm);
	}
	if (file)
		fput(file);
	return ret ?: addr;
}

SYSCALL_DEFINE2(wasm_munmap, unsigned long, addr, size_t, len)
{
	struct mm_struct *mm;
	long ret = -EINVAL;

	if (!wasm_maps_range(addr, &len))
		return ret;
	mm = wasm_maps_lock(&ret);
	if (mm) {
		ret = wasm_maps_unmap(mm, addr, addr + len);
		mmap_write_unlock(mm);
	}
	return ret;
}

/*
 * The libc moved or resized the mapping at @addr: within one VMA, as
 * Linux requires.  Without MREMAP_FIXED it stayed in place.
 */
SYSCALL_DEFINE5(wasm_mremap, unsigned long, addr, unsigned long, old_len,
		unsigned long, new_len, unsigned long, flags,
		unsigned long, new_addr)
{
	struct vm_area_struct *vma, *old;
	struct mm_struct *mm;
	long ret = -EINVAL;

	if (!(flags & MREMAP_FIXED))
		new_addr = addr;
	if (!wasm_maps_range(addr, &old_len) ||
	    !wasm_maps_range(new_addr, &new_len))
		return ret;
	mm = wasm_maps_lock(&ret);
	if (!mm)
		return ret;
	vma = vma_lookup(mm, addr);
	old = NULL;
	ret = -EFAULT;
	if (vma && !vma->vm_region && addr + old_len <= vma->vm_end) {
		/* (a copy: the VMA goes with the unmap) */
		old = wasm_maps_part(vma, addr, addr + old_len);
		ret = -ENOMEM;
	}
	if (old) {
		ret = wasm_maps_unmap(mm, addr, addr + old_len) ?:
		      wasm_maps_map(mm, new_addr, new_addr + new_len,
				    old->vm_flags, old->vm_file, old->vm_pgoff);
		wasm_maps_free(old);
	}
	mmap_write_unlock(mm);
	return ret ?: new_addr;
}

/*
 * The protection the program asked for, as /proc/PID/maps shows it.  wasm
 * memory has none: the memory itself stays readable and writable.
 */
SYSCALL_DEFINE3(mprotect, unsigned long, addr, size_t, len,
		unsigned long, prot)
{
	vm_flags_t want = calc_vm_prot_bits(prot, 0);
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	unsigned long end, at;
	long ret = -EINVAL;

	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM |
		     PROT_GROWSDOWN | PROT_GROWSUP) ||
	    !wasm_maps_range(addr, &len))
		return ret;
	mm = wasm_maps_lock(&ret);
	if (!mm)
		return ret;
	end = addr + len;
	/* every page must be mapped */
	for (at = addr, ret = 0; at < end; at = vma->vm_end) {
		vma = vma_lookup(mm, at);
		if (!vma || vma->vm_region) {
			ret = -ENOMEM;
			break;
		}
	}
	if (!ret)
		ret = wasm_maps_split(mm, addr) ?: wasm_maps_split(mm, end);
	for (at = addr; !ret && at < end; at = vma->vm_end) {
		vma = vma_lookup(mm, at);
		vm_flags_reset(vma, (vma->vm_flags & ~WASM_VM_PROT) | want);
	}
	if (!ret)
		wasm_maps_tidy(mm, addr, end);
	mmap_write_unlock(mm);
	return ret;
}

/* fork: the child's @mm gets a copy of the mappings of @old. */
int wasm_maps_fork(struct mm_struct *mm, struct mm_struct *old)
{
	VMA_ITERATOR(vmi, old, 0);
	struct vm_area_struct *vma, *copy;
	int ret = 0;

	mmap_read_lock(old);
	mmap_write_lock(mm);
	for_each_vma(vmi, vma) {
		if (vma->vm_region)
			continue;
		copy = wasm_maps_new(mm, vma->vm_start, vma->vm_end,
				     vma->vm_flags, vma->vm_file,
				     vma->vm_pgoff);
		ret = copy ? wasm_maps_add(mm, copy) : -ENOMEM;
		if (ret)
			break;
	}
	mmap_write_unlock(mm);
	mmap_read_unlock(old);
	return ret;
}

/* The mappings of an mm that dies before exit_mmap() (a failed fork). */
void wasm_maps_destroy(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	while ((vma = find_vma(mm, 0)) && !nommu_remove_vma(vma))
		;
}
