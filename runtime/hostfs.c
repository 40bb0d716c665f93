/*
 * Host files in and out of the kernel's filesystem, through system calls
 * of the calling task: a cpio archive (newc, as initramfs uses) or a host
 * directory is copied in; a kernel file or directory tree is copied out.
 * Modes, flags and errors of the kernel are its own (linux-abi.h); a
 * failed host call is passed on as the host's errno, which is Linux's
 * only on Linux.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <asm/unistd_32.h>

#include "internal.h"
#include "linux-abi.h"
#include "wasmlinux.h"

#define CHUNK		65536u

/* A kernel-memory buffer: a path area and a data area. */
struct kio {
	uint32_t base;
	char *path;		/* at base, PATH_MAX bytes */
	char *data;		/* at base + 4096, CHUNK bytes */
};

static long ksys(long nr, long a, long b, long c, long d, long e)
{
	return wasmlinux_syscall(nr, a, b, c, d, e, 0);
}

static int kio_open(struct kio *k)
{
	k->base = wl_mem_alloc(4096 + CHUNK);
	if (!k->base)
		return -K_ENOMEM;
	k->path = wl_ptr(k->base);
	k->data = wl_ptr(k->base + 4096);
	return 0;
}

static long kpath(struct kio *k, const char *path)
{
	if (strlen(path) >= 4096)
		return -K_ENAMETOOLONG;
	strcpy(k->path, path);
	return k->base;
}

