/*
 * For a build without translation on demand (the Windows one: the
 * translator's tools, wasm2c, python3 and a C compiler, are Debian's):
 * only the programs built in run (translate.c has the other side).
 */
#include <stdio.h>

#include "internal.h"
#include "wasmlinux.h"

static const char no_translation[] =
	"cannot translate it: this build runs only the programs built into "
	"it (no translation on demand on this host)";

void wl_translate_init(void)
{
}

const struct wl_program *wl_translated(const uint8_t *module, size_t size,
				       uint64_t hash, const char *path,
				       char *why, size_t why_size)
{
	(void)module, (void)size, (void)hash, (void)path;
	snprintf(why, why_size, "%s", no_translation);
	return NULL;
}

int wasmlinux_compile(const char *path, const char *dir, char *why,
		      size_t why_size)
{
	(void)dir;
	snprintf(why, why_size, "%s: %s", path, no_translation);
	return -1;
}
