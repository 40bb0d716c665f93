/* What LLVM's wasm setjmp lowering keeps per buffer: the owning function
 * invocation, the label of the setjmp site, and the {env, val} pair that
 * __wasm_longjmp throws. */
typedef unsigned long __jmp_buf[4];
