# musl libc for wasm32 user programs -> $(B)/sysroot.  Included by the
# top-level Makefile.  Debian's musl 1.2.3 source is prepared under
# $(B)/src/musl, our arch and override files are linked into it, and
# musl's own Makefile builds it (config.mak written here).

MUSL       := $(B)/src/musl
SYSROOT    := $(B)/sysroot
KHDR_OBJ   := $(B)/khdr
KHDR       := $(B)/kheaders
LIBC_DIR   := $(abspath libc)
# compiler-rt builtins (long double is binary128: soft float), from
# Debian's libclang-rt-19-dev-wasm32.  They are built without atomics,
# which wasm-ld accepts in a --shared-memory link only from objects that
# had no atomics or thread-locals to lose: all of these are pure
# functions (no writable data, no locks), so they are safe in threads.
LIBC_RT    := /usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a

# -matomics -mbulk-memory: real atomics and thread-locals (threads share
# the memory), as every program is compiled (the driver).
LIBC_CFLAGS := -O2 -matomics -mbulk-memory -frounding-math \
	-Wno-parentheses -Wno-shift-op-parentheses -Wno-bitwise-op-parentheses \
	-Wno-logical-op-parentheses -Wno-string-plus-int -Wno-dangling-else \
	-Wno-unknown-pragmas -Wno-unused-command-line-argument \
	-Wno-ignored-attributes -Wno-unsupported-floating-point-opt \
	-Wno-ignored-pragmas -Wno-tautological-constant-out-of-range-compare \
	-Wno-deprecated-non-prototype

LIBC_OUT := $(SYSROOT)/lib/libc.a $(SYSROOT)/lib/crt1.o \
	$(patsubst %,$(SYSROOT)/lib/lib%.a,m rt pthread crypt util xnet resolv dl) \
	$(SYSROOT)/lib/libcompiler_rt.a

.PHONY: libc libc-musl libc-kheaders

libc: $(LIBC_OUT) $(SYSROOT)/.kheaders

