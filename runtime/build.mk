# Native runtime: kernel.wasm -> wasm2c -> C split in parts -> wasmlinux.
# Included by the top-level Makefile.

KWASM      := $(B)/kernel.wasm
W2C        := $(B)/w2c
ROBJ       := $(B)/obj
W2C_PARTS  := 6
W2C_SRCS   := $(W2C)/kernel-main.c $(foreach i,$(shell seq 0 $$(($(W2C_PARTS)-1))),$(W2C)/kernel-$(i).c)
W2C_OBJS   := $(patsubst $(W2C)/%.c,$(ROBJ)/%.o,$(W2C_SRCS))
# Each host's own files: the rest is the same C for both (windows.mk).
RT_WIN32_ONLY := runtime/platform-win32.c runtime/translate-none.c runtime/net-slirp-none.c
RT_LINUX_ONLY := runtime/platform-linux.c runtime/platform-linux-build.c \
		 runtime/translate.c runtime/net-slirp.c runtime/net-helper.c
RT_SRCS    := $(filter-out $(RT_WIN32_ONLY),$(wildcard runtime/*.c))
RT_OBJS    := $(patsubst runtime/%.c,$(ROBJ)/rt-%.o,$(RT_SRCS))

# What translating programs on demand needs at run time (translate.c):
# the translator and the header of the program interface.
SHARE      := $(B)/share/wasmlinux

HOSTCC     ?= gcc
W2C_CFLAGS := -O2 -g1 -w -I$(W2C)
# (POSIX 2008 for sigjmp_buf in platform.h; files may ask for more)
RT_CFLAGS  := -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -g -Wall -Wextra -Werror=implicit-function-declaration \
	      -Iruntime -Iruntime/include -Ikernel/arch/wasm/include/uapi \
	      -I$(KOBJ)/arch/wasm/include/generated/uapi -I$(W2C) \
	      -DWL_SHARE_DIR='"$(SHARE)"'

# Relinks when the archives changed, but replaces kernel.wasm only if the
# result differs: what is made from it is not made again for nothing.
$(B)/kernel-link.stamp: $(B)/kernel-archives.stamp tools/link-kernel.sh tools/gen-tables.py
	@tools/link-kernel.sh $(KOBJ) $(KWASM).new
	@if cmp -s $(KWASM).new $(KWASM); then rm $(KWASM).new; \
	 else mv $(KWASM).new $(KWASM); echo "  LINK    $(KWASM)"; fi
	@touch $@
$(KWASM): $(B)/kernel-link.stamp ;

$(W2C)/split.stamp: $(KWASM) tools/w2c-split.py tools/w2c-memory.py
	@mkdir -p $(W2C)
	@echo "  WASM2C  $(KWASM)"
	@wasm2c -n kernel $(KWASM) -o $(W2C)/kernel-full.c
	@mv $(W2C)/kernel-full.h $(W2C)/kernel.h
	@sed -i 's/kernel-full\.h/kernel.h/' $(W2C)/kernel-full.c
	@python3 tools/w2c-memory.py $(W2C)/kernel-full.c
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

# User programs the native runtime can run (runtime/user.c): each is
# translated by wasm2c, split like the kernel, and linked in with glue
# from w2c-program.py.  NAME:WASM:PARTS triples; other makefiles add theirs.
UPROG      := $(B)/w2c-user
# The translation of a program, for the build and on demand (translate.c).
W2C_TRANSLATE := tools/w2c-translate.py tools/wasm-atomics.py tools/w2c-split.py tools/w2c-memory.py \
		 tools/w2c-fix-eh.py tools/w2c-program.py tools/wasmbin.py
# The translator's version names the translation cache's folder
# (translate.c): a change of the translator makes translations again.
W2C_INCLUDES := runtime/program.h runtime/atomic-access.h
$(ROBJ)/rt-translate.o: $(W2C_TRANSLATE) $(W2C_INCLUDES)
$(ROBJ)/rt-translate.o: RT_CFLAGS += \
	-DWL_TRANSLATOR='"$(shell cat $(W2C_TRANSLATE) $(W2C_INCLUDES) | sha256sum | cut -c1-12)"'
USER_PROGRAMS += raw:$(B)/user/raw.wasm:1 libctest:$(B)/user/libc-test.wasm:1 \
		 atomics:$(B)/user/atomics.wasm:1 threads:$(B)/user/threads.wasm:1 \
		 busybox:$(B)/userland/busybox.wasm:6
uprog_name  = $(word 1,$(subst :, ,$(1)))
uprog_wasm  = $(word 2,$(subst :, ,$(1)))
uprog_parts = $(word 3,$(subst :, ,$(1)))
UPROG_OBJS :=

define uprog_rules
$(UPROG)/$(1).stamp: $(2) $(W2C_TRANSLATE)
	@echo "  WASM2C  $(2)"
	@python3 tools/w2c-translate.py c $(1) $(2) $(UPROG) $(3)
	@touch $$@
$(foreach i,main glue $(shell seq 0 $$(($(3)-1))),$(UPROG)/$(1)-$(i).c) $(UPROG)/$(1).h: $(UPROG)/$(1).stamp ;
$(ROBJ)/u-$(1)-glue.o: $(UPROG)/$(1)-glue.c $(UPROG)/$(1).stamp runtime/program.h
	@mkdir -p $(ROBJ)
	@$(HOSTCC) $(RT_CFLAGS) -I$(UPROG) -c $$< -o $$@
UPROG_OBJS += $(ROBJ)/u-$(1)-glue.o $(foreach i,main $(shell seq 0 $$(($(3)-1))),$(ROBJ)/u-$(1)-$(i).o)
endef
$(foreach p,$(USER_PROGRAMS),$(eval $(call uprog_rules,$(call uprog_name,$(p)),$(call uprog_wasm,$(p)),$(call uprog_parts,$(p)))))

# (-Iruntime: the atomic accesses their code calls, atomic-access.h)
$(ROBJ)/u-%.o: $(UPROG)/%.c runtime/atomic-access.h
	@mkdir -p $(ROBJ)
	@echo "  CC      $(notdir $<)"
	@ccache $(HOSTCC) $(W2C_CFLAGS) -I$(UPROG) -Iruntime -c $< -o $@

# The list of programs; rewritten only when it changes.
UPROG_LIST := $(foreach p,$(USER_PROGRAMS),$(call uprog_name,$(p)))
$(UPROG)/programs.c: FORCE
	@mkdir -p $(UPROG)
	@python3 tools/w2c-program.py registry $@.new $(UPROG_LIST)
	@cmp -s $@.new $@ && rm $@.new || mv $@.new $@
$(ROBJ)/u-programs.o: $(UPROG)/programs.c runtime/internal.h $(W2C)/kernel.h
	@mkdir -p $(ROBJ)
	@$(HOSTCC) $(RT_CFLAGS) -c $< -o $@
UPROG_OBJS += $(ROBJ)/u-programs.o
.PHONY: FORCE
FORCE:

# The libc-free ABI test program.
$(B)/user/raw.wasm: tests/user/raw.c tests/user/raw-out.h kernel/arch/wasm/include/uapi/asm/user_abi.h | $(KWASM)
	@mkdir -p $(B)/user
	@echo "  WASM    $@"
	@clang-19 --target=wasm32-unknown-unknown -O2 -nostdlib -Wall \
	  -I$(KOBJ)/arch/wasm/include/generated/uapi -Ikernel/arch/wasm/include/uapi \
	  -Wl,--import-memory,--no-entry,--global-base=65536,--table-base=16,-z,stack-size=65536 -o $@ $<

# A libc-free program with atomic instructions (tools/wasm-atomics.py).
$(B)/user/atomics.wasm: tests/user/atomics.c tests/user/raw-out.h kernel/arch/wasm/include/uapi/asm/user_abi.h | $(KWASM)
	@mkdir -p $(B)/user
	@echo "  WASM    $@"
	@clang-19 --target=wasm32-unknown-unknown -O2 -nostdlib -Wall -matomics \
	  -I$(KOBJ)/arch/wasm/include/generated/uapi -Ikernel/arch/wasm/include/uapi \
	  -Wl,--import-memory,--max-memory=16777216,--no-entry,--global-base=65536 \
	  -Wl,--table-base=16,-z,stack-size=65536 -o $@ $<

# A libc-free program with threads (clone) over its shared memory.
$(B)/user/threads.wasm: tests/user/threads.c tests/user/raw-out.h kernel/arch/wasm/include/uapi/asm/user_abi.h | $(KWASM)
	@mkdir -p $(B)/user
	@echo "  WASM    $@"
	@clang-19 --target=wasm32-unknown-unknown -O2 -nostdlib -Wall -matomics -mbulk-memory \
	  -I$(KOBJ)/arch/wasm/include/generated/uapi -Ikernel/arch/wasm/include/uapi \
	  -Wl,--import-memory,--shared-memory,--max-memory=16777216,--no-entry \
	  -Wl,--global-base=65536,--table-base=16,-z,stack-size=65536 -o $@ $<

# A test of the musl port, built as any program is.
$(B)/user/libc-test.wasm: tests/user/libc-test.c $(B)/sysroot/lib/libc.a $(B)/sysroot/lib/crt1.o $(B)/sysroot/.kheaders
	@mkdir -p $(B)/user
	@echo "  WASM    $@"
	@libc/wasm32-linux-musl-cc -O2 -Wall -o $@ $<

LIB_OBJS   := $(W2C_OBJS) $(filter-out $(ROBJ)/rt-main.o $(ROBJ)/rt-net-helper.o,$(RT_OBJS)) $(UPROG_OBJS)
LIBWL      := $(B)/lib/libwasmlinux.a
# -rdynamic lets a trap name the kernel function it happened in.
# libslirp: the user-mode network (net-slirp.c).
LIBWL_LIBS := -rdynamic -lslirp -lpthread -lm

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

SHARE_FILES := $(addprefix $(SHARE)/tools/,$(notdir $(W2C_TRANSLATE))) \
	       $(addprefix $(SHARE)/include/,$(notdir $(W2C_INCLUDES)))
$(SHARE)/tools/%: tools/%
	@mkdir -p $(dir $@)
	@cp $< $@
$(SHARE)/include/%.h: runtime/%.h
	@mkdir -p $(dir $@)
	@cp $< $@

$(B)/bin/wasmlinux: $(ROBJ)/rt-main.o $(LIBWL) $(B)/lib/pkgconfig/wasmlinux.pc $(SHARE_FILES)
	@mkdir -p $(B)/bin
	@echo "  LD      $@"
	@$(HOSTCC) -o $@ $(ROBJ)/rt-main.o $(LIBWL) $(LIBWL_LIBS)

# The user-mode network as a program, for the web host (net-helper.c).
NET_HELPER_OBJS := $(addprefix $(ROBJ)/rt-,net-helper.o net-slirp.o net-start.o diag.o platform-linux.o)
$(B)/bin/wasmlinux-net: $(NET_HELPER_OBJS)
	@mkdir -p $(B)/bin
	@echo "  LD      $@"
	@$(HOSTCC) -o $@ $(NET_HELPER_OBJS) -lslirp -lpthread
