#include <features.h>

/* The kernel's asm-generic struct sigaction without SA_RESTORER: wasm
 * has no return address to redirect; __wasm_signal calls rt_sigreturn. */
struct k_sigaction {
	void (*handler)(int);
	unsigned long flags;
	unsigned mask[2];
};

hidden void __restore(), __restore_rt();
