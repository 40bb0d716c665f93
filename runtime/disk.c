/*
 * The host side of the kernel's disks (disk_* host operations): each disk
 * is a host file, with a thread of its own that carries out the kernel's
 * operations in order and lists them as done, raising WASM_IRQ_DISK, so
 * that the kernel never waits for the host's I/O.  A disk is
 * "FILE[,ro]" in wasmlinux_config.disks; its size is the file's, rounded
 * down to whole sectors.  A discard punches a hole in the file, giving its
 * space back to the host.  Errors of the host (a file gone, truncated, or
 * failing) are EIO for the operation, never the end of the run.
 */
#include <stdlib.h>
#include <string.h>

#include "disk.h"
#include "internal.h"

#define DISK_MAX	16
#define SECTOR		512u
#define MAX_SEGS	128

struct disk_op {
	uint32_t op, tag, nseg;
	uint64_t sector, discard;	/* bytes to discard */
	struct plat_iov iov[MAX_SEGS];
	struct disk_op *next;
};

struct disk {
	intptr_t file;
	bool ro;
	uint64_t size;
	char *path;
	struct plat_mutex *lock;
	struct plat_sem *work;
	struct disk_op *head, *tail;	/* to do, in order */
	uint32_t *done;			/* (tag, status) pairs */
	size_t ndone, done_size;
};

static struct disk *disks[DISK_MAX];
static unsigned int ndisks;

static uint32_t disk_io(struct disk *d, struct disk_op *o)
{
	uint64_t off = o->sector * SECTOR;
	size_t total = 0;

	switch (o->op) {
	case WASM_DISK_FLUSH:
		return plat_file_sync(d->file) ? WASM_DISK_OK : WASM_DISK_EIO;
	case WASM_DISK_DISCARD:
		if (off + o->discard > d->size || d->ro)
			return WASM_DISK_EIO;
		/*
		 * A hole gives the host its space back.  Where the file cannot
		 * have holes the sectors keep their bytes: discard is advice.
		 */
		return plat_file_punch(d->file, off, o->discard) ?
		       WASM_DISK_OK : WASM_DISK_EIO;
	case WASM_DISK_READ:
	case WASM_DISK_WRITE:
		break;
	default:
		return WASM_DISK_ENOTSUP;
	}
	for (uint32_t i = 0; i < o->nseg; i++)
		total += o->iov[i].len;
	if (off + total > d->size)
		return WASM_DISK_EIO;
	if (o->op == WASM_DISK_WRITE && d->ro)
		return WASM_DISK_EIO;
	/* a file that shrank under us reads short: that is EIO too */
	return plat_file_io(d->file, o->op == WASM_DISK_WRITE, o->iov, o->nseg,
			    off) ? WASM_DISK_OK : WASM_DISK_EIO;
}

static void disk_main(void *opaque)
{
	struct disk *d = opaque;
	wl_ctx *ctx = wl_ctx_new();

	wl_thread_adopt(ctx);
	for (;;) {
		struct disk_op *o;
		uint32_t status;

		plat_sem_down(d->work);
		plat_mutex_lock(d->lock);
		o = d->head;
		d->head = o->next;
		if (!d->head)
			d->tail = NULL;
		plat_mutex_unlock(d->lock);
		status = disk_io(d, o);
		plat_mutex_lock(d->lock);
		if (d->ndone + 2 > d->done_size) {
			d->done_size = d->done_size ? 2 * d->done_size : 128;
			d->done = realloc(d->done, d->done_size * sizeof(*d->done));
			if (!d->done)
				wl_die(1, "out of host memory");
		}
		d->done[d->ndone++] = o->tag;
		d->done[d->ndone++] = status;
		plat_mutex_unlock(d->lock);
		free(o);
		Z_kernelZ_wasm_irq(&ctx->inst, WASM_IRQ_DISK);
	}
}

