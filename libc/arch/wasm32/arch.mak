# LLVM's Emscripten-style setjmp/longjmp lowering for all of libc, except
# the files implementing its helpers: the pass would declare them a
# second time.
WASM_SJLJ_HELPERS = $(filter obj/src/setjmp/wasm32/%,$(ALL_OBJS))
$(filter-out $(WASM_SJLJ_HELPERS),$(ALL_OBJS)): CFLAGS_ALL += -mllvm -enable-emscripten-sjlj

# musl's Makefile tracks no header dependencies; the arch headers change.
CFLAGS_ALL += -MMD -MP
-include $(wildcard $(ALL_OBJS:%.o=%.d))

# Nor does it see new flags: config.mak holds them (libc/build.mk writes
# it only when they change).
$(ALL_OBJS): config.mak
