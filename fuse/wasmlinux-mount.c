/*
 * wasmlinux-mount: a filesystem image mounted on the host through FUSE,
 * by Linux's own filesystem code: it boots the kernel as a library with
 * the image as its disk (/dev/vda), mounts that inside, and answers the
 * host's FUSE requests with system calls there.  As an ordinary user, for
 * every filesystem the kernel has (ext4, vfat, squashfs, iso9660, ...).
 *
 *   wasmlinux-mount [-r] [-t TYPE] [-f] IMAGE MOUNTPOINT
 *
 * -r mounts read-only (the disk too), -t names the filesystem (default:
 * the first of ext4, vfat, iso9660, squashfs that mounts), -f stays in the
 * foreground.  fusermount3 -u MOUNTPOINT unmounts; the image is then
 * unmounted inside, synced, and the kernel powered off.
 *
 * FUSE's requests are served on one thread (the kernel's init task):
 * system calls need a task, and the kernel has one CPU anyway.  The
 * kernel's host threads would not survive a fork, so without -f the
 * program forks before it boots, and the parent waits for the child's
 * mount to say whether it worked.
 */
#define FUSE_USE_VERSION 31
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <fuse.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <asm/unistd_32.h>
#include <wasmlinux.h>

#define K_AT_FDCWD		(-100)
#define K_AT_SYMLINK_NOFOLLOW	0x100
#define K_AT_REMOVEDIR		0x200
#define K_STATX_BASIC_STATS	0x7ff
#define K_O_DIRECTORY		00200000
#define K_UTIME_NOW		((1l << 30) - 1l)
#define K_UTIME_OMIT		((1l << 30) - 2l)
#define IO_MAX			(1 << 20)
#define INSIDE			"/mnt"

/* Kernel memory for arguments: paths, then data. */
static uint32_t kpath1, kpath2, kdata;

static long sys(long nr, long a, long b, long c, long d, long e)
{
	return wasmlinux_syscall(nr, a, b, c, d, e, 0);
}

/* A FUSE path as its path inside, in kernel memory (at k). */
static long in_path(uint32_t k, const char *path)
{
	char *p = wasmlinux_ptr(k);

	if (strlen(INSIDE) + strlen(path) + 1 > 4096)
		return -ENAMETOOLONG;
	strcpy(p, INSIDE);
	strcat(p, path);
	return k;
}

#define PATH1(path) do { if (in_path(kpath1, path) < 0) return -ENAMETOOLONG; } while (0)
#define PATH2(path) do { if (in_path(kpath2, path) < 0) return -ENAMETOOLONG; } while (0)

/* struct statx has one layout on every architecture: the host's is it. */
static void stat_from(struct stat *st, const struct statx *x)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = x->stx_mode;
	st->st_nlink = x->stx_nlink;
	st->st_uid = x->stx_uid;
	st->st_gid = x->stx_gid;
	st->st_ino = x->stx_ino;
	st->st_size = (off_t)x->stx_size;
	st->st_blocks = (blkcnt_t)x->stx_blocks;
	st->st_blksize = x->stx_blksize;
	st->st_rdev = makedev(x->stx_rdev_major, x->stx_rdev_minor);
	st->st_atim.tv_sec = x->stx_atime.tv_sec;
	st->st_atim.tv_nsec = x->stx_atime.tv_nsec;
	st->st_mtim.tv_sec = x->stx_mtime.tv_sec;
	st->st_mtim.tv_nsec = x->stx_mtime.tv_nsec;
	st->st_ctim.tv_sec = x->stx_ctime.tv_sec;
	st->st_ctim.tv_nsec = x->stx_ctime.tv_nsec;
}

static int op_getattr(const char *path, struct stat *st, struct fuse_file_info *fi)
{
	long ret;

	(void)fi;
	PATH1(path);
	ret = sys(__NR_statx, K_AT_FDCWD, kpath1, K_AT_SYMLINK_NOFOLLOW,
		  K_STATX_BASIC_STATS, kdata);
	if (ret < 0)
		return (int)ret;
	stat_from(st, wasmlinux_ptr(kdata));
	return 0;
}

static int op_readlink(const char *path, char *buf, size_t size)
{
	long n;

	PATH1(path);
	n = sys(__NR_readlinkat, K_AT_FDCWD, kpath1, kdata,
		size > IO_MAX ? IO_MAX : (long)size - 1, 0);
	if (n < 0)
		return (int)n;
	memcpy(buf, wasmlinux_ptr(kdata), (size_t)n);
	buf[n] = 0;
	return 0;
}

