// SPDX-License-Identifier: GPL-2.0
/*
 * Ethernet devices of the host: eth0, eth1, ... for each device that
 * host_net_probe() reports.  Frames are copied into the host's send queue
 * with host_net_send() and out of its receive queue with host_net_recv(),
 * neither of which waits for the host's network.  WASM_IRQ_NET says that
 * frames arrived (NAPI then reads them in batches), that the send queue
 * has room again, or that the link changed.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <asm/host.h>
#include <asm/irq.h>

#define HOSTNET_MAX_DEVS	8
/* Most frames are small (ACKs, ARP): try a buffer this big first. */
#define HOSTNET_RX_FIRST	2048

struct hostnet {
	struct napi_struct napi;
	struct net_device *ndev;
	u32 index;		/* the host's device number */
};

/* The largest frame the device can carry. */
static unsigned int hostnet_max_frame(struct net_device *ndev)
{
	return ndev->max_mtu + VLAN_ETH_HLEN;
}

/* Takes the next frame from the host: an skb, NULL if none waits. */
static struct sk_buff *hostnet_rx_one(struct hostnet *hn, bool *more)
{
	struct net_device *ndev = hn->ndev;
	struct sk_buff *skb;
	u32 len;

	/* short of memory, whether or not a frame waits: poll again */
	*more = true;
	skb = napi_alloc_skb(&hn->napi, HOSTNET_RX_FIRST);
	if (!skb)
		return NULL;
	len = host_net_recv(hn->index, HOST_ADDR(skb->data),
			    skb_tailroom(skb));
	*more = len != 0;
	if (len > skb_tailroom(skb)) {
		dev_kfree_skb_any(skb);
		skb = NULL;
		if (len <= hostnet_max_frame(ndev))
			skb = napi_alloc_skb(&hn->napi, len);
		if (!skb) {
			/* too big for the device, or no memory: drop it */
			host_net_recv(hn->index, 0, 0);
			if (len > hostnet_max_frame(ndev))
				ndev->stats.rx_length_errors++;
			ndev->stats.rx_dropped++;
			return NULL;
		}
		len = host_net_recv(hn->index, HOST_ADDR(skb->data), len);
	}
	if (len < ETH_HLEN || len > skb_tailroom(skb)) {
		if (len) {
			ndev->stats.rx_length_errors++;
			ndev->stats.rx_errors++;
		}
		dev_kfree_skb_any(skb);
		return NULL;
	}
	skb_put(skb, len);
	skb->protocol = eth_type_trans(skb, ndev);
	ndev->stats.rx_packets++;
	ndev->stats.rx_bytes += len;
	return skb;
}

static int hostnet_poll(struct napi_struct *napi, int budget)
{
	struct hostnet *hn = container_of(napi, struct hostnet, napi);
	int done = 0;

	while (done < budget) {
		bool more;
		struct sk_buff *skb = hostnet_rx_one(hn, &more);

		if (!more)
			break;
		if (skb)
			napi_gro_receive(napi, skb);
		done++;
	}
	/* If the host found its queue empty, it raises the next IRQ. */
	if (done < budget)
		napi_complete_done(napi, done);
	return done;
}

static void hostnet_link(struct hostnet *hn, u32 status)
{
	bool up = status & WASM_NET_LINK_UP;

	if (up != netif_carrier_ok(hn->ndev)) {
		if (up)
			netif_carrier_on(hn->ndev);
		else
			netif_carrier_off(hn->ndev);
	}
}

static irqreturn_t hostnet_interrupt(int irq, void *dev_id)
{
	struct hostnet *hn = dev_id;
	u32 status;

	status = host_net_status(hn->index);
	hostnet_link(hn, status);
	if (netif_queue_stopped(hn->ndev) && (status & WASM_NET_TX_ROOM))
		netif_wake_queue(hn->ndev);
	napi_schedule(&hn->napi);
	return IRQ_HANDLED;
}

static netdev_tx_t hostnet_xmit(struct sk_buff *skb, struct net_device *ndev)
{
	struct hostnet *hn = netdev_priv(ndev);
	u32 ret;

	if (skb_linearize(skb)) {
		ndev->stats.tx_dropped++;
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	ret = host_net_send(hn->index, HOST_ADDR(skb->data), skb->len);
	if (ret & WASM_NET_DROPPED) {
		ndev->stats.tx_dropped++;
	} else {
		ndev->stats.tx_packets++;
		ndev->stats.tx_bytes += skb->len;
	}
	/* the IRQ that says there is room cannot come before this */
	if (ret & WASM_NET_FULL)
		netif_stop_queue(ndev);
	dev_consume_skb_any(skb);
	return NETDEV_TX_OK;
}

static int hostnet_open(struct net_device *ndev)
{
	struct hostnet *hn = netdev_priv(ndev);
	int ret;

	ret = request_irq(WASM_IRQ_NET, hostnet_interrupt, IRQF_SHARED,
			  netdev_name(ndev), hn);
	if (ret)
		return ret;
	napi_enable(&hn->napi);
	hostnet_link(hn, host_net_status(hn->index));
	netif_start_queue(ndev);
	/* frames that came while the device was down */
	napi_schedule(&hn->napi);
	return 0;
}

static int hostnet_stop(struct net_device *ndev)
{
	struct hostnet *hn = netdev_priv(ndev);

	netif_stop_queue(ndev);
	napi_disable(&hn->napi);
	free_irq(WASM_IRQ_NET, hn);
	netif_carrier_off(ndev);
	return 0;
}

static const struct net_device_ops hostnet_ops = {
	.ndo_open		= hostnet_open,
	.ndo_stop		= hostnet_stop,
	.ndo_start_xmit		= hostnet_xmit,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_set_mac_address	= eth_mac_addr,
};

static int __init hostnet_add(u32 index, u32 mtu, const u8 *mac)
{
	struct net_device *ndev;
	struct hostnet *hn;
	int ret;

	ndev = alloc_etherdev(sizeof(*hn));
	if (!ndev)
		return -ENOMEM;
	hn = netdev_priv(ndev);
	hn->ndev = ndev;
	hn->index = index;
	ndev->netdev_ops = &hostnet_ops;
	ndev->min_mtu = ETH_MIN_MTU;
	ndev->max_mtu = max_t(u32, ETH_MIN_MTU, min_t(u32, mtu, ETH_MAX_MTU));
	ndev->mtu = ndev->max_mtu;
	if (is_valid_ether_addr(mac))
		eth_hw_addr_set(ndev, mac);
	else
		eth_hw_addr_random(ndev);
	netif_napi_add(ndev, &hn->napi, hostnet_poll);
	netif_carrier_off(ndev);
	ret = register_netdev(ndev);
	if (ret) {
		netif_napi_del(&hn->napi);
		free_netdev(ndev);
		return ret;
	}
	netdev_info(ndev, "host network device %u, MTU %u, %pM\n", index,
		    ndev->mtu, ndev->dev_addr);
	return 0;
}

static int __init hostnet_init(void)
{
	u8 mac[ETH_ALEN];
	u32 index, mtu;

	for (index = 0; index < HOSTNET_MAX_DEVS; index++) {
		mtu = host_net_probe(index, HOST_ADDR(mac));
		if (!mtu)
			break;
		if (hostnet_add(index, mtu, mac))
			pr_err("hostnet: device %u not added\n", index);
	}
	return 0;
}
device_initcall(hostnet_init);
