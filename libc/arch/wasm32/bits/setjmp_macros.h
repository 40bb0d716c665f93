/*
 * LLVM's wasm setjmp lowering recognises only calls named setjmp (and
 * _setjmp), and a context can only be resumed in the frame that saved it:
 * sigsetjmp saves the mask, then setjmp runs in the caller's frame.
 * siglongjmp restores the mask before it unwinds.
 */
#if defined(_POSIX_SOURCE) || defined(_POSIX_C_SOURCE) \
 || defined(_XOPEN_SOURCE) || defined(_GNU_SOURCE) \
 || defined(_BSD_SOURCE)
void __wasm_sigsetjmp_save(sigjmp_buf, int);
#define sigsetjmp(env, save) \
	(__wasm_sigsetjmp_save((env), (save)), setjmp(env))
#endif
