/* The kernel's struct stat64 (asm-generic/stat.h, 32-bit): what fstat64
 * and fstatat64 write when statx is not available. */
struct kstat {
	dev_t st_dev;
	ino_t st_ino;
	mode_t st_mode;
	nlink_t st_nlink;
	uid_t st_uid;
	gid_t st_gid;
	dev_t st_rdev;
	unsigned long long __st_rdev_pad;
	off_t st_size;
	blksize_t st_blksize;
	int __st_blksize_pad;
	blkcnt_t st_blocks;
	long st_atime_sec;
	unsigned long st_atime_nsec;
	long st_mtime_sec;
	unsigned long st_mtime_nsec;
	long st_ctime_sec;
	unsigned long st_ctime_nsec;
	unsigned __unused[2];
};
