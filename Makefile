# WasmLinux top-level build.  `make run` boots, `make check` tests,
# `make bench` measures.  Everything is built under $(BUILD).

BUILD   ?= build
B       := $(abspath $(BUILD))
KSRC    := $(B)/linux
KOBJ    := $(B)/kobj
# A fixed build stamp keeps unchanged kernels byte-identical (no rebuilds).
STAMP   := $(shell git log -1 --format=%cd 2>/dev/null || echo unknown)
KMAKE   := $(MAKE) -C $(KSRC) O=$(KOBJ) ARCH=wasm LLVM=-19 LD=wasm-ld-19 \
	   CC="ccache clang-19" KBUILD_BUILD_TIMESTAMP="$(STAMP)" \
	   KBUILD_BUILD_USER=wasmlinux KBUILD_BUILD_HOST=wasmlinux \
	   KBUILD_BUILD_VERSION=1

.PHONY: all run check check-busybox check-selftests bench deps kernel-src kernel-archives web serve clean distclean

# (make windows: the Windows build, runtime/windows.mk)
all: $(B)/bin/wasmlinux $(B)/bin/wasmlinux-net $(B)/bin/wasmlinux-mount $(B)/userland/initramfs.cpio $(B)/rootfs.ext4 web

deps:
	@scripts/deps.sh

# The build runs each tool only when one of its inputs changed, so that a
# second `make` does nothing.  Stamps stand for what a tool makes of many
# files: the prepared source, the kernel's archives.
KERNEL_FILES := $(shell find kernel -type f)

# Debian's tree with our patches and our arch copied in (the copy keeps
# the timestamps of unchanged files, so Kbuild rebuilds only what changed).
# (the folders too: a file removed changes no file, only its folder)
$(KSRC)/.prepared: $(KERNEL_FILES) $(shell find kernel -type d) scripts/prepare-kernel.sh | deps
	@mkdir -p $(B)
	@scripts/prepare-kernel.sh $(KSRC)
	@touch $@
kernel-src: $(KSRC)/.prepared

# The configuration is made again when a configuration or Kconfig changes.
$(KOBJ)/.config: kernel/configs/wasm_defconfig kernel/configs/kunit.config \
		$(filter %Kconfig %Kconfig.debug,$(KERNEL_FILES)) | $(KSRC)/.prepared
	@mkdir -p $(KOBJ)
	+$(KMAKE) wasm_defconfig kunit.config

$(B)/kernel-archives.stamp: $(KSRC)/.prepared $(KOBJ)/.config
	+$(KMAKE) wasm_archives
	@touch $@
kernel-archives: $(B)/kernel-archives.stamp

include runtime/build.mk
include runtime/windows.mk
include libc/build.mk
include userland/build.mk
include web/build.mk
include fuse/build.mk
include ports/ports.mk

serve: web
	node web/serve.mjs 8080 $(B)

# (make run PORTS=1: with the ports, ports/README.md; their files,
# Python's library most, need more than the default 64 MiB)
run: $(B)/bin/wasmlinux $(B)/userland/initramfs.cpio $(if $(PORTS),ports)
	$(B)/bin/wasmlinux $(if $(PORTS),mem=512M --load $(B)/ports/root --cache $(B)/ports/cache)

# Test programs that embed the kernel, built as an embedder would.
$(B)/tests/%: tests/api/%.c $(B)/lib/pkgconfig/wasmlinux.pc
	@mkdir -p $(B)/tests
	@echo "  CC      $@"
	@$(HOSTCC) -std=c11 -O2 -Wall -Wextra -Werror \
	  $$(PKG_CONFIG_PATH=$(B)/lib/pkgconfig pkg-config --cflags wasmlinux) \
	  $< -o $@ $$(PKG_CONFIG_PATH=$(B)/lib/pkgconfig pkg-config --libs wasmlinux)

# `make check TESTS="params tty"` runs only those of tests/boot/.
# (libc-tests: the thread programs that tests/boot/pthreads.sh runs)
# The Windows build too, where mingw-w64 is (tests/boot/windows.sh).
check: all ports $(B)/tests/api-test libc-tests $(if $(shell command -v x86_64-w64-mingw32-gcc),windows)
	tests/run-tests.sh $(B) $(TESTS)

# BusyBox's own testsuite inside WasmLinux (about 6 minutes).
check-busybox: $(B)/bin/wasmlinux $(B)/userland/initramfs.cpio
	tests/busybox-testsuite.sh $(B)

# The kernel's own selftests (tools/testing/selftests of the kernel's
# source) built with the toolchain and run inside WasmLinux, a system per
# program (about 10 minutes; tests/selftests/).  They are built again only
# when what they are made of changes: the stamp comes once build.sh
# succeeded.
SELFTESTS_FILES := $(filter-out %/run.sh %/known-failures.txt,$(shell find tests/selftests -type f))
$(B)/selftests/.built: $(SELFTESTS_FILES) $(KSRC)/.prepared $(LIBC_OUT) $(TC_OUT)
	tests/selftests/build.sh $(B)
	@touch $@
check-selftests: $(B)/bin/wasmlinux $(B)/userland/initramfs.cpio $(B)/selftests/.built
	tests/selftests/run.sh $(B)

$(B)/bench/bench-native: bench/bench-native.c bench/bench-common.c bench/ops.h
	@mkdir -p $(B)/bench
	$(HOSTCC) -std=c11 -O2 -Wall -Wextra -o $@ bench/bench-native.c bench/bench-common.c

$(B)/bench/bench-wasmlinux: bench/bench-wasmlinux.c bench/bench-common.c bench/ops.h $(B)/lib/pkgconfig/wasmlinux.pc
	@mkdir -p $(B)/bench
	$(HOSTCC) -std=c11 -O2 -Wall -Wextra \
	  $$(PKG_CONFIG_PATH=$(B)/lib/pkgconfig pkg-config --cflags wasmlinux) \
	  -o $@ bench/bench-wasmlinux.c bench/bench-common.c \
	  $$(PKG_CONFIG_PATH=$(B)/lib/pkgconfig pkg-config --libs wasmlinux)

bench: $(if $(shell command -v x86_64-w64-mingw32-gcc),windows) ports $(B)/bin/wasmlinux $(B)/bench/bench-native $(B)/bench/bench-wasmlinux $(B)/userland/native/busybox $(B)/userland/initramfs.cpio
	bench/run-bench.sh $(B)

clean:
	rm -rf $(B)/kobj $(B)/w2c $(B)/obj $(B)/bin $(B)/kernel.wasm

distclean:
	rm -rf $(B)

# The toolchain for users with real packages: GNU hello through its
# configure --host, Lua 5.4 through its Makefile, both run under Node
# (tests/toolchain/check.sh; about 30 s on two cores, most of it hello's
# configure).
.PHONY: check-toolchain
check-toolchain: toolchain $(B)/bin/wasmlinux $(B)/userland/initramfs.cpio web
	tests/toolchain/check.sh $(B)
