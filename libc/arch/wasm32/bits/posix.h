#define _POSIX_V6_ILP32_OFFBIG  1
#define _POSIX_V7_ILP32_OFFBIG  1

/*
 * vfork (user_abi.h): the kernel lends the calling thread to the child,
 * and the child's execve or exit returns its pid to us, at which point the
 * library must unwind to where vfork was called.  Only a setjmp in the
 * caller's own frame can be unwound to (LLVM's wasm setjmp lowering), so
 * vfork() is a macro.  <unistd.h> includes this file after declaring
 * vfork, so the declaration itself is left alone.
 */
#if defined(_GNU_SOURCE) || defined(_BSD_SOURCE)
struct __jmp_buf_tag;
struct __jmp_buf_tag *__wasm_vfork_buf(void);
int __wasm_vfork_return(int);
int setjmp(struct __jmp_buf_tag *) __attribute__((__returns_twice__));
#define vfork() __wasm_vfork_return(setjmp(__wasm_vfork_buf()))
#endif