static long kmkdir_p(struct kio *k, const char *path, unsigned int mode)
{
	char *p = strdup(path);
	long ret = 0;

	if (!p)
		return -K_ENOMEM;
	for (char *s = p + 1; ret >= 0; s++) {
		char c = *s;

		if (c != '/' && c)
			continue;
		*s = 0;
		ret = ksys(__NR_mkdirat, K_AT_FDCWD, kpath(k, p), c ? 0755 : mode, 0, 0);
		if (ret == -K_EEXIST)
			ret = 0;
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return ret;
}

/*
 * Writes n bytes from the host (or zeros if src is NULL) to a new file,
 * which replaces one of that name (as cpio does: it may be running).
 */
/*
 * Whether N more bytes of files fit in the kernel's memory, leaving it a
 * sixteenth of it (4 MiB at least).  A file of the root's tmpfs is
 * memory; written by the loading task, which no OOM killer can choose,
 * past the end of memory it would panic the kernel ("deadlocked on
 * memory") rather than fail.
 */
static int kroom(struct kio *k, uint64_t n)
{
	uint32_t unit;
	uint64_t total, free_bytes, reserve;

	if (ksys(__NR_sysinfo, k->base + 4096, 0, 0, 0, 0) < 0)
		return 1;
	unit = *(uint32_t *)(k->data + K_SYSINFO_MEM_UNIT);
	if (!unit)
		unit = 1;
	total = (uint64_t)*(uint32_t *)(k->data + K_SYSINFO_TOTALRAM) * unit;
	free_bytes = (uint64_t)*(uint32_t *)(k->data + K_SYSINFO_FREERAM) * unit;
	reserve = total / 16 > (4u << 20) ? total / 16 : (4u << 20);
	return free_bytes > reserve && n <= free_bytes - reserve;
}

static long kwrite_file(struct kio *k, const char *path, unsigned int mode,
			const void *src, FILE *from, uint64_t n)
{
	long fd, ret = 0;

	if (!kroom(k, n))
		return -K_ENOSPC;
	ksys(__NR_unlinkat, K_AT_FDCWD, kpath(k, path), 0, 0, 0);
	fd = ksys(__NR_openat, K_AT_FDCWD, kpath(k, path),
		  K_O_WRONLY | K_O_CREAT | K_O_TRUNC, mode, 0);

	if (fd < 0)
		return fd;
	while (n && ret >= 0) {
		uint32_t len = n > CHUNK ? CHUNK : (uint32_t)n;

		if (src) {
			memcpy(k->data, src, len);
			src = (const char *)src + len;
		} else if (fread(k->data, 1, len, from) != len) {
			ret = -K_EIO;
			break;
		}
		ret = ksys(__NR_write, fd, k->base + 4096, len, 0, 0);
		if (ret >= 0 && (uint32_t)ret != len)
			ret = -K_EIO;
		n -= len;
	}
	ksys(__NR_fchmodat, K_AT_FDCWD, kpath(k, path), mode, 0, 0);
	ksys(__NR_close, fd, 0, 0, 0, 0);
	return ret < 0 ? ret : 0;
}

static unsigned long hex8(const char *s)
{
	char buf[9];

	memcpy(buf, s, 8);
	buf[8] = 0;
	return strtoul(buf, NULL, 16);
}

static long load_cpio(struct kio *k, FILE *f, const char *dest)
{
	char hdr[110], name[4096], target[4096];
	long ret = 0;

	while (ret >= 0 && fread(hdr, 1, sizeof(hdr), f) == sizeof(hdr)) {
		unsigned long mode, size, namesize, pad;
		char full[8192];

		if (memcmp(hdr, "070701", 6) && memcmp(hdr, "070702", 6))
			return -K_EINVAL;
		mode = hex8(hdr + 14);
		size = hex8(hdr + 54);
		namesize = hex8(hdr + 94);
		pad = (4 - size % 4) % 4;
		if (!namesize || namesize > sizeof(name) ||
		    fread(name, 1, namesize, f) != namesize)
			return -K_EINVAL;
		name[namesize - 1] = 0;
		fseek(f, (long)((4 - (110 + namesize) % 4) % 4), SEEK_CUR);
		if (!strcmp(name, "TRAILER!!!"))
			return 0;
		while (name[0] == '.' && name[1] == '/')
			memmove(name, name + 2, strlen(name + 2) + 1);
		snprintf(full, sizeof(full), "%s/%s", strcmp(dest, "/") ? dest : "",
			 strcmp(name, ".") ? name : "");

		switch (mode & K_S_IFMT) {
		case K_S_IFDIR:
			ret = kmkdir_p(k, full, mode & 07777);
			break;
		case K_S_IFREG:
			ret = kwrite_file(k, full, mode & 07777, NULL, f, size);
			size = 0;
			break;
		case K_S_IFLNK:
			if (size >= sizeof(target) || fread(target, 1, size, f) != size)
				return -K_EINVAL;
			target[size] = 0;
			size = 0;
			strcpy(k->data, target);
			ret = ksys(__NR_symlinkat, k->base + 4096, K_AT_FDCWD,
				   kpath(k, full), 0, 0);
			break;
		default:	/* devices and fifos: devtmpfs provides /dev */
			ret = ksys(__NR_mknodat, K_AT_FDCWD, kpath(k, full), mode,
				   (long)((hex8(hdr + 78) << 8) | hex8(hdr + 86)), 0);
			break;
		}
		if (ret == -K_EEXIST)
			ret = 0;
		/* what the entry did not read of its data, and the padding */
		fseek(f, (long)(size + pad), SEEK_CUR);
	}
	/* no trailer: cut short or not cpio */
	return ret < 0 ? ret : -K_EINVAL;
}

static long load_dir(struct kio *k, const char *host, const char *dest)
{
	DIR *d = opendir(host);
	struct dirent *e;
	long ret;

	if (!d)
		return -errno;
	ret = kmkdir_p(k, dest, 0755);
	while (ret >= 0 && (e = readdir(d))) {
		char h[4096], kp[4096], target[4096];
		struct plat_stat st;
		long n;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(h, sizeof(h), "%s/%s", host, e->d_name);
		snprintf(kp, sizeof(kp), "%s/%s", strcmp(dest, "/") ? dest : "",
			 e->d_name);
		if (plat_stat(h, false, &st))
			continue;
		if (st.kind == PLAT_FILE_DIR) {
			ret = load_dir(k, h, kp);
		} else if (st.kind == PLAT_FILE_REG) {
			FILE *f = fopen(h, "rb");

			if (!f) {
				ret = -errno;
				break;
			}
			ret = kwrite_file(k, kp, st.mode, NULL, f, st.size);
			fclose(f);
		} else if (st.kind == PLAT_FILE_LINK &&
			   (n = plat_readlink(h, target, sizeof(target) - 1)) >= 0) {
			target[n] = 0;
			strcpy(k->data, target);
			ret = ksys(__NR_symlinkat, k->base + 4096, K_AT_FDCWD,
				   kpath(k, kp), 0, 0);
			if (ret == -K_EEXIST)
				ret = 0;
		}
	}
	closedir(d);
	return ret;
}

long wasmlinux_load(const char *host_path, const char *dest)
{
	struct kio k;
	struct plat_stat st;
	long ret;

	ret = plat_stat(host_path, true, &st);
	if (ret)
		return ret;
	ret = kio_open(&k);
	if (ret)
		return ret;
	if (st.kind == PLAT_FILE_DIR) {
		ret = load_dir(&k, host_path, dest);
	} else {
		FILE *f = fopen(host_path, "rb");

		ret = f ? kmkdir_p(&k, dest, 0755) : -errno;
		if (ret >= 0)
			ret = load_cpio(&k, f, dest);
		if (f)
			fclose(f);
	}
	wl_mem_free(k.base);
	return ret;
}

static long copy_out(struct kio *k, const char *src, const char *host)
{
	uint32_t st = k->base + 4096;	/* struct statx in the data area */
	uint16_t mode;
	long ret, fd, n;

	ret = ksys(__NR_statx, K_AT_FDCWD, kpath(k, src),
		   K_AT_SYMLINK_NOFOLLOW, K_STATX_MODE, st);
	if (ret < 0)
		return ret;
	memcpy(&mode, k->data + 28, sizeof(mode));	/* stx_mode */
	if ((mode & K_S_IFMT) == K_S_IFDIR) {
		char *names = NULL, child_k[4096], child_h[4096];
		size_t len = 0;

		ret = plat_mkdir(host, mode & 07777);
		if (ret)
			return ret;
		fd = ksys(__NR_openat, K_AT_FDCWD, kpath(k, src),
			  K_O_RDONLY | K_O_DIRECTORY, 0, 0);
		if (fd < 0)
			return fd;
		/* collect names first: the data area is reused below */
		while ((n = ksys(__NR_getdents64, fd, k->base + 4096, CHUNK, 0, 0)) > 0) {
			for (long off = 0; off < n;) {
				uint16_t reclen;
				const char *name = k->data + off + 19;

				memcpy(&reclen, k->data + off + 16, 2);
				if (strcmp(name, ".") && strcmp(name, "..")) {
					size_t l = strlen(name) + 1;
					char *p = realloc(names, len + l);

					if (!p)
						break;
					names = p;
					memcpy(names + len, name, l);
					len += l;
				}
				off += reclen;
			}
		}
		ksys(__NR_close, fd, 0, 0, 0, 0);
		ret = n < 0 ? n : 0;
		for (size_t off = 0; off < len && ret >= 0; off += strlen(names + off) + 1) {
			snprintf(child_k, sizeof(child_k), "%s/%s", src, names + off);
			snprintf(child_h, sizeof(child_h), "%s/%s", host, names + off);
			ret = copy_out(k, child_k, child_h);
		}
		free(names);
		return ret;
	}
	if ((mode & K_S_IFMT) == K_S_IFLNK) {
		n = ksys(__NR_readlinkat, K_AT_FDCWD, kpath(k, src),
			 k->base + 4096, CHUNK - 1, 0);
		if (n < 0)
			return n;
		k->data[n] = 0;
		return plat_symlink(k->data, host);
	}
	fd = ksys(__NR_openat, K_AT_FDCWD, kpath(k, src), K_O_RDONLY | K_O_NOFOLLOW, 0, 0);
	if (fd < 0)
		return fd;
	FILE *f = fopen(host, "wb");

	if (!f) {
		ksys(__NR_close, fd, 0, 0, 0, 0);
		return -errno;
	}
	while ((n = ksys(__NR_read, fd, k->base + 4096, CHUNK, 0, 0)) > 0)
		if (fwrite(k->data, 1, (size_t)n, f) != (size_t)n) {
			n = -K_EIO;
			break;
		}
	ksys(__NR_close, fd, 0, 0, 0, 0);
	if (fclose(f) && n >= 0)
		n = -errno;
	plat_chmod(host, mode & 07777);
	return n < 0 ? n : 0;
}

long wasmlinux_copy_out(const char *src, const char *host_path)
{
	struct kio k;
	long ret = kio_open(&k);

	if (ret)
		return ret;
	ret = copy_out(&k, src, host_path);
	wl_mem_free(k.base);
	return ret;
}
