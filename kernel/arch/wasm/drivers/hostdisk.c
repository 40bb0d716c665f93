// SPDX-License-Identifier: GPL-2.0
/*
 * Disks of the host: vda, vdb, ... for each disk that host_disk_probe()
 * reports, through blk-mq.  A request's segments go to the host with
 * host_disk_submit(); host threads read or write them while the kernel
 * goes on, and WASM_IRQ_DISK says that some have ended, which
 * host_disk_done() lists by tag.
 */
#include <linux/blk-mq.h>
#include <linux/blkdev.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/major.h>
#include <asm/host.h>
#include <asm/irq.h>

#define HOSTDISK_MAX_DISKS	16
#define HOSTDISK_MINORS		16	/* the disk and 15 partitions */
#define HOSTDISK_DEPTH		64
#define HOSTDISK_SEGS		128
#define HOSTDISK_DONE_BATCH	32

/* One segment as the host reads it: u32 address, u32 length. */
struct hostdisk_seg {
	u32 addr;
	u32 len;
};

struct hostdisk_cmd {
	struct hostdisk_seg seg[HOSTDISK_SEGS];
	blk_status_t status;
};

struct hostdisk {
	u32 index;
	struct blk_mq_tag_set set;
	struct gendisk *disk;
};

static int hostdisk_major;

static blk_status_t hostdisk_queue_rq(struct blk_mq_hw_ctx *hctx,
				      const struct blk_mq_queue_data *bd)
{
	struct request *rq = bd->rq;
	struct hostdisk *hd = rq->q->queuedata;
	struct hostdisk_cmd *cmd = blk_mq_rq_to_pdu(rq);
	struct req_iterator iter;
	struct bio_vec bv;
	u32 op, n = 0;

	switch (req_op(rq)) {
	case REQ_OP_READ:
		op = WASM_DISK_READ;
		break;
	case REQ_OP_WRITE:
		op = WASM_DISK_WRITE;
		break;
	case REQ_OP_FLUSH:
		op = WASM_DISK_FLUSH;
		break;
	case REQ_OP_DISCARD:
		op = WASM_DISK_DISCARD;
		break;
	default:
		return BLK_STS_NOTSUPP;
	}
	blk_mq_start_request(rq);
	if (op == WASM_DISK_DISCARD) {
		cmd->seg[n].addr = 0;
		cmd->seg[n++].len = blk_rq_bytes(rq);
	} else if (op != WASM_DISK_FLUSH) {
		rq_for_each_segment(bv, rq, iter) {
			if (n == HOSTDISK_SEGS)
				return BLK_STS_IOERR;
			cmd->seg[n].addr = HOST_ADDR(bvec_virt(&bv));
			cmd->seg[n++].len = bv.bv_len;
		}
	}
	if (host_disk_submit(hd->index, op, blk_rq_pos(rq), HOST_ADDR(cmd->seg),
			     n, rq->tag))
		return BLK_STS_IOERR;
	return BLK_STS_OK;
}

static void hostdisk_complete(struct request *rq)
{
	struct hostdisk_cmd *cmd = blk_mq_rq_to_pdu(rq);

	blk_mq_end_request(rq, cmd->status);
}

static const struct blk_mq_ops hostdisk_mq_ops = {
	.queue_rq	= hostdisk_queue_rq,
	.complete	= hostdisk_complete,
};

static blk_status_t hostdisk_status(u32 status)
{
	switch (status) {
	case WASM_DISK_OK:
		return BLK_STS_OK;
	case WASM_DISK_ENOTSUP:
		return BLK_STS_NOTSUPP;
	default:
		return BLK_STS_IOERR;
	}
}

