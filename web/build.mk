# The web host's part of the build, under $(B)/web: what the page and
# web/cli.mjs load.  Included by the top-level Makefile.  It starts from
# kernel.wasm (runtime/build.mk) and the kernel's headers (libc/build.mk),
# and nothing native depends on it, so a change here rebuilds no native file.
WEB := $(B)/web

# The same kernel.wasm with a shared memory import and its data segments
# apart (tools/wasm-shared.py).
$(WEB)/kernel-shared.wasm $(WEB)/kernel-data.bin &: $(KWASM) tools/wasm-shared.py tools/wasmbin.py
	@mkdir -p $(WEB)
	@echo "  SHARED  $(WEB)/kernel-shared.wasm"
	@python3 tools/wasm-shared.py $(KWASM) $(WEB)/kernel-shared.wasm $(WEB)/kernel-data.bin

# The kernel's ABI numbers the JS uses, as an ES module (tools/web-abi.py),
# from the kernel's installed UAPI headers (libc/build.mk installs them),
# and a structure of the C library's (its headers come with libc.a).
$(WEB)/abi.mjs: tools/web-abi.py $(SYSROOT)/.kheaders $(SYSROOT)/lib/libc.a
	@mkdir -p $(WEB)
	@echo "  ABI     $@"
	@python3 tools/web-abi.py $@ clang-19 --target=wasm32-unknown-unknown -nostdinc \
		-I$(KHDR)/include -isystem $(SYSROOT)/include

# npm packages (web/package.json): xterm.js and its fit addon for the
# page, ws for serve.mjs's network relay, playwright-core for the browser
# test; installed from the npm
# registry by the build.  The page loads the terminal's built files.
$(B)/npm/.stamp: web/package.json web/package-lock.json
	@mkdir -p $(B)/npm
	@cp web/package.json web/package-lock.json $(B)/npm/
	@echo "  NPM     $(B)/npm"
	@cd $(B)/npm && npm ci --no-audit --no-fund --silent
	@touch $@

$(WEB)/vendor/xterm.js $(WEB)/vendor/addon-fit.js &: $(B)/npm/.stamp
	@mkdir -p $(WEB)/vendor
	@cp $(B)/npm/node_modules/@xterm/xterm/lib/xterm.js \
	    $(B)/npm/node_modules/@xterm/xterm/css/xterm.css \
	    $(B)/npm/node_modules/@xterm/addon-fit/lib/addon-fit.js $(WEB)/vendor/

# A Node.js worker's modules in one file (esbuild): each of the two dozen
# workers of a boot resolved, read and linked some twenty modules, about
# 100 ms of a boot on two cores.  cli.mjs takes it when it is newer than
# every module of web/ and made from them (its first line names the
# folder; else it loads the modules one by one).
$(WEB)/worker-node-bundle.mjs: $(wildcard web/*.mjs) | deps
	@mkdir -p $(WEB)
	@echo "  BUNDLE  $@"
	@esbuild web/worker-node.mjs --bundle --format=esm --platform=node --log-level=warning \
		--banner:js='// bundled from $(abspath web)' --outfile=$@

web: $(WEB)/kernel-shared.wasm $(WEB)/kernel-data.bin $(WEB)/abi.mjs \
     $(WEB)/vendor/xterm.js $(WEB)/vendor/addon-fit.js $(WEB)/worker-node-bundle.mjs
