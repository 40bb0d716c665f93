/* Which network backend a --net specification names (net.h). */
#include <stdio.h>
#include <string.h>

#include "net.h"

int wl_net_start(const char *spec, char *why, size_t why_size)
{
	if (!spec || !strcmp(spec, "none"))
		return 0;
	if (!strcmp(spec, "user"))
		return wl_net_slirp_start("", why, why_size);
	if (!strncmp(spec, "user,", 5))
		return wl_net_slirp_start(spec + 5, why, why_size);
	snprintf(why, why_size, "unknown network '%s' (user or none)", spec);
	return -1;
}
