/*
 * The host side of the kernel's network devices (net.h): for each device
 * a queue of frames the kernel sent and one of frames for the kernel,
 * each guarded by the device's lock and never waited on by the kernel.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "net.h"

#define NET_MAX_DEVS	8
/* Frames each queue holds: enough for a TCP window of full frames. */
#define NET_QUEUE	512

struct frame {
	size_t len;
	unsigned char data[];
};

struct queue {
	struct frame *f[NET_QUEUE];
	unsigned int head, count;
};

struct wl_netdev {
	uint8_t mac[6];
	unsigned int mtu;
	void (*kick)(void *opaque);
	void *opaque;
	struct plat_mutex *lock;
	struct queue tx, rx;
	bool link;
	bool tx_stopped;	/* the kernel was told FULL: owed an IRQ */
	bool rx_idle;		/* the kernel found rx empty: owed an IRQ */
};

static struct wl_netdev *devs[NET_MAX_DEVS];
static unsigned int ndevs;

static bool queue_put(struct queue *q, struct frame *f)
{
	if (q->count == NET_QUEUE)
		return false;
	q->f[(q->head + q->count++) % NET_QUEUE] = f;
	return true;
}

static struct frame *queue_peek(struct queue *q)
{
	return q->count ? q->f[q->head] : NULL;
}

static void queue_drop(struct queue *q)
{
	free(q->f[q->head]);
	q->head = (q->head + 1) % NET_QUEUE;
	q->count--;
}

static struct frame *frame_new(const void *data, size_t len)
{
	struct frame *f = malloc(sizeof(*f) + len);

	if (f) {
		f->len = len;
		memcpy(f->data, data, len);
	}
	return f;
}

static void raise_irq(void)
{
	wl_ctx *ctx = wl_ctx_self();

	if (!ctx)
		wl_die(1, "a network backend thread has no kernel context");
	Z_kernelZ_wasm_irq(&ctx->inst, WASM_IRQ_NET);
}

struct wl_netdev *wl_net_add(const uint8_t mac[6], unsigned int mtu,
			     void (*kick)(void *opaque), void *opaque)
{
	struct wl_netdev *dev;

	if (ndevs == NET_MAX_DEVS || !(dev = calloc(1, sizeof(*dev))))
		return NULL;
	memcpy(dev->mac, mac, 6);
	dev->mtu = mtu;
	dev->kick = kick;
	dev->opaque = opaque;
	dev->lock = plat_mutex_new();
	dev->link = true;
	dev->rx_idle = true;
	devs[ndevs++] = dev;
	return dev;
}

size_t wl_net_take(struct wl_netdev *dev, void *buf, size_t size)
{
	struct frame *f;
	size_t len = 0;
	bool irq = false;

	plat_mutex_lock(dev->lock);
	while ((f = queue_peek(&dev->tx)) && !len) {
		if (f->len <= size) {
			len = f->len;
			memcpy(buf, f->data, len);
		}
		queue_drop(&dev->tx);
	}
	if (dev->tx_stopped && dev->tx.count <= NET_QUEUE / 2) {
		dev->tx_stopped = false;
		irq = true;
	}
	plat_mutex_unlock(dev->lock);
	if (irq)
		raise_irq();
	return len;
}

bool wl_net_deliver(struct wl_netdev *dev, const void *frame, size_t len)
{
	struct frame *f = frame_new(frame, len);
	bool queued, irq;

	if (!f)
		return false;
	plat_mutex_lock(dev->lock);
	queued = queue_put(&dev->rx, f);
	irq = queued && dev->rx_idle;
	if (irq)
		dev->rx_idle = false;
	plat_mutex_unlock(dev->lock);
	if (!queued)
		free(f);
	if (irq)
		raise_irq();
	return queued;
}

void wl_net_thread_enter(void)
{
	wl_thread_adopt(wl_ctx_new());
}

void wl_net_link(struct wl_netdev *dev, bool up)
{
	plat_mutex_lock(dev->lock);
	dev->link = up;
	plat_mutex_unlock(dev->lock);
	raise_irq();
}

static struct wl_netdev *dev_get(u32 index)
{
	return index < ndevs ? devs[index] : NULL;
}

u32 Z_hostZ_net_probe(wl_ctx *ctx, u32 index, u32 mac)
{
	struct wl_netdev *dev = dev_get(index);

	(void)ctx;
	if (!dev)
		return 0;
	memcpy(wl_ptr(mac), dev->mac, 6);
	return dev->mtu;
}

u32 Z_hostZ_net_send(wl_ctx *ctx, u32 index, u32 addr, u32 len)
{
	struct wl_netdev *dev = dev_get(index);
	struct frame *f;
	u32 ret = 0;
	bool kick;

	(void)ctx;
	if (!dev || (uint64_t)addr + len > wl_env.memory.size ||
	    !(f = frame_new(wl_ptr(addr), len)))
		return WASM_NET_DROPPED;
	plat_mutex_lock(dev->lock);
	kick = !dev->tx.count;
	if (!dev->link || !queue_put(&dev->tx, f)) {
		free(f);
		ret = WASM_NET_DROPPED;
	}
	if (dev->tx.count == NET_QUEUE) {
		dev->tx_stopped = true;
		ret |= WASM_NET_FULL;
	}
	plat_mutex_unlock(dev->lock);
	if (kick && !(ret & WASM_NET_DROPPED))
		dev->kick(dev->opaque);
	return ret;
}

u32 Z_hostZ_net_recv(wl_ctx *ctx, u32 index, u32 addr, u32 size)
{
	struct wl_netdev *dev = dev_get(index);
	struct frame *f;
	u32 len = 0;

	(void)ctx;
	if (!dev || (uint64_t)addr + size > wl_env.memory.size)
		return 0;
	plat_mutex_lock(dev->lock);
	f = queue_peek(&dev->rx);
	if (!f) {
		dev->rx_idle = true;
	} else {
		len = (u32)f->len;
		if (!size || f->len <= size) {
			if (size)
				memcpy(wl_ptr(addr), f->data, f->len);
			queue_drop(&dev->rx);
		}
	}
	plat_mutex_unlock(dev->lock);
	return len;
}

u32 Z_hostZ_net_status(wl_ctx *ctx, u32 index)
{
	struct wl_netdev *dev = dev_get(index);
	u32 status = 0;

	(void)ctx;
	if (!dev)
		return 0;
	plat_mutex_lock(dev->lock);
	if (dev->link)
		status |= WASM_NET_LINK_UP;
	if (!dev->tx_stopped)
		status |= WASM_NET_TX_ROOM;
	plat_mutex_unlock(dev->lock);
	return status;
}
