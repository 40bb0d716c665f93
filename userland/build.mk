# Userland: BusyBox (Debian's 1.35.0) for wasm32-linux-musl, the same
# configuration built natively with gcc (benchmarks compare the two), and
# the initramfs that holds it.  Included by the top-level Makefile.
#
# BusyBox's own make runs when its configuration, the libc or the compiler
# changed; its results are copied out only when they differ, so nothing
# that depends on them is rebuilt without cause.

BB_SRC      := $(B)/src/busybox
UL          := $(B)/userland
BB_WOBJ     := $(UL)/obj-wasm
BB_NOBJ     := $(UL)/obj-native
BB_WASM     := $(UL)/busybox.wasm
BB_NATIVE   := $(UL)/native/busybox
BB_CPIO     := $(UL)/initramfs.cpio
BB_ROOT     := $(UL)/root
BB_PATCHES  := $(wildcard userland/patches/*.patch)
BB_ROOTSRC  := $(shell find userland/root 2>/dev/null)
BB_STAMP    := $(BB_SRC)/.wasmlinux-patches

# The wasm compiler: musl's driver, behind a filter for the GNU ld options
# that BusyBox's link script (scripts/trylink) uses and wasm-ld lacks.
BB_MUSL_CC  := $(abspath libc/wasm32-linux-musl-cc)
BB_WASM_CC  := $(abspath userland/wasm-cc)

# KCONFIG_NOTIMESTAMP keeps the build date out of the binary.  Makefile.flags
# probes for -lcrypt and -lrt in every sub-make, through one scratch file
# in the object directory: in a parallel build the probes race and the
# link command (so whether it relinks) changes at random.  Neither library
# is needed (BusyBox's own crypt; clock_gettime is in libc).
BB_MAKE     := $(MAKE) --no-print-directory -C $(BB_SRC) HOSTCC=gcc \
	       KCONFIG_NOTIMESTAMP=1 BB_EXTRA_VERSION=wasmlinux \
	       CRYPT_AVAILABLE=n RT_AVAILABLE=n
BB_WMAKE    := $(BB_MAKE) O=$(BB_WOBJ) ARCH=wasm32 CROSS_COMPILE= \
	       CC="$(BB_WASM_CC)" AR=llvm-ar-19 NM=llvm-nm-19 \
	       STRIP=llvm-strip-19 OBJCOPY=llvm-objcopy-19 OBJDUMP=llvm-objdump-19 \
	       WASMLINUX_MUSL_CC="$(BB_MUSL_CC)" \
	       WASMLINUX_PRE_ASYNCIFY="$(UL)/busybox-pre-asyncify.wasm"
BB_NMAKE    := $(BB_MAKE) O=$(BB_NOBJ) CC=gcc

.PHONY: userland busybox-native busybox-wasm busybox-src

userland: $(BB_WASM) $(BB_NATIVE) $(BB_CPIO)
busybox-wasm: $(BB_WASM)
busybox-native: $(BB_NATIVE)
busybox-src: $(BB_STAMP)

# Debian's source with Debian's patches, then ours (if any).
$(BB_STAMP): $(BB_PATCHES) scripts/prepare-source.sh | deps
	@mkdir -p $(B)/src
	@scripts/prepare-source.sh busybox $(BB_SRC) userland/patches

# The wasm build uses busybox.config as it is.  Kbuild does not see a
# change of compiler behind an unchanged command line: when the driver
# changes, everything is compiled again.
$(BB_WOBJ)/.config: userland/busybox.config $(BB_STAMP) userland/wasm-cc $(BB_MUSL_CC)
	@if [ -f $@ ] && { [ userland/wasm-cc -nt $@ ] || [ $(BB_MUSL_CC) -nt $@ ]; }; \
	 then rm -rf $(BB_WOBJ); fi
	@mkdir -p $(BB_WOBJ)
	@cp $< $@

# The native build differs in one option: a re-executing BusyBox (NOMMU
# runs subshells and daemons that way) finds itself through /proc/self/exe,
# as /bin/busybox on the host is not this binary.
$(BB_NOBJ)/.config: userland/busybox.config $(BB_STAMP)
	@mkdir -p $(BB_NOBJ)
	@sed 's|^CONFIG_BUSYBOX_EXEC_PATH=.*|CONFIG_BUSYBOX_EXEC_PATH="/proc/self/exe"|' $< > $@

# Kbuild relinks only when BusyBox's objects change: a newer libc relinks
# too.  busybox.links after busybox (in parallel, it races the config).
BB_LIBC     := $(addprefix $(B)/sysroot/lib/,libc.a crt1.o libcompiler_rt.a)

$(UL)/busybox-wasm.stamp: $(BB_WOBJ)/.config $(LIBC_OUT) $(SYSROOT)/.kheaders $(BB_WASM_CC) $(BB_MUSL_CC)
	@for f in $(BB_LIBC); do [ $$f -nt $(BB_WOBJ)/busybox_unstripped ] && \
	   rm -f $(BB_WOBJ)/busybox_unstripped; done; true
	+@$(BB_WMAKE) busybox
	+@$(BB_WMAKE) busybox.links
	@if ! cmp -s $(BB_WOBJ)/busybox $(BB_WASM); then \
	   cp $(BB_WOBJ)/busybox $(BB_WASM); echo "  BUSYBOX $(BB_WASM)"; fi
	@if ! cmp -s $(BB_WOBJ)/busybox_unstripped $(UL)/busybox-unstripped.wasm; then \
	   cp $(BB_WOBJ)/busybox_unstripped $(UL)/busybox-unstripped.wasm; fi
	@if ! cmp -s $(BB_WOBJ)/busybox.links $(UL)/busybox.links; then \
	   cp $(BB_WOBJ)/busybox.links $(UL)/busybox.links; fi
	@touch $@

$(BB_WASM) $(UL)/busybox.links $(UL)/busybox-unstripped.wasm: $(UL)/busybox-wasm.stamp ;

$(UL)/busybox-native.stamp: $(BB_NOBJ)/.config
	+@$(BB_NMAKE) busybox
	@mkdir -p $(dir $(BB_NATIVE))
	@if ! cmp -s $(BB_NOBJ)/busybox $(BB_NATIVE); then \
	   cp $(BB_NOBJ)/busybox $(BB_NATIVE); echo "  BUSYBOX $(BB_NATIVE)"; fi
	@touch $@

$(BB_NATIVE): $(UL)/busybox-native.stamp ;

# The initramfs: userland/root, busybox.wasm as /bin/busybox, a symbolic
# link for every applet, and the empty mount points.  Owned by root, with
# one fixed time stamp (Linux 6.12's release day), in a stable order: the same inputs give the same
# archive.  No device nodes (they need root to stage): the host runtime
# mounts devtmpfs on /dev before it runs /init, and /init mounts it too.
# The names of services and protocols (getaddrinfo("http"), getservbyname)
# are Debian's, from the build machine's netbase.
NETBASE := /etc/services /etc/protocols
$(BB_CPIO): $(BB_WASM) $(UL)/busybox.links $(BB_ROOTSRC) $(NETBASE) userland/build.mk
	@echo "  CPIO    $@"
	@rm -rf $(BB_ROOT) && mkdir -p $(BB_ROOT)
	@cp -R userland/root/. $(BB_ROOT)/
	@cp $(NETBASE) $(BB_ROOT)/etc/
	@cd $(BB_ROOT) && mkdir -p bin sbin usr/bin usr/sbin proc sys dev tmp \
	   root home mnt var/run var/log etc && chmod 1777 tmp && chmod 700 root
	@cp $(BB_WASM) $(BB_ROOT)/bin/busybox && chmod 755 $(BB_ROOT)/bin/busybox
	@chmod 755 $(BB_ROOT)/init && chmod 600 $(BB_ROOT)/etc/shadow
	@for l in $$(cat $(UL)/busybox.links); do \
	   [ "$$l" = /bin/busybox ] || ln -sf /bin/busybox $(BB_ROOT)$$l; done
	@find $(BB_ROOT) -exec touch -h -d '2024-11-17 00:00:00 UTC' {} +
	@cd $(BB_ROOT) && find . -mindepth 1 | LC_ALL=C sort | \
	   cpio -o -H newc -R 0:0 --reproducible --quiet > $@.tmp
	@mv $@.tmp $@

# The same tree as an ext4 root filesystem, for wasmlinux --disk
# build/rootfs.ext4 root=/dev/vda: a system whose changes persist.  Made
# again (and so emptied of those changes) when the initramfs changes.
# 4 KiB blocks, a block a page, as mke2fs gives larger filesystems: with
# smaller blocks ext4 can leave a page's blocks past a file's size on the
# disk when memory runs short mid-writeback (README, Limitations).
ROOTFS     := $(B)/rootfs.ext4
ROOTFS_MB  := 256
$(ROOTFS): $(BB_CPIO)
	@echo "  EXT4    $@"
	@rm -f $@.tmp
	@mke2fs -q -t ext4 -b 4096 -L wasmlinux -E root_owner=0:0 -d $(BB_ROOT) $@.tmp $(ROOTFS_MB)M
	@mv $@.tmp $@