static int op_readdir(const char *path, void *buf, fuse_fill_dir_t fill,
		      off_t off, struct fuse_file_info *fi,
		      enum fuse_readdir_flags flags)
{
	long fd, n;

	(void)off;
	(void)fi;
	(void)flags;
	PATH1(path);
	fd = sys(__NR_openat, K_AT_FDCWD, kpath1, K_O_DIRECTORY, 0, 0);
	if (fd < 0)
		return (int)fd;
	/* struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, name */
	while ((n = sys(__NR_getdents64, fd, kdata, IO_MAX, 0, 0)) > 0) {
		const char *d = wasmlinux_ptr(kdata);

		for (long at = 0; at < n;) {
			unsigned short reclen;

			memcpy(&reclen, d + at + 16, 2);
			fill(buf, d + at + 19, NULL, 0, 0);
			at += reclen;
		}
	}
	sys(__NR_close, fd, 0, 0, 0, 0);
	return n < 0 ? (int)n : 0;
}

static int op_mknod(const char *path, mode_t mode, dev_t rdev)
{
	PATH1(path);
	return (int)sys(__NR_mknodat, K_AT_FDCWD, kpath1, mode,
			(long)((major(rdev) << 20) | minor(rdev)), 0);
}

static int op_mkdir(const char *path, mode_t mode)
{
	PATH1(path);
	return (int)sys(__NR_mkdirat, K_AT_FDCWD, kpath1, mode, 0, 0);
}

static int op_unlink(const char *path)
{
	PATH1(path);
	return (int)sys(__NR_unlinkat, K_AT_FDCWD, kpath1, 0, 0, 0);
}

static int op_rmdir(const char *path)
{
	PATH1(path);
	return (int)sys(__NR_unlinkat, K_AT_FDCWD, kpath1, K_AT_REMOVEDIR, 0, 0);
}

static int op_symlink(const char *target, const char *path)
{
	if (strlen(target) >= 4096)
		return -ENAMETOOLONG;
	strcpy(wasmlinux_ptr(kpath2), target);
	PATH1(path);
	return (int)sys(__NR_symlinkat, kpath2, K_AT_FDCWD, kpath1, 0, 0);
}

static int op_rename(const char *from, const char *to, unsigned int flags)
{
	PATH1(from);
	PATH2(to);
	return (int)sys(__NR_renameat2, K_AT_FDCWD, kpath1, K_AT_FDCWD, kpath2,
			flags);
}

static int op_link(const char *from, const char *to)
{
	PATH1(from);
	PATH2(to);
	return (int)sys(__NR_linkat, K_AT_FDCWD, kpath1, K_AT_FDCWD, kpath2, 0);
}

static int op_chmod(const char *path, mode_t mode, struct fuse_file_info *fi)
{
	(void)fi;
	PATH1(path);
	return (int)sys(__NR_fchmodat, K_AT_FDCWD, kpath1, mode, 0, 0);
}

static int op_chown(const char *path, uid_t uid, gid_t gid,
		    struct fuse_file_info *fi)
{
	(void)fi;
	PATH1(path);
	return (int)sys(__NR_fchownat, K_AT_FDCWD, kpath1, (long)uid, (long)gid,
			K_AT_SYMLINK_NOFOLLOW);
}

static int op_truncate(const char *path, off_t size, struct fuse_file_info *fi)
{
	if (fi)
		return (int)sys(__NR_ftruncate64, (long)fi->fh,
				(long)(size & 0xffffffff), (long)(size >> 32), 0, 0);
	PATH1(path);
	return (int)sys(__NR_truncate64, kpath1, (long)(size & 0xffffffff),
			(long)(size >> 32), 0, 0);
}

static int op_utimens(const char *path, const struct timespec tv[2],
		      struct fuse_file_info *fi)
{
	long long *t = wasmlinux_ptr(kdata);

	(void)fi;
	/* struct __kernel_timespec: s64 seconds, s64 nanoseconds */
	for (int i = 0; i < 2; i++) {
		t[2 * i] = tv[i].tv_sec;
		t[2 * i + 1] = tv[i].tv_nsec == UTIME_NOW ? K_UTIME_NOW :
			       tv[i].tv_nsec == UTIME_OMIT ? K_UTIME_OMIT :
			       tv[i].tv_nsec;
	}
	PATH1(path);
	return (int)sys(__NR_utimensat_time64, K_AT_FDCWD, kpath1, kdata,
			K_AT_SYMLINK_NOFOLLOW, 0);
}

