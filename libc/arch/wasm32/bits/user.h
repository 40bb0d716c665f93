/* A wasm task has no registers the kernel can see beyond its system call
 * (asm/ptrace.h of the wasm kernel). */
struct user_regs_struct {
	unsigned long syscallno;
	unsigned long args[6];
	unsigned long ret;
};

#define ELF_NGREG 8
typedef unsigned long elf_greg_t, elf_gregset_t[ELF_NGREG];
typedef struct { unsigned long long __unused; } elf_fpregset_t;
