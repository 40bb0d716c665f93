/*
 * The atomic instructions of user programs (atomics.c) and what they need
 * of the rest of the runtime.  atomics.c depends on nothing else but
 * platform.h and program.h, so that a test (tests/atomics/) builds it with
 * a translated module and no kernel.
 */
#ifndef WASMLINUX_ATOMICS_H
#define WASMLINUX_ATOMICS_H

#include <stdbool.h>

#include "program.h"

/*
 * user.c: host code that a program calls (here, and memory.c growing a
 * memory) defers the interrupts that deliver signals to it (a handler
 * would run inside the host code) where it holds a lock or allocates,
 * then allows them again, making up for one that came meanwhile.  defer
 * returns what allow is given.
 */
bool wl_user_defer_interrupts(void);
void wl_user_allow_interrupts(bool was);

/*
 * atomics.c: forgets this thread's waits, which it left without
 * returning from them: it exits, or executes another program, from a
 * signal handler that ran while it waited.
 */
void wl_atomic_abandon_waits(void);

#endif
