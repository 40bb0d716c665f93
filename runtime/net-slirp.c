/*
 * The user-mode network (--net user): libslirp, the NAT that QEMU uses,
 * in a thread of its own, behind one Ethernet device.  No privileges are
 * needed: connections to the outside are the host's own sockets.  The
 * network is QEMU's: the system is 10.0.2.15 (by DHCP), the host
 * 10.0.2.2 (its loopback), the DNS server 10.0.2.3 (the host's resolver);
 * fec0::/64 for IPv6.  Options: hostfwd=tcp|udp:[HOSTADDR]:PORT-[ADDR]:PORT
 * (repeatable) forwards a host port in; mtu=N.
 *
 * libslirp is not thread-safe, so everything about it happens on this
 * thread: the kernel's frames reach it through the device's send queue
 * (net.c) and a pipe that wakes its poll().
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <slirp/libslirp.h>

#include "internal.h"
#include "net.h"

/* 2.3 times the throughput of 1500 through the NAT (bench/net-bench.sh) */
#define SLIRP_MTU_DEFAULT	65520
#define SLIRP_MTU_MAX		65520
#define SLIRP_GUEST		"10.0.2.15"

struct slirp_timer {
	SlirpTimerCb cb;
	void *cb_opaque;
	int64_t expire_ms;	/* -1: not armed */
	struct slirp_timer *next;
};

struct net_slirp {
	Slirp *slirp;
	struct wl_netdev *dev;
	int wake[2];		/* kick() writes, the poll loop reads */
	struct pollfd *pfd;
	size_t npfd, pfd_size;
	struct slirp_timer *timers;
	unsigned char *frame;
	size_t frame_size;
};

static ssize_t send_packet(const void *buf, size_t len, void *opaque)
{
	struct net_slirp *ns = opaque;

	/* a full queue drops it: TCP sends again, as on a busy wire */
	wl_net_deliver(ns->dev, buf, len);
	return (ssize_t)len;
}

static void guest_error(const char *msg, void *opaque)
{
	(void)opaque;
	fprintf(stderr, "wasmlinux: network: %s\n", msg);
}

static int64_t clock_get_ns(void *opaque)
{
	(void)opaque;
	return (int64_t)plat_time_mono();
}

static void *timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque)
{
	struct net_slirp *ns = opaque;
	struct slirp_timer *t = calloc(1, sizeof(*t));

	if (!t)
		wl_die(1, "out of host memory");
	t->cb = cb;
	t->cb_opaque = cb_opaque;
	t->expire_ms = -1;
	t->next = ns->timers;
	ns->timers = t;
	return t;
}

static void timer_free(void *timer, void *opaque)
{
	struct net_slirp *ns = opaque;

	for (struct slirp_timer **p = &ns->timers; *p; p = &(*p)->next) {
		if (*p == timer) {
			*p = (*p)->next;
			free(timer);
			return;
		}
	}
}

static void timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
	(void)opaque;
	((struct slirp_timer *)timer)->expire_ms = expire_ms;
}

static void poll_fd_nop(int fd, void *opaque)
{
	(void)fd;
	(void)opaque;
}

static void kick(void *opaque)
{
	struct net_slirp *ns = opaque;
	char c = 0;

	/* the pipe full means a wake-up is already on its way */
	if (write(ns->wake[1], &c, 1) < 0 && errno != EAGAIN)
		wl_die(1, "network: waking its thread: %s", strerror(errno));
}

static const SlirpCb callbacks = {
	.send_packet = send_packet,
	.guest_error = guest_error,
	.clock_get_ns = clock_get_ns,
	.timer_new = timer_new,
	.timer_free = timer_free,
	.timer_mod = timer_mod,
	.register_poll_fd = poll_fd_nop,
	.unregister_poll_fd = poll_fd_nop,
	.notify = kick,
};

