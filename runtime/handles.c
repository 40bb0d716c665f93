/* Handles: the nonzero 32-bit ids by which the kernel names host objects. */
#include <stdlib.h>

#include "internal.h"

struct slot {
	enum wl_kind kind;	/* 0 when free */
	void *obj;
};

static struct plat_mutex *lock;
static struct slot *slots;
static uint32_t nslots, next_hint = 1;

uint32_t wl_handle_new(enum wl_kind kind, void *obj)
{
	uint32_t h;

	if (!lock)
		lock = plat_mutex_new();
	plat_mutex_lock(lock);
	for (h = next_hint; h < nslots && slots[h].kind; h++)
		;
	if (h >= nslots) {
		uint32_t n = nslots ? nslots * 2 : 256;
		struct slot *s = realloc(slots, n * sizeof(*s));

		if (!s)
			wl_die(1, "out of host memory for handles");
		for (uint32_t i = nslots; i < n; i++)
			s[i].kind = 0;
		slots = s;
		h = nslots ? nslots : 1;
		nslots = n;
	}
	slots[h].kind = kind;
	slots[h].obj = obj;
	next_hint = h + 1;
	plat_mutex_unlock(lock);
	return h;
}

/* The object of handle h if it is one of kind, or NULL. */
void *wl_handle_find(enum wl_kind kind, uint32_t h)
{
	void *obj = NULL;

	plat_mutex_lock(lock);
	if (h && h < nslots && slots[h].kind == kind)
		obj = slots[h].obj;
	plat_mutex_unlock(lock);
	return obj;
}

void *wl_handle_get(enum wl_kind kind, uint32_t h)
{
	void *obj = wl_handle_find(kind, h);

	if (!obj)
		wl_die(3, "kernel used a bad host handle %u", h);
	return obj;
}

void wl_handle_free(uint32_t h)
{
	plat_mutex_lock(lock);
	if (h && h < nslots) {
		slots[h].kind = 0;
		if (h < next_hint)
			next_hint = h;
	}
	plat_mutex_unlock(lock);
}
