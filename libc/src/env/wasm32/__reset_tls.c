#include "pthread_impl.h"

hidden void __wasm_init_tls(void *);

/*
 * For a thread that runs again from the start (timer_create's helper):
 * its TLS block's image again (src/env/wasm32/__init_tls.c), then its
 * thread pointer, which is a thread-local and so was reset with it.
 */
void __reset_tls()
{
	pthread_t self = __pthread_self();

	__wasm_init_tls((void *)self->dtv[1]);
	__set_thread_area(TP_ADJ(self));
}
