/*
 * The atomic instructions of user programs (the wasm threads proposal).
 * wasm2c 1.0.32 translates none of them, so tools/wasm-atomics.py makes
 * each a call of an import of module "wl_atomic": the instruction's
 * operands, then its memarg offset.  These are those imports.  Their
 * instance is the program's env (program.h), whose memory all the threads
 * of a process share, each with an instance of its own.
 *
 * The accesses themselves are atomic-access.h's (translated programs
 * call them inline; these imports serve the others, and the test harness).
 *
 * memory.atomic.wait and notify keep their waiters on the host, in a
 * small table hashed by host address (every memory has addresses of its
 * own in the host, so a process never wakes another's waiters).  A waiter
 * blocks on a semaphore of its own, which a notify posts under the
 * bucket's lock after taking the waiter off the list: so a wait returns 0
 * only when a notify counted it, and never spuriously.
 *
 * The kernel may interrupt a thread anywhere in these functions to
 * deliver a signal (user.c): a handler may then run a wait or a notify of
 * its own, or the thread may be killed and unwound past them.  Where they
 * hold a lock or allocate, interrupts are therefore deferred
 * (wl_user_defer_interrupts); only the blocking itself is interruptible,
 * and a thread that does not come back from it has its waits taken off
 * the table when it exits or executes (wl_atomic_abandon_waits).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "atomic-access.h"
#include "atomics.h"
#include "platform.h"

#define SEQ	__ATOMIC_SEQ_CST

/* The helpers' instance is the program's env (program.h). */
static wasm_rt_memory_t *memory_of(struct Z_wl_atomic_instance_t *a)
{
	return &((struct Z_env_instance_t *)a)->memory;
}

/* The imports of the accesses, over atomic-access.h's. */
#define LOAD(name, T, M)						\
T Z_wl_atomicZ_##name(struct Z_wl_atomic_instance_t *a, uint32_t addr,	\
		      uint32_t off)					\
{									\
	return wl_##name(memory_of(a), addr, off);			\
}
#define STORE(name, T, M)						\
void Z_wl_atomicZ_##name(struct Z_wl_atomic_instance_t *a, uint32_t addr,	\
			 T v, uint32_t off)				\
{									\
	wl_##name(memory_of(a), addr, v, off);				\
}
#define RMW(name, op, T, M)						\
T Z_wl_atomicZ_##name(struct Z_wl_atomic_instance_t *a, uint32_t addr,	\
		      T v, uint32_t off)				\
{									\
	return wl_##name(memory_of(a), addr, v, off);			\
}
#define CMPXCHG(name, T, M)						\
T Z_wl_atomicZ_##name(struct Z_wl_atomic_instance_t *a, uint32_t addr,	\
		      T expected, T replacement, uint32_t off)		\
{									\
	return wl_##name(memory_of(a), addr, expected, replacement, off); \
}
WL_ATOMIC_ACCESSES(LOAD, STORE, RMW, CMPXCHG)

/* A plain nothing would let the C compiler move accesses across it. */
void Z_wl_atomicZ_atomic_fence(struct Z_wl_atomic_instance_t *a)
{
	(void)a;
	__atomic_thread_fence(SEQ);
}

/* Waiters. */
struct waiter {
	const void *addr;		/* the host address waited on */
	struct plat_sem *wake;
	bool woken;			/* a notify took it off its bucket */
	struct waiter *next;		/* in the bucket, oldest first */
	struct waiter *outer;		/* this thread's enclosing wait */
};

#define BUCKETS	64

static struct bucket {
	struct plat_mutex *lock;	/* made when first needed */
	struct waiter *head;
} buckets[BUCKETS];

/* The waits this thread is in, innermost first (a signal handler nests). */
static _Thread_local struct waiter *waits;

static struct bucket *bucket_of(const void *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15ull;

	return &buckets[h >> 58];
}

static struct plat_mutex *bucket_lock(struct bucket *b)
{
	struct plat_mutex *m = __atomic_load_n(&b->lock, __ATOMIC_ACQUIRE);
	struct plat_mutex *none = NULL;

