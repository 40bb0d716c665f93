#undef __WORDSIZE
#define __WORDSIZE 32
/* Slots of struct user_regs_struct (see <sys/user.h>). */
#define SYSCALLNO 0
#define ARG0 1
#define RET 7
