# Native runtime: kernel.wasm -> wasm2c -> C split in parts -> wasmlinux.
# Included by the top-level Makefile.

KWASM      := $(B)/kernel.wasm
W2C        := $(B)/w2c
ROBJ       := $(B)/obj
W2C_PARTS  := 6
W2C_SRCS   := $(W2C)/kernel-main.c $(foreach i,$(shell seq 0 $$(($(W2C_PARTS)-1))),$(W2C)/kernel-$(i).c)
W2C_OBJS   := $(patsubst $(W2C)/%.c,$(ROBJ)/%.o,$(W2C_SRCS))
RT_SRCS    := $(wildcard runtime/*.c)
RT_OBJS    := $(patsubst runtime/%.c,$(ROBJ)/rt-%.o,$(RT_SRCS))

HOSTCC     ?= gcc
W2C_CFLAGS := -O2 -g1 -w -I$(W2C)
RT_CFLAGS  := -std=c11 -O2 -g -Wall -Wextra -Werror=implicit-function-declaration \
	      -Iruntime -Iruntime/include -Ikernel/arch/wasm/include/uapi \
	      -I$(KOBJ)/arch/wasm/include/generated/uapi -I$(W2C)

# Relinks every time (cheap) but replaces kernel.wasm only if it changed.
$(KWASM): kernel-archives
	@tools/link-kernel.sh $(KOBJ) $(KWASM).new
	@if cmp -s $(KWASM).new $(KWASM); then rm $(KWASM).new; \
	 else mv $(KWASM).new $(KWASM); echo "  LINK    $(KWASM)"; fi

$(W2C)/split.stamp: $(KWASM) tools/w2c-split.py
	@mkdir -p $(W2C)
	@echo "  WASM2C  $(KWASM)"
	@wasm2c -n kernel $(KWASM) -o $(W2C)/kernel-full.c
	@mv $(W2C)/kernel-full.h $(W2C)/kernel.h
	@sed -i 's/kernel-full\.h/kernel.h/' $(W2C)/kernel-full.c
	@python3 tools/w2c-split.py kernel $(W2C)/kernel-full.c $(W2C_PARTS) $(W2C)
	@rm $(W2C)/kernel-full.c
	@touch $@

$(W2C_SRCS) $(W2C)/kernel.h: $(W2C)/split.stamp ;

$(ROBJ)/kernel-%.o: $(W2C)/kernel-%.c
	@mkdir -p $(ROBJ)
	@echo "  CC      $(notdir $<)"
	@ccache $(HOSTCC) $(W2C_CFLAGS) -c $< -o $@

$(ROBJ)/rt-%.o: runtime/%.c $(wildcard runtime/*.h runtime/include/*.h) $(W2C)/kernel.h
	@mkdir -p $(ROBJ)
	@echo "  CC      $<"
	@$(HOSTCC) $(RT_CFLAGS) -c $< -o $@

LIB_OBJS   := $(W2C_OBJS) $(filter-out $(ROBJ)/rt-main.o,$(RT_OBJS))
LIBWL      := $(B)/lib/libwasmlinux.a
# -rdynamic lets a trap name the kernel function it happened in.
LIBWL_LIBS := -rdynamic -lpthread

$(LIBWL): $(LIB_OBJS)
	@mkdir -p $(B)/lib
	@echo "  AR      $@"
	@rm -f $@ && ar rcs $@ $^

# For programs that embed the kernel: pkg-config --cflags --libs wasmlinux
$(B)/lib/pkgconfig/wasmlinux.pc: runtime/build.mk $(LIBWL)
	@mkdir -p $(B)/lib/pkgconfig $(B)/include/asm
	@cp $(KOBJ)/arch/wasm/include/generated/uapi/asm/unistd_32.h $(B)/include/asm/
	@printf '%s\n' 'Name: wasmlinux' 'Description: Linux as a library (WebAssembly)' \
	  'Version: 6.12' 'Cflags: -I$(abspath runtime/include) -I$(B)/include' \
	  'Libs: -L$(B)/lib -lwasmlinux $(LIBWL_LIBS)' > $@

$(B)/bin/wasmlinux: $(ROBJ)/rt-main.o $(LIBWL) $(B)/lib/pkgconfig/wasmlinux.pc
	@mkdir -p $(B)/bin
	@echo "  LD      $@"
	@$(HOSTCC) -o $@ $(ROBJ)/rt-main.o $(LIBWL) $(LIBWL_LIBS)

# The web variant: the same kernel.wasm with a shared memory import and
# its data segments apart (tools/wasm-shared.py), and the syscall numbers.
WEB := $(B)/web
$(WEB)/kernel-shared.wasm $(WEB)/kernel-data.bin &: $(KWASM) tools/wasm-shared.py
	@mkdir -p $(WEB)
	@echo "  SHARED  $(WEB)/kernel-shared.wasm"
	@python3 tools/wasm-shared.py $(KWASM) $(WEB)/kernel-shared.wasm $(WEB)/kernel-data.bin

$(WEB)/unistd.json: $(B)/lib/pkgconfig/wasmlinux.pc
	@sed -n 's/^#define __NR_\([a-z0-9_]*\) \([0-9]*\)$$/"\1": \2/p' \
	  $(B)/include/asm/unistd_32.h | paste -sd, | sed 's/^/{/; s/$$/}/' > $@

# npm packages (web/package.json): xterm.js for the page, playwright-core
# for the browser test; installed from the npm registry by the build.
$(B)/npm/.stamp: web/package.json web/package-lock.json
	@mkdir -p $(B)/npm
	@cp web/package.json web/package-lock.json $(B)/npm/
	@echo "  NPM     $(B)/npm"
	@cd $(B)/npm && npm ci --no-audit --no-fund --silent
	@touch $@

$(WEB)/vendor/xterm.js: $(B)/npm/.stamp
	@mkdir -p $(WEB)/vendor
	@cp $(B)/npm/node_modules/@xterm/xterm/lib/xterm.js \
	    $(B)/npm/node_modules/@xterm/xterm/css/xterm.css $(WEB)/vendor/

web: $(WEB)/kernel-shared.wasm $(WEB)/kernel-data.bin $(WEB)/unistd.json \
     $(WEB)/vendor/xterm.js
