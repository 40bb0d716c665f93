# wasmlinux-mount (fuse/wasmlinux-mount.c): filesystem images mounted on
# the host through FUSE (Debian's libfuse3-dev), on libwasmlinux.
# Included by the top-level Makefile.
$(B)/bin/wasmlinux-mount: fuse/wasmlinux-mount.c $(B)/lib/pkgconfig/wasmlinux.pc
	@mkdir -p $(B)/bin
	@echo "  CC      $@"
	@$(HOSTCC) -std=c11 -O2 -Wall -Wextra -Werror \
	  $$(pkg-config --cflags fuse3) \
	  $$(PKG_CONFIG_PATH=$(B)/lib/pkgconfig pkg-config --cflags wasmlinux) \
	  $< -o $@ $$(pkg-config --libs fuse3) \
	  $$(PKG_CONFIG_PATH=$(B)/lib/pkgconfig pkg-config --libs wasmlinux)
