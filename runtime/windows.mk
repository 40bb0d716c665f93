# The Windows build of the native runtime: the same wasm2c output and the
# same runtime C as the Linux build (build.mk), cross-compiled with
# mingw-w64 into $(WIN)/, with platform-win32.c for the operating system.
# Not built by `all`: `make windows`.  Included by the top-level Makefile.

WIN        := $(B)/windows
WOBJ       := $(WIN)/obj
WINCC      := x86_64-w64-mingw32-gcc
# wasm-rt.h is wabt's (from /usr/include, which mingw does not search);
# wasm2c's output includes <alloca.h>, which is <malloc.h> there.
# No call-depth counter: faults on the stack's guard end deep recursion,
# as on Linux (the counter of wasm-rt.h is one for all threads).
WIN_DEFS   := -DWASM_RT_USE_STACK_DEPTH_COUNT=0 -I$(WIN)/include
WIN_W2C_CFLAGS := $(W2C_CFLAGS) $(WIN_DEFS)
WIN_RT_CFLAGS  := $(filter-out -DWL_SHARE_DIR=%,$(RT_CFLAGS)) $(WIN_DEFS) \
		  -DWL_DEFAULT_NET='"none"'
WIN_RT_SRCS := $(filter-out $(RT_LINUX_ONLY),$(RT_SRCS)) $(RT_WIN32_ONLY)
WIN_RT_OBJS := $(patsubst runtime/%.c,$(WOBJ)/rt-%.o,$(WIN_RT_SRCS))
WIN_W2C_OBJS := $(patsubst $(W2C)/%.c,$(WOBJ)/%.o,$(W2C_SRCS))
WIN_UPROG_OBJS := $(patsubst $(ROBJ)/%,$(WOBJ)/%,$(UPROG_OBJS))
WIN_LIB    := $(WIN)/libwasmlinux.a
# (static: the executables run where no mingw DLLs are installed)
WIN_LIBS   := -static -lbcrypt -lpsapi -lwinmm -lpthread -lm
# (--allow-multiple-definition: the programs' invokes, program.h's WL_WEAK)
WIN_LDFLAGS := -Wl,--stack,8388608 -Wl,--allow-multiple-definition

.PHONY: windows
windows: $(WIN)/wasmlinux.exe $(WIN)/api-test.exe

$(WIN)/include/wasm-rt.h: /usr/include/wasm-rt.h
	@mkdir -p $(dir $@)
	@cp $< $@
	@printf '#include <malloc.h>\n' > $(dir $@)alloca.h

$(WOBJ)/kernel-%.o: $(W2C)/kernel-%.c $(WIN)/include/wasm-rt.h
	@mkdir -p $(WOBJ)
	@echo "  WINCC   $(notdir $<)"
	@ccache $(WINCC) $(WIN_W2C_CFLAGS) -c $< -o $@

$(WOBJ)/u-%.o: $(UPROG)/%.c $(WIN)/include/wasm-rt.h runtime/atomic-access.h
	@mkdir -p $(WOBJ)
	@echo "  WINCC   $(notdir $<)"
	@ccache $(WINCC) $(WIN_W2C_CFLAGS) -I$(UPROG) -Iruntime -c $< -o $@

# The glue and the list of programs are runtime code, like on Linux.
$(WOBJ)/u-%-glue.o: $(UPROG)/%-glue.c runtime/program.h $(WIN)/include/wasm-rt.h
	@mkdir -p $(WOBJ)
	@$(WINCC) $(WIN_RT_CFLAGS) -I$(UPROG) -c $< -o $@
$(WOBJ)/u-programs.o: $(UPROG)/programs.c runtime/internal.h $(W2C)/kernel.h $(WIN)/include/wasm-rt.h
	@mkdir -p $(WOBJ)
	@$(WINCC) $(WIN_RT_CFLAGS) -c $< -o $@

$(WOBJ)/rt-%.o: runtime/%.c $(wildcard runtime/*.h runtime/include/*.h) $(W2C)/kernel.h $(WIN)/include/wasm-rt.h
	@mkdir -p $(WOBJ)
	@echo "  WINCC   $<"
	@$(WINCC) $(WIN_RT_CFLAGS) -c $< -o $@

$(WIN_LIB): $(WIN_W2C_OBJS) $(filter-out $(WOBJ)/rt-main.o,$(WIN_RT_OBJS)) $(WIN_UPROG_OBJS)
	@echo "  AR      $@"
	@rm -f $@ && x86_64-w64-mingw32-ar rcs $@ $^

$(WIN)/wasmlinux.exe: $(WOBJ)/rt-main.o $(WIN_LIB)
	@echo "  LD      $@"
	@$(WINCC) $(WIN_LDFLAGS) -o $@ $^ $(WIN_LIBS)

$(WIN)/api-test.exe: tests/api/api-test.c $(WIN_LIB) runtime/include/wasmlinux.h
	@echo "  CC      $@"
	@$(WINCC) -std=c11 -O2 -Wall -Wextra -Werror -Iruntime/include \
	  -I$(KOBJ)/arch/wasm/include/generated/uapi $(WIN_LDFLAGS) \
	  $< -o $@ $(WIN_LIB) $(WIN_LIBS)
