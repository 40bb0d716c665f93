/* asm-generic semid64_ds for 32-bit kernels (sem_nsems is an unsigned long
 * there: little endian, so its low half), then the joined 64-bit times. */
struct semid_ds {
	struct ipc_perm sem_perm;
	unsigned long __sem_otime_lo, __sem_otime_hi;
	unsigned long __sem_ctime_lo, __sem_ctime_hi;
	unsigned short sem_nsems;
	char __sem_nsems_pad[sizeof(long)-sizeof(short)];
	long __unused3;
	long __unused4;
	time_t sem_otime;
	time_t sem_ctime;
};
