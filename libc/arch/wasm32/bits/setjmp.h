/* What LLVM's setjmp lowering keeps per buffer: the owning function
 * invocation and the label of the setjmp site; and the stack pointer at
 * setjmp (__wasm_setjmp.s). */
typedef unsigned long __jmp_buf[3];
