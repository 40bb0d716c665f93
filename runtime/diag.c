/*
 * What every part of the runtime reports to and how the run ends: the
 * configuration given to wasmlinux_boot(), the statistics, fatal errors
 * and the process exit.  A leaf: it uses only the platform layer, so that
 * any file may die or count without depending on the others.
 */
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"
#include "wasmlinux.h"

struct wl_stats wl_stats;
static const struct wasmlinux_config *config;

const struct wasmlinux_config *wl_config(void)
{
	return config;
}

void wl_configure(const struct wasmlinux_config *cfg)
{
	config = cfg;
}

void wl_stats_print(void)
{
	unsigned long ended = __atomic_load_n(&wl_stats.threads_ended,
					      __ATOMIC_RELAXED);

	fprintf(stderr, "wasmlinux: stats: threads=%lu live=%lu contexts=%lu "
		"memory=%luKiB rss=%zuKiB translations=%lu\n",
		wl_stats.threads, wl_stats.threads - ended, wl_stats.contexts,
		wl_stats.peak_memory >> 10, plat_rss() >> 10,
		wl_stats.translations);
}

_Noreturn void wl_exit(int status)
{
	fflush(NULL);
	if (config && config->stats)
		wl_stats_print();
	fflush(NULL);
	plat_exit(status);
}

_Noreturn void wl_die(int status, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("wasmlinux: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	wl_exit(status);
}
