#include "pthread_impl.h"

/*
 * A new thread's area of libc.tls_size bytes at mem (pthread_create),
 * laid out as __init_tls counted: its dtv, its struct pthread, then its
 * TLS block, each aligned.  The block is filled by the thread itself.
 */
void *__copy_tls(unsigned char *mem)
{
	uintptr_t *dtv = (uintptr_t *)mem;
	pthread_t td;

	mem += 2*sizeof *dtv;
	mem += -(uintptr_t)mem & (libc.tls_align-1);
	td = (pthread_t)mem;
	mem += sizeof *td;
	mem += -(uintptr_t)mem & (libc.tls_align-1);
	dtv[0] = 1;
	dtv[1] = (uintptr_t)mem;
	td->dtv = dtv;
	return td;
}