static int op_open(const char *path, struct fuse_file_info *fi)
{
	long fd;

	PATH1(path);
	fd = sys(__NR_openat, K_AT_FDCWD, kpath1, fi->flags, 0, 0);
	if (fd < 0)
		return (int)fd;
	fi->fh = (uint64_t)fd;
	return 0;
}

static int op_create(const char *path, mode_t mode, struct fuse_file_info *fi)
{
	long fd;

	PATH1(path);
	fd = sys(__NR_openat, K_AT_FDCWD, kpath1, fi->flags | O_CREAT, mode, 0);
	if (fd < 0)
		return (int)fd;
	fi->fh = (uint64_t)fd;
	return 0;
}

static int op_read(const char *path, char *buf, size_t size, off_t off,
		   struct fuse_file_info *fi)
{
	size_t done = 0;

	(void)path;
	while (done < size) {
		size_t want = size - done < IO_MAX ? size - done : IO_MAX;
		off_t at = off + (off_t)done;
		long n = sys(__NR_pread64, (long)fi->fh, kdata, (long)want,
			     (long)(at & 0xffffffff), (long)(at >> 32));

		if (n < 0)
			return done ? (int)done : (int)n;
		if (!n)
			break;
		memcpy(buf + done, wasmlinux_ptr(kdata), (size_t)n);
		done += (size_t)n;
	}
	return (int)done;
}

static int op_write(const char *path, const char *buf, size_t size, off_t off,
		    struct fuse_file_info *fi)
{
	size_t done = 0;

	(void)path;
	while (done < size) {
		size_t want = size - done < IO_MAX ? size - done : IO_MAX;
		off_t at = off + (off_t)done;
		long n;

		memcpy(wasmlinux_ptr(kdata), buf + done, want);
		n = sys(__NR_pwrite64, (long)fi->fh, kdata, (long)want,
			(long)(at & 0xffffffff), (long)(at >> 32));
		if (n < 0)
			return done ? (int)done : (int)n;
		done += (size_t)n;
	}
	return (int)done;
}

static int op_statfs(const char *path, struct statvfs *sv)
{
	/* asm-generic struct statfs64 with 32-bit words (wasm32) */
	struct {
		uint32_t type, bsize;
		uint64_t blocks, bfree, bavail, files, ffree;
		uint32_t fsid[2], namelen, frsize, flags, spare[4];
	} s;
	long ret;

	PATH1(path);
	ret = sys(__NR_statfs64, kpath1, sizeof(s), kdata, 0, 0);
	if (ret < 0)
		return (int)ret;
	memcpy(&s, wasmlinux_ptr(kdata), sizeof(s));
	memset(sv, 0, sizeof(*sv));
	sv->f_bsize = s.bsize;
	sv->f_frsize = s.frsize ? s.frsize : s.bsize;
	sv->f_blocks = s.blocks;
	sv->f_bfree = s.bfree;
	sv->f_bavail = s.bavail;
	sv->f_files = s.files;
	sv->f_ffree = s.ffree;
	sv->f_namemax = s.namelen;
	return 0;
}

static int op_release(const char *path, struct fuse_file_info *fi)
{
	(void)path;
	return (int)sys(__NR_close, (long)fi->fh, 0, 0, 0, 0);
}

static int op_fsync(const char *path, int datasync, struct fuse_file_info *fi)
{
	(void)path;
	return (int)sys(datasync ? __NR_fdatasync : __NR_fsync, (long)fi->fh,
			0, 0, 0, 0);
}

/* Without -f: where the child says it is mounted (a byte) to its parent. */
static int ready_fd = -1;

static void *op_init(struct fuse_conn_info *conn, struct fuse_config *cfg)
{
	int null = open("/dev/null", O_RDWR);

	(void)conn;
	if (ready_fd >= 0) {
		if (write(ready_fd, "0", 1) != 1)
			perror("wasmlinux-mount: telling the parent");
		close(ready_fd);
		ready_fd = -1;
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
	}
	if (null > 2)
		close(null);
	cfg->use_ino = 1;
	/* the kernel's own caches are the truth: the host's may not keep any */
	cfg->entry_timeout = cfg->attr_timeout = cfg->negative_timeout = 0;
	return NULL;
}

