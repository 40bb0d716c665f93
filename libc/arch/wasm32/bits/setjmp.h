/* What LLVM's wasm setjmp lowering keeps per buffer: the owning function
 * invocation, the label of the setjmp site, the {env, val} pair that
 * __wasm_longjmp throws, and the stack pointer at setjmp. */
typedef unsigned long __jmp_buf[5];