static irqreturn_t hostdisk_interrupt(int irq, void *dev_id)
{
	static u32 done[2 * HOSTDISK_DONE_BATCH];	/* one CPU, no nesting */
	struct hostdisk *hd = dev_id;
	u32 n, i;

	while ((n = host_disk_done(hd->index, HOST_ADDR(done),
				   HOSTDISK_DONE_BATCH)) > 0) {
		for (i = 0; i < n && i < HOSTDISK_DONE_BATCH; i++) {
			struct request *rq;

			if (done[2 * i] >= HOSTDISK_DEPTH)
				continue;
			rq = blk_mq_tag_to_rq(hd->set.tags[0], done[2 * i]);
			if (!rq)
				continue;
			((struct hostdisk_cmd *)blk_mq_rq_to_pdu(rq))->status =
				hostdisk_status(done[2 * i + 1]);
			blk_mq_complete_request(rq);
		}
	}
	return IRQ_HANDLED;
}

static const struct block_device_operations hostdisk_fops = {
	.owner		= THIS_MODULE,
};

static int __init hostdisk_add(u32 index, u64 bytes, u32 flags)
{
	struct queue_limits lim = {
		.logical_block_size	= SECTOR_SIZE,
		.max_hw_sectors		= HOSTDISK_SEGS * (PAGE_SIZE >> SECTOR_SHIFT),
		.max_segments		= HOSTDISK_SEGS,
		.max_segment_size	= PAGE_SIZE,
		.max_hw_discard_sectors	= UINT_MAX >> SECTOR_SHIFT,
		.features		= BLK_FEAT_WRITE_CACHE,
	};
	struct hostdisk *hd;
	struct gendisk *disk;
	int ret;

	hd = kzalloc(sizeof(*hd), GFP_KERNEL);
	if (!hd)
		return -ENOMEM;
	hd->index = index;
	hd->set.ops = &hostdisk_mq_ops;
	hd->set.nr_hw_queues = 1;
	hd->set.queue_depth = HOSTDISK_DEPTH;
	hd->set.numa_node = NUMA_NO_NODE;
	hd->set.cmd_size = sizeof(struct hostdisk_cmd);
	hd->set.flags = BLK_MQ_F_SHOULD_MERGE;
	ret = blk_mq_alloc_tag_set(&hd->set);
	if (ret)
		goto err_free;
	disk = blk_mq_alloc_disk(&hd->set, &lim, hd);
	if (IS_ERR(disk)) {
		ret = PTR_ERR(disk);
		goto err_set;
	}
	hd->disk = disk;
	disk->major = hostdisk_major;
	disk->first_minor = index * HOSTDISK_MINORS;
	disk->minors = HOSTDISK_MINORS;
	disk->fops = &hostdisk_fops;
	disk->private_data = hd;
	snprintf(disk->disk_name, DISK_NAME_LEN, "vd%c", 'a' + index);
	set_capacity(disk, bytes >> SECTOR_SHIFT);
	set_disk_ro(disk, flags & WASM_DISK_READONLY);
	ret = request_irq(WASM_IRQ_DISK, hostdisk_interrupt, IRQF_SHARED,
			  disk->disk_name, hd);
	if (ret)
		goto err_disk;
	ret = add_disk(disk);
	if (ret)
		goto err_irq;
	pr_info("%s: host disk %u, %llu bytes%s\n", disk->disk_name, index,
		bytes, flags & WASM_DISK_READONLY ? ", read-only" : "");
	return 0;

err_irq:
	free_irq(WASM_IRQ_DISK, hd);
err_disk:
	put_disk(disk);
err_set:
	blk_mq_free_tag_set(&hd->set);
err_free:
	kfree(hd);
	return ret;
}

static int __init hostdisk_init(void)
{
	u32 index, flags;
	u64 bytes;

	hostdisk_major = register_blkdev(0, "hostdisk");
	if (hostdisk_major < 0)
		return hostdisk_major;
	for (index = 0; index < HOSTDISK_MAX_DISKS; index++) {
		flags = 0;
		bytes = host_disk_probe(index, HOST_ADDR(&flags));
		if (!bytes)
			break;
		if (hostdisk_add(index, bytes, flags))
			pr_err("hostdisk: disk %u not added\n", index);
	}
	return 0;
}
device_initcall(hostdisk_init);
