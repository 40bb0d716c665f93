/*
 * wasmlinux-net: the user-mode network (net-slirp.c) as a program of its
 * own, for the web host, which cannot load libslirp: web/cli.mjs starts it
 * for Node.js, web/serve.mjs for the page.  It takes the --net
 * specification as its argument and carries Ethernet frames on its
 * standard streams, each after its length as 4 bytes, big-endian (the
 * framing of QEMU's stream network backend).  Before the first frame it
 * writes one line: "wasmlinux-net mtu=N mac=XX:XX:XX:XX:XX:XX".  It ends
 * when its input does; an error in the specification is a message on
 * standard error and exit status 1.
 *
 * It implements the backend's side of net.h over those streams.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "net.h"

#define HELPER_QUEUE	256

struct wl_netdev {
	void (*kick)(void *opaque);
	void *opaque;
	struct plat_mutex *lock;
	struct plat_mutex *out_lock;
	unsigned char *in[HELPER_QUEUE];	/* frames from stdin, length first */
	unsigned int head, count;
	struct plat_sem *room;
	unsigned int mtu;
};

static struct wl_netdev the_dev;
static bool added;

static bool read_full(void *buf, size_t n)
{
	for (unsigned char *p = buf; n;) {
		ssize_t r = read(0, p, n);

		if (r <= 0)
			return false;
		p += r;
		n -= (size_t)r;
	}
	return true;
}

static bool write_full(const void *buf, size_t n)
{
	for (const unsigned char *p = buf; n;) {
		ssize_t r = write(1, p, n);

		if (r <= 0)
			return false;
		p += r;
		n -= (size_t)r;
	}
	return true;
}

/* Frames from the web host, into the queue that wl_net_take() empties. */
static void reader(void *opaque)
{
	struct wl_netdev *dev = opaque;

	for (;;) {
		unsigned char hdr[4], *f;
		uint32_t len;
		bool kick;

		if (!read_full(hdr, 4))
			exit(0);	/* the web host has gone */
		len = (uint32_t)hdr[0] << 24 | hdr[1] << 16 | hdr[2] << 8 | hdr[3];
		if (len > dev->mtu + 18u) {
			fprintf(stderr, "wasmlinux-net: a frame of %u bytes\n", len);
			exit(1);
		}
		f = malloc(4 + len);
		if (!f || !read_full(f + 4, len))
			exit(f ? 0 : 1);
		memcpy(f, &len, 4);
		plat_sem_down(dev->room);
		plat_mutex_lock(dev->lock);
		kick = !dev->count;
		dev->in[(dev->head + dev->count++) % HELPER_QUEUE] = f;
		plat_mutex_unlock(dev->lock);
		if (kick)
			dev->kick(dev->opaque);
	}
}

struct wl_netdev *wl_net_add(const uint8_t mac[6], unsigned int mtu,
			     void (*kick)(void *opaque), void *opaque)
{
	struct wl_netdev *dev = &the_dev;

	if (added)
		return NULL;
	added = true;
	dev->kick = kick;
	dev->opaque = opaque;
	dev->mtu = mtu;
	dev->lock = plat_mutex_new();
	dev->out_lock = plat_mutex_new();
	dev->room = plat_sem_new(HELPER_QUEUE);
	printf("wasmlinux-net mtu=%u mac=%02x:%02x:%02x:%02x:%02x:%02x\n", mtu,
	       mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	fflush(stdout);
	if (!plat_thread_start(reader, dev))
		return NULL;
	return dev;
}

size_t wl_net_take(struct wl_netdev *dev, void *buf, size_t size)
{
	unsigned char *f = NULL;
	uint32_t len = 0;

	plat_mutex_lock(dev->lock);
	if (dev->count) {
		f = dev->in[dev->head];
		dev->head = (dev->head + 1) % HELPER_QUEUE;
		dev->count--;
	}
	plat_mutex_unlock(dev->lock);
	if (!f)
		return 0;
	plat_sem_up(dev->room);
	memcpy(&len, f, 4);
	if (len <= size)
		memcpy(buf, f + 4, len);
	else
		len = 0;
	free(f);
	return len;
}

bool wl_net_deliver(struct wl_netdev *dev, const void *frame, size_t len)
{
	unsigned char hdr[4] = { len >> 24, len >> 16, len >> 8, len };
	bool ok;

	plat_mutex_lock(dev->out_lock);
	ok = write_full(hdr, 4) && write_full(frame, len);
	plat_mutex_unlock(dev->out_lock);
	if (!ok)
		exit(0);	/* the web host has gone */
	return true;
}

void wl_net_link(struct wl_netdev *dev, bool up)
{
	(void)dev;
	(void)up;
}

void wl_net_thread_enter(void)
{
}

int main(int argc, char **argv)
{
	char why[256];

	if (argc != 2 || !strncmp(argv[1], "none", 4)) {
		fputs("usage: wasmlinux-net user[,OPTION...]  (the --net of "
		      "wasmlinux)\n", stderr);
		return 1;
	}
	if (wl_net_start(argv[1], why, sizeof(why))) {
		fprintf(stderr, "wasmlinux: network '%s': %s\n", argv[1], why);
		return 1;
	}
	for (;;)
		pause();
}