# Kernel UAPI headers, from an object tree of their own so that this never
# races with a kernel build in $(KOBJ).  Copied into the sysroot only where
# they changed; musl's own headers win on a name clash.
$(SYSROOT)/.kheaders: kernel/arch/wasm/kernel/Makefile.syscalls \
		$(wildcard kernel/arch/wasm/include/uapi/asm/*) \
		$(wildcard kernel/patches/*.patch) libc/install-tree.sh \
		| kernel-src $(MUSL)/.linked
	@echo "  HDRINST $(KHDR)"
	+@$(KMAKE) O=$(KHDR_OBJ) headers_install INSTALL_HDR_PATH=$(KHDR) >/dev/null
	@libc/install-tree.sh $(KHDR)/include $(SYSROOT)/include $(MUSL)/include
	@touch $@

$(KHDR)/include/asm/unistd_32.h: $(SYSROOT)/.kheaders ;

# Source, then our files linked in (musl's Makefile picks arch/wasm32 and
# src/*/wasm32/*.c up by itself); links to removed files are dropped.
# Done again when one of our files (or a folder: a file removed) changes.
LIBC_FILES := $(shell find libc/arch libc/crt libc/src libc/patches)
$(MUSL)/.linked: $(LIBC_FILES) scripts/prepare-source.sh | deps
	@scripts/prepare-source.sh musl $(MUSL) libc/patches
	@cd $(LIBC_DIR) && for d in arch/wasm32 crt/wasm32 src/*/wasm32; do \
		mkdir -p $(MUSL)/$$d; cp -rsf $(LIBC_DIR)/$$d/. $(MUSL)/$$d/; done
	@cd $(MUSL) && find arch/wasm32 crt/wasm32 src/*/wasm32 -xtype l | \
	  while read -r f; do rm -f "$$f" "obj/$${f%.*}.o" "obj/$${f%.*}.lo" "obj/$${f%.*}.d"; done
	@touch $@
libc-musl: $(MUSL)/.linked

$(MUSL)/arch/wasm32/bits/syscall.h.in: $(KHDR)/include/asm/unistd_32.h libc/gen-syscall-h.sh | $(MUSL)/.linked
	@libc/gen-syscall-h.sh $< > $@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

# Rewritten only when its text changes: every object depends on it
# (arch.mak), so that new flags compile everything again.
$(MUSL)/config.mak: libc/build.mk | $(MUSL)/.linked
	@printf '%s\n' 'ARCH = wasm32' \
	  'prefix = $(SYSROOT)' 'includedir = $$(prefix)/include' 'libdir = $$(prefix)/lib' \
	  'CC = ccache clang-19 --target=wasm32-unknown-unknown' \
	  'AR = llvm-ar-19' 'RANLIB = llvm-ranlib-19' \
	  'CFLAGS_AUTO = $(LIBC_CFLAGS)' 'LIBCC =' \
	  'SHARED_LIBS =' 'TOOL_LIBS =' 'ALL_TOOLS =' > $@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

# musl's Makefile decides what to rebuild (arch.mak adds header deps).
$(MUSL)/.built: $(MUSL)/.linked $(MUSL)/config.mak $(MUSL)/arch/wasm32/bits/syscall.h.in
	+@$(MAKE) -s -C $(MUSL) lib/libc.a lib/crt1.o \
	  $(patsubst %,lib/lib%.a,m rt pthread crypt util xnet resolv dl) \
	  install-headers
	@touch $@

$(SYSROOT)/lib/%: $(MUSL)/.built
	@mkdir -p $(dir $@)
	@if ! cmp -s $(MUSL)/lib/$* $@; then cp $(MUSL)/lib/$* $@; echo "  INSTALL $@"; fi

$(SYSROOT)/lib/libcompiler_rt.a: $(LIBC_RT)
	@mkdir -p $(dir $@)
	@test -f $< || { echo "error: $< missing: apt-get install libclang-rt-19-dev-wasm32" >&2; exit 1; }
	cp $< $@

# Test programs (libc/tests/*.c), built with the driver, and a check of
# what each imports and exports (user_abi.h) and that wasm2c takes it.
# Running them needs the kernel (or a stand-in host): tests/boot/pthreads.sh
# runs the thread-*.c ones on both hosts.
LIBC_TESTS := $(patsubst libc/tests/%.c,$(B)/libc-tests/%.wasm,$(wildcard libc/tests/*.c))

.PHONY: libc-tests libc-check
libc-tests: $(LIBC_TESTS)

$(B)/libc-tests/%.wasm: libc/tests/%.c libc/wasm32-linux-musl-cc $(LIBC_OUT)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@WASMLINUX_SYSROOT=$(SYSROOT) libc/wasm32-linux-musl-cc -O2 -Wall -Werror -o $@ $<

libc-check: $(LIBC_TESTS)
	@libc/tests/check-abi.sh $(LIBC_TESTS)

# The toolchain for users: the driver installed as $(B)/bin/wasm32-linux-
# musl-cc (the same script, its sysroot found as ../sysroot from there)
# and the LLVM binary tools under the same prefix, so that a build system
# given CC, AR, RANLIB (or PATH and --host) needs nothing else.  The
# binary tools are links: llvm-ar and llvm-objcopy pick ranlib or strip
# mode from the name they are called by, which ends the same.  The
# autoconf triplet wasm32-unknown-linux-musl (the shortest that old
# config.sub scripts accept too) gets the same tools under its names:
# with build/bin on PATH, configure --host finds AR, RANLIB, STRIP, NM
# by itself.  Not CC: AC_PROG_CC tries HOST-gcc, then the host's gcc,
# before HOST-cc, so CC= must be given (and a "-gcc" name would lie).
TC_BIN     := $(B)/bin
TC_TOOLS   := ar ranlib nm strip objcopy objdump
TC_PREFIX  := wasm32-linux-musl
TC_TRIPLET := wasm32-unknown-linux-musl
TC_OUT     := $(TC_BIN)/$(TC_PREFIX)-cc $(TC_TOOLS:%=$(TC_BIN)/$(TC_PREFIX)-%) \
	$(patsubst %,$(TC_BIN)/$(TC_TRIPLET)-%,cc $(TC_TOOLS))

.PHONY: toolchain
toolchain: $(TC_OUT) libc
# (`make` installs it: a prerequisite added to the top-level all)
all: toolchain

$(TC_BIN)/$(TC_PREFIX)-cc: libc/wasm32-linux-musl-cc
	@mkdir -p $(dir $@)
	@echo "  INSTALL $@"
	@sed 's|^sysroot_rel=.*|sysroot_rel=../sysroot|' $< > $@.tmp
	@grep -q '^sysroot_rel=../sysroot$$' $@.tmp || { echo "$<: no sysroot_rel= line" >&2; exit 1; }
	@chmod 755 $@.tmp && mv $@.tmp $@

$(TC_BIN)/$(TC_PREFIX)-%:
	@mkdir -p $(dir $@)
	@test -x /usr/bin/llvm-$*-19 || { echo "error: llvm-$*-19 missing: apt-get install llvm-19" >&2; exit 1; }
	@ln -sf /usr/bin/llvm-$*-19 $@

$(TC_BIN)/$(TC_TRIPLET)-%: | $(TC_BIN)/$(TC_PREFIX)-%
	@ln -sf $(TC_PREFIX)-$* $@
