/* Disks of the native runtime (disk.c). */
#ifndef WASMLINUX_DISK_H
#define WASMLINUX_DISK_H

#include <stddef.h>

/*
 * Opens the disks of wasmlinux_config.disks ("FILE[,ro]" each, NULL-ended)
 * and starts their threads.  Returns 0, or -1 with the reason in why.
 */
int wl_disks_start(const char *const *specs, char *why, size_t why_size);

#endif