static int add_poll(int fd, int events, void *opaque)
{
	struct net_slirp *ns = opaque;
	struct pollfd *p;

	if (ns->npfd == ns->pfd_size) {
		ns->pfd_size = ns->pfd_size ? 2 * ns->pfd_size : 16;
		ns->pfd = realloc(ns->pfd, ns->pfd_size * sizeof(*ns->pfd));
		if (!ns->pfd)
			wl_die(1, "out of host memory");
	}
	p = &ns->pfd[ns->npfd];
	p->fd = fd;
	p->events = (short)((events & SLIRP_POLL_IN ? POLLIN : 0) |
			    (events & SLIRP_POLL_OUT ? POLLOUT : 0) |
			    (events & SLIRP_POLL_PRI ? POLLPRI : 0));
	p->revents = 0;
	return (int)ns->npfd++;
}

static int get_revents(int idx, void *opaque)
{
	struct net_slirp *ns = opaque;
	short r = ns->pfd[idx].revents;

	return (r & POLLIN ? SLIRP_POLL_IN : 0) |
	       (r & POLLOUT ? SLIRP_POLL_OUT : 0) |
	       (r & POLLPRI ? SLIRP_POLL_PRI : 0) |
	       (r & POLLERR ? SLIRP_POLL_ERR : 0) |
	       (r & POLLHUP ? SLIRP_POLL_HUP : 0);
}

/* Runs the timers that are due; returns ms to the next one (or limit). */
static uint32_t run_timers(struct net_slirp *ns, uint32_t limit)
{
	int64_t now = (int64_t)(plat_time_mono() / 1000000);
	bool again;

	do {
		again = false;
		for (struct slirp_timer *t = ns->timers; t; t = t->next) {
			if (t->expire_ms >= 0 && t->expire_ms <= now) {
				t->expire_ms = -1;
				t->cb(t->cb_opaque);
				again = true;	/* the list may have changed */
				break;
			}
		}
	} while (again);
	for (struct slirp_timer *t = ns->timers; t; t = t->next)
		if (t->expire_ms >= 0 && (uint64_t)(t->expire_ms - now) < limit)
			limit = (uint32_t)(t->expire_ms - now);
	return limit;
}

static void slirp_main(void *opaque)
{
	struct net_slirp *ns = opaque;

	wl_net_thread_enter();
	for (;;) {
		uint32_t timeout = UINT32_MAX;
		size_t len;
		int n;

		ns->npfd = 0;
		add_poll(ns->wake[0], SLIRP_POLL_IN, ns);
		slirp_pollfds_fill(ns->slirp, &timeout, add_poll, ns);
		timeout = run_timers(ns, timeout);
		n = poll(ns->pfd, ns->npfd,
			 timeout == UINT32_MAX ? -1 : (int)timeout);
		if (ns->pfd[0].revents & POLLIN) {
			char buf[64];

			while (read(ns->wake[0], buf, sizeof(buf)) > 0)
				;
		}
		slirp_pollfds_poll(ns->slirp, n < 0, get_revents, ns);
		while ((len = wl_net_take(ns->dev, ns->frame, ns->frame_size)))
			slirp_input(ns->slirp, ns->frame, (int)len);
	}
}

/* [ADDR]:PORT; an empty ADDR leaves *addr as it is. */
static bool parse_addr_port(char *s, struct in_addr *addr, int *port)
{
	char *colon = strrchr(s, ':'), *end;
	long p;

	if (!colon)
		return false;
	*colon = 0;
	if (*s && !inet_aton(s, addr))
		return false;
	p = strtol(colon + 1, &end, 10);
	if (*end || end == colon + 1 || p < 0 || p > 65535)
		return false;
	*port = (int)p;
	return true;
}

/* hostfwd=tcp|udp:[HOSTADDR]:PORT-[GUESTADDR]:PORT, as QEMU has it */
static int hostfwd(Slirp *slirp, char *spec, char *why, size_t why_size)
{
	struct in_addr host = { .s_addr = htonl(INADDR_ANY) }, guest;
	int host_port, guest_port, udp;
	char *dash, *rule = spec;

	inet_aton(SLIRP_GUEST, &guest);
	/* the protocol is optional: tcp */
	udp = !strncmp(rule, "udp:", 4);
	if (udp || !strncmp(rule, "tcp:", 4))
		rule += 4;
	dash = strchr(rule, '-');
	if (!dash)
		goto bad;
	*dash = 0;
	if (!parse_addr_port(rule, &host, &host_port) ||
	    !parse_addr_port(dash + 1, &guest, &guest_port) || !guest_port)
		goto bad;
	if (slirp_add_hostfwd(slirp, udp, host, host_port, guest,
			      guest_port) < 0) {
		snprintf(why, why_size, "cannot forward host port %d: %s",
			 host_port, strerror(errno));
		return -1;
	}
	return 0;
bad:
	snprintf(why, why_size, "hostfwd: not [tcp|udp]:[HOSTADDR]:PORT-"
		 "[GUESTADDR]:PORT");
	return -1;
}

