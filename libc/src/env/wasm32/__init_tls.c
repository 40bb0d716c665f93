#include <stddef.h>
#include <stdalign.h>
#include "pthread_impl.h"
#include "libc.h"
#include "atomic.h"
#include "syscall.h"

/*
 * Thread-local storage without PT_TLS.  wasm-ld lays out the program's
 * one TLS block (.tdata, with .tbss in it as zeros) and gives each
 * instance a __tls_base global; __wasm_init_tls(block), a function of
 * its own, copies the block's image to block (memory.init) and points
 * the calling instance's __tls_base at it.  The start function
 * __wasm_init_memory did that for the first instance, the main thread,
 * at the block's place in the static data; every other thread does it
 * itself on the block that __copy_tls placed after its struct pthread,
 * before it touches a thread-local (src/thread/wasm32/__wasm_thread.c).
 * The image is not in memory to copy from, so no thread can set up
 * another's block.
 *
 * dtv[1] is the block's address, as on other targets, and the thread
 * pointer is a thread-local itself (pthread_arch.h).
 */
volatile int __thread_list_lock;

int __init_tp(void *p)
{
	pthread_t td = p;
	td->self = td;
	int r = __set_thread_area(TP_ADJ(p));
	if (r < 0) return -1;
	if (!r) libc.can_do_threads = 1;
	td->detach_state = DT_JOINABLE;
	td->tid = __syscall(SYS_set_tid_address, &__thread_list_lock);
	td->locale = &libc.global_locale;
	td->robust_list.head = &td->robust_list.head;
	td->sysinfo = __sysinfo;
	td->next = td->prev = td;
	return 0;
}

static struct pthread main_thread;
static uintptr_t main_dtv[2];

void __init_tls(size_t *aux)
{
	size_t align = __builtin_wasm_tls_align();

	if (align < alignof(struct pthread)) align = alignof(struct pthread);
	libc.tls_align = align;
	libc.tls_cnt = 1;
	/* what __copy_tls lays out: a dtv, struct pthread, the block */
	libc.tls_size = 2*sizeof(uintptr_t) + sizeof(struct pthread)
		+ __builtin_wasm_tls_size() + 2*(align-1)
		+ 15 & -16;

	main_dtv[0] = 1;
	main_dtv[1] = (uintptr_t)__builtin_wasm_tls_base();
	main_thread.dtv = main_dtv;
	if (__init_tp(&main_thread) < 0)
		a_crash();
}
