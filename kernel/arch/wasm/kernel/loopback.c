// SPDX-License-Identifier: GPL-2.0
/*
 * The loopback interface is up from the start.  Programs here often run
 * as init themselves (the host's --exec, the embedding API) with no
 * start-up scripts to bring it up, and expect 127.0.0.1 to work, as it
 * does in the system /init starts.
 */
#include <linux/init.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>

static int __init wasm_loopback_up(void)
{
	struct net_device *lo = init_net.loopback_dev;
	int ret;

	rtnl_lock();
	ret = dev_change_flags(lo, lo->flags | IFF_UP, NULL);
	rtnl_unlock();
	if (ret)
		pr_err("loopback: not up (%d)\n", ret);
	return 0;
}
late_initcall(wasm_loopback_up);