int wl_net_slirp_start(const char *options, char *why, size_t why_size)
{
	static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
	SlirpConfig cfg = { .version = 4, .in_enabled = true,
			    .in6_enabled = true, .vhostname = "wasmlinux" };
	struct net_slirp *ns = calloc(1, sizeof(*ns));
	char *opts = strdup(options), *opt, *save = NULL;
	unsigned long mtu = SLIRP_MTU_DEFAULT;
	int ret = -1;

	if (!ns || !opts)
		wl_die(1, "out of host memory");
	/* the first pass only reads mtu=: forwarding needs the instance */
	for (opt = strtok_r(opts, ",", &save); opt;
	     opt = strtok_r(NULL, ",", &save)) {
		char *end;

		if (!strncmp(opt, "mtu=", 4)) {
			mtu = strtoul(opt + 4, &end, 10);
			if (*end || mtu < 576 || mtu > SLIRP_MTU_MAX) {
				snprintf(why, why_size, "mtu: 576 to %d, not "
					 "'%s'", SLIRP_MTU_MAX, opt + 4);
				goto out;
			}
		} else if (strncmp(opt, "hostfwd=", 8)) {
			snprintf(why, why_size, "unknown option '%s' of the "
				 "user network (hostfwd=, mtu=)", opt);
			goto out;
		}
	}
	inet_aton("10.0.2.0", &cfg.vnetwork);
	inet_aton("255.255.255.0", &cfg.vnetmask);
	inet_aton("10.0.2.2", &cfg.vhost);
	inet_aton(SLIRP_GUEST, &cfg.vdhcp_start);
	inet_aton("10.0.2.3", &cfg.vnameserver);
	inet_pton(AF_INET6, "fec0::", &cfg.vprefix_addr6);
	cfg.vprefix_len = 64;
	inet_pton(AF_INET6, "fec0::2", &cfg.vhost6);
	inet_pton(AF_INET6, "fec0::3", &cfg.vnameserver6);
	cfg.if_mtu = mtu;
	cfg.if_mru = mtu;
	ns->slirp = slirp_new(&cfg, &callbacks, ns);
	if (!ns->slirp) {
		snprintf(why, why_size, "libslirp refused its configuration");
		goto out;
	}
	strcpy(opts, options);
	for (opt = strtok_r(opts, ",", &save); opt;
	     opt = strtok_r(NULL, ",", &save))
		if (!strncmp(opt, "hostfwd=", 8) &&
		    hostfwd(ns->slirp, opt + 8, why, why_size))
			goto out;
	ns->frame_size = mtu + 18;	/* an Ethernet header with a VLAN tag */
	ns->frame = malloc(ns->frame_size);
	if (!ns->frame || pipe(ns->wake) ||
	    fcntl(ns->wake[0], F_SETFL, O_NONBLOCK) ||
	    fcntl(ns->wake[1], F_SETFL, O_NONBLOCK)) {
		snprintf(why, why_size, "no pipe for its thread: %s",
			 strerror(errno));
		goto out;
	}
	ns->dev = wl_net_add(mac, (unsigned int)mtu, kick, ns);
	if (!ns->dev || !plat_thread_start(slirp_main, ns)) {
		snprintf(why, why_size, "cannot start its thread");
		goto out;
	}
	wl_stats.threads++;
	ns = NULL;
	ret = 0;
out:
	free(opts);
	if (ns) {
		if (ns->slirp)
			slirp_cleanup(ns->slirp);
		free(ns->frame);
		free(ns);
	}
	return ret;
}