	if (m)
		return m;
	m = plat_mutex_new();
	if (__atomic_compare_exchange_n(&b->lock, &none, m, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return m;
	plat_mutex_free(m);
	return none;
}

/* Takes w off its bucket's list if a notify has not; whether it had. */
static bool unlink_waiter(struct waiter *w)
{
	struct bucket *b = bucket_of(w->addr);
	struct plat_mutex *lock = bucket_lock(b);
	struct waiter **p;
	bool woken;

	plat_mutex_lock(lock);
	woken = w->woken;
	if (!woken) {
		for (p = &b->head; *p != w; p = &(*p)->next)
			;
		*p = w->next;
	}
	plat_mutex_unlock(lock);
	return woken;
}

static void free_waiter(struct waiter *w)
{
	plat_sem_free(w->wake);
	free(w);
}

/*
 * Ends this thread's waits from the innermost one to last, which its
 * caller is in: the ones inside it were abandoned, unwound by a signal
 * handler's longjmp.  Whether last had been woken.
 */
static bool end_waits(struct waiter *last)
{
	bool woken;

	for (;;) {
		struct waiter *w = waits;

		woken = unlink_waiter(w);
		waits = w->outer;
		free_waiter(w);
		if (w == last)
			return woken;
	}
}

void wl_atomic_abandon_waits(void)
{
	bool was;

	if (!waits)
		return;
	was = wl_user_defer_interrupts();
	while (waits)
		end_waits(waits);
	wl_user_allow_interrupts(was);
}

static uint64_t load_sized(const void *p, unsigned int size)
{
	if (size == 4)
		return __atomic_load_n((const uint32_t *)p, SEQ);
	return __atomic_load_n((const uint64_t *)p, SEQ);
}

/*
 * Waits at p while it holds expected, for timeout ns (negative: without
 * end): 0 woken by a notify, 1 not equal, 2 timed out.
 */
static uint32_t wait_at(void *p, unsigned int size, uint64_t expected,
			int64_t timeout)
{
	struct bucket *b = bucket_of(p);
	uint64_t deadline = UINT64_MAX, found;
	struct plat_mutex *lock;
	struct waiter *w, **tail;
	bool was, woken;

	if (timeout >= 0) {
		uint64_t now = plat_time_mono();

		if ((uint64_t)timeout < UINT64_MAX - now)
			deadline = now + (uint64_t)timeout;
	}
	was = wl_user_defer_interrupts();
	lock = bucket_lock(b);
	plat_mutex_lock(lock);
	found = load_sized(p, size);
	if (found != expected || !timeout) {
		plat_mutex_unlock(lock);
		wl_user_allow_interrupts(was);
		return found != expected ? 1 : 2;
	}
	w = malloc(sizeof(*w));
	if (!w) {
		plat_mutex_unlock(lock);
		wl_user_allow_interrupts(was);
		wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
	}
	*w = (struct waiter){ .addr = p, .wake = plat_sem_new(0),
			      .outer = waits };
	for (tail = &b->head; *tail; tail = &(*tail)->next)
		;
	*tail = w;
	waits = w;
	plat_mutex_unlock(lock);
	wl_user_allow_interrupts(was);

	if (deadline == UINT64_MAX)
		plat_sem_down(w->wake);
	else
		plat_sem_down_until(w->wake, deadline);

	/*
	 * Whether a notify took w off the list (and counted it) is read
	 * under the bucket's lock: one that did posted before letting the
	 * lock go, so nothing touches the semaphore once it is freed.
	 */
	was = wl_user_defer_interrupts();
	woken = end_waits(w);
	wl_user_allow_interrupts(was);
	return woken ? 0 : 2;
}

uint32_t Z_wl_atomicZ_memory_atomic_wait32(struct Z_wl_atomic_instance_t *a,
					   uint32_t addr, uint32_t expected,
					   uint64_t timeout, uint32_t off)
{
	return wait_at(wl_atomic_at(memory_of(a), addr, off, 4), 4, expected,
		       (int64_t)timeout);
}

uint32_t Z_wl_atomicZ_memory_atomic_wait64(struct Z_wl_atomic_instance_t *a,
					   uint32_t addr, uint64_t expected,
					   uint64_t timeout, uint32_t off)
{
	return wait_at(wl_atomic_at(memory_of(a), addr, off, 8), 8, expected,
		       (int64_t)timeout);
}

/* Wakes up to count of the waiters at addr + off, oldest first. */
uint32_t Z_wl_atomicZ_memory_atomic_notify(struct Z_wl_atomic_instance_t *a,
					   uint32_t addr, uint32_t count,
					   uint32_t off)
{
	void *p = wl_atomic_at(memory_of(a), addr, off, 4);
	struct bucket *b = bucket_of(p);
	struct plat_mutex *lock;
	struct waiter **link, *w;
	uint32_t n = 0;
	bool was;

	if (!count)
		return 0;
	was = wl_user_defer_interrupts();
	lock = bucket_lock(b);
	plat_mutex_lock(lock);
	for (link = &b->head; (w = *link) && n < count;) {
		if (w->addr != p) {
			link = &w->next;
			continue;
		}
		*link = w->next;
		w->woken = true;
		plat_sem_up(w->wake);
		n++;
	}
	plat_mutex_unlock(lock);
	wl_user_allow_interrupts(was);
	return n;
}
