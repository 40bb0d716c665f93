/*
 * Network devices of the native runtime: the queues behind the kernel's
 * net_* host operations (net.c), between the kernel and a backend
 * (net-slirp.c) that runs on threads of its own.
 *
 * A backend adds its devices with wl_net_add() before the kernel boots.
 * Frames the kernel sends wait in the device's send queue; the backend's
 * kick() is called when one arrives in an empty queue, and it takes them
 * with wl_net_take().  Frames for the kernel go in with wl_net_deliver().
 * Both may raise WASM_IRQ_NET, so a backend calls them from threads that
 * began with wl_net_thread_enter() and hold none of the kernel's locks.
 *
 * The backend also runs outside the runtime: wasmlinux-net (net-helper.c)
 * implements this side of the interface over its standard streams, for
 * the web host.
 */
#ifndef WASMLINUX_NET_H
#define WASMLINUX_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct wl_netdev;

struct wl_netdev *wl_net_add(const uint8_t mac[6], unsigned int mtu,
			     void (*kick)(void *opaque), void *opaque);
/* Copies the next frame to send into buf (size bytes); its length or 0. */
size_t wl_net_take(struct wl_netdev *dev, void *buf, size_t size);
/* Queues a frame for the kernel; false if the queue is full (dropped). */
bool wl_net_deliver(struct wl_netdev *dev, const void *frame, size_t len);
/* The backend is there or not (the kernel's carrier). */
void wl_net_link(struct wl_netdev *dev, bool up);
/* First thing on a backend's thread: what raising interrupts needs. */
void wl_net_thread_enter(void);

/*
 * Starts the network that spec describes (wasmlinux_config.net): NULL or
 * "none" for none, "user[,OPTION...]" for net-slirp.c's (net-start.c).
 * Returns 0, or -1 with the reason in why.
 */
int wl_net_start(const char *spec, char *why, size_t why_size);
int wl_net_slirp_start(const char *options, char *why, size_t why_size);

#endif