static const struct fuse_operations ops = {
	.init = op_init,
	.getattr = op_getattr,
	.readlink = op_readlink,
	.readdir = op_readdir,
	.mknod = op_mknod,
	.mkdir = op_mkdir,
	.unlink = op_unlink,
	.rmdir = op_rmdir,
	.symlink = op_symlink,
	.rename = op_rename,
	.link = op_link,
	.chmod = op_chmod,
	.chown = op_chown,
	.truncate = op_truncate,
	.utimens = op_utimens,
	.open = op_open,
	.create = op_create,
	.read = op_read,
	.write = op_write,
	.statfs = op_statfs,
	.release = op_release,
	.fsync = op_fsync,
};

static int usage(void)
{
	fputs("usage: wasmlinux-mount [-r] [-t TYPE] [-f] IMAGE MOUNTPOINT\n",
	      stderr);
	return 1;
}

/*
 * Without -f, the parent waits here for the child's byte and ends: 0 if
 * the child mounted, 1 if it ended first (it has said why on stderr).
 */
static void background(void)
{
	int p[2];
	char c;
	pid_t pid;

	if (pipe(p) || (pid = fork()) < 0) {
		perror("wasmlinux-mount");
		exit(1);
	}
	if (pid) {
		close(p[1]);
		exit(read(p[0], &c, 1) == 1 && c == '0' ? 0 : 1);
	}
	close(p[0]);
	ready_fd = p[1];
	setsid();
}

/* Mounts /dev/vda on /mnt inside: type, or the first that fits. */
static long mount_inside(const char *type, int ro)
{
	static const char *const types[] = { "ext4", "vfat", "iso9660",
					     "squashfs", NULL };
	long ret = -ENODEV;

	strcpy(wasmlinux_ptr(kpath1), "/dev/vda");
	strcpy(wasmlinux_ptr(kpath2), INSIDE);
	sys(__NR_mkdirat, K_AT_FDCWD, kpath2, 0755, 0, 0);
	for (int i = 0; type ? i == 0 : types[i] != NULL; i++) {
		strcpy(wasmlinux_ptr(kdata), type ? type : types[i]);
		ret = sys(__NR_mount, kpath1, kpath2, kdata, ro ? 1 : 0, 0);
		if (ret == 0)
			break;
	}
	return ret;
}

int main(int argc, char **argv)
{
	const char *type = NULL, *image, *mountpoint;
	int ro = 0, fg = 0, opt, status, fargc = 0;
	char *fargv[5];
	static char disk[4096];
	const char *disks[2] = { disk, NULL };
	struct wasmlinux_config config = { .cmdline = "quiet", .disks = disks };
	long ret;

	while ((opt = getopt(argc, argv, "rt:fh")) != -1) {
		if (opt == 'r')
			ro = 1;
		else if (opt == 't')
			type = optarg;
		else if (opt == 'f')
			fg = 1;
		else
			return usage();
	}
	if (argc - optind != 2)
		return usage();
	image = argv[optind];
	mountpoint = argv[optind + 1];
	if (access(image, ro ? R_OK : R_OK | W_OK)) {
		fprintf(stderr, "wasmlinux-mount: %s: %s\n", image, strerror(errno));
		return 1;
	}
	snprintf(disk, sizeof(disk), "%s%s", image, ro ? ",ro" : "");
	if (!fg)
		background();
	ret = wasmlinux_boot(&config);
	if (ret < 0) {
		fprintf(stderr, "wasmlinux-mount: boot: %s\n", strerror((int)-ret));
		return 1;
	}
	kpath1 = wasmlinux_alloc(4096);
	kpath2 = wasmlinux_alloc(4096);
	kdata = wasmlinux_alloc(IO_MAX);
	ret = mount_inside(type, ro);
	if (ret < 0) {
		fprintf(stderr, "wasmlinux-mount: %s: no filesystem %s mounts: %s\n",
			image, type ? type : "of ext4, vfat, iso9660, squashfs",
			strerror((int)-ret));
		wasmlinux_shutdown();
		return 1;
	}
	/* one thread (-s); the kernel inside checks no host user (it is root) */
	fargv[fargc++] = argv[0];
	fargv[fargc++] = "-s";
	fargv[fargc++] = "-f";
	fargv[fargc++] = (char *)mountpoint;
	fargv[fargc] = NULL;
	status = fuse_main(fargc, fargv, &ops, NULL);
	strcpy(wasmlinux_ptr(kpath2), INSIDE);
	ret = sys(__NR_umount2, kpath2, 0, 0, 0, 0);
	if (ret < 0)
		fprintf(stderr, "wasmlinux-mount: unmounting inside: %s\n",
			strerror((int)-ret));
	sys(__NR_sync, 0, 0, 0, 0, 0);
	wasmlinux_shutdown();
	return status || ret < 0;
}
