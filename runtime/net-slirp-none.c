/*
 * For a build without libslirp (the Windows one: Debian has no libslirp
 * for it): --net user is refused, with the reason (net.h).
 */
#include <stdio.h>

#include "net.h"

int wl_net_slirp_start(const char *options, char *why, size_t why_size)
{
	(void)options;
	snprintf(why, why_size, "no user-mode network in this build "
		 "(libslirp is not built for this host): use --net none");
	return -1;
}