static int disk_add(const char *spec, char *why, size_t why_size)
{
	struct disk *d;
	const char *comma = strrchr(spec, ',');
	bool ro = comma && !strcmp(comma, ",ro");
	size_t len = ro ? (size_t)(comma - spec) : strlen(spec);

	if (ndisks == DISK_MAX) {
		snprintf(why, why_size, "more than %d disks", DISK_MAX);
		return -1;
	}
	d = calloc(1, sizeof(*d));
	if (!d || !(d->path = malloc(len + 1)))
		wl_die(1, "out of host memory");
	memcpy(d->path, spec, len);
	d->path[len] = 0;
	d->ro = ro;
	d->file = plat_file_open(d->path, ro, &d->size, why, why_size);
	if (d->file == -1)
		goto fail;
	d->size = d->size / SECTOR * SECTOR;
	if (!d->size) {
		snprintf(why, why_size, "%s: smaller than a sector (512 bytes)",
			 d->path);
		goto fail;
	}
	d->lock = plat_mutex_new();
	d->work = plat_sem_new(0);
	if (!plat_thread_start(disk_main, d)) {
		snprintf(why, why_size, "%s: no thread for it", d->path);
		goto fail;
	}
	wl_stats.threads++;
	disks[ndisks++] = d;
	return 0;
fail:
	if (d->file != -1)
		plat_file_close(d->file);
	free(d->path);
	free(d);
	return -1;
}

int wl_disks_start(const char *const *specs, char *why, size_t why_size)
{
	for (; specs && *specs; specs++)
		if (disk_add(*specs, why, why_size))
			return -1;
	return 0;
}

u64 Z_hostZ_disk_probe(wl_ctx *ctx, u32 index, u32 flags)
{
	(void)ctx;
	if (index >= ndisks)
		return 0;
	*(uint32_t *)wl_ptr(flags) = disks[index]->ro ? WASM_DISK_READONLY : 0;
	return disks[index]->size;
}

u32 Z_hostZ_disk_submit(wl_ctx *ctx, u32 index, u32 op, u64 sector,
			u32 segs, u32 nseg, u32 tag)
{
	struct disk *d = index < ndisks ? disks[index] : NULL;
	struct disk_op *o;

	(void)ctx;
	if (!d || nseg > MAX_SEGS ||
	    (uint64_t)segs + 8ull * nseg > wl_env.memory.size)
		return 1;
	o = calloc(1, sizeof(*o));
	if (!o)
		return 1;
	o->op = op;
	o->tag = tag;
	o->sector = sector;
	o->nseg = op == WASM_DISK_DISCARD ? 0 : nseg;
	if (op == WASM_DISK_DISCARD && nseg == 1) {
		uint32_t seg[2];

		memcpy(seg, wl_ptr(segs), sizeof(seg));
		o->discard = seg[1];
	}
	for (uint32_t i = 0; i < o->nseg; i++) {
		uint32_t seg[2];

		memcpy(seg, wl_ptr(segs + 8 * i), sizeof(seg));
		if ((uint64_t)seg[0] + seg[1] > wl_env.memory.size) {
			free(o);
			return 1;
		}
		o->iov[i].base = wl_ptr(seg[0]);
		o->iov[i].len = seg[1];
	}
	plat_mutex_lock(d->lock);
	if (d->tail)
		d->tail->next = o;
	else
		d->head = o;
	d->tail = o;
	plat_mutex_unlock(d->lock);
	plat_sem_up(d->work);
	return 0;
}

u32 Z_hostZ_disk_done(wl_ctx *ctx, u32 index, u32 done, u32 max)
{
	struct disk *d = index < ndisks ? disks[index] : NULL;
	size_t n;

	(void)ctx;
	if (!d || (uint64_t)done + 8ull * max > wl_env.memory.size)
		return 0;
	plat_mutex_lock(d->lock);
	n = d->ndone / 2 < max ? d->ndone / 2 : max;
	memcpy(wl_ptr(done), d->done, n * 8);
	memmove(d->done, d->done + 2 * n, (d->ndone - 2 * n) * sizeof(*d->done));
	d->ndone -= 2 * n;
	plat_mutex_unlock(d->lock);
	return (u32)n;
}
