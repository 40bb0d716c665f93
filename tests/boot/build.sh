# The build does only what changed.  The suite runs on a finished build
# (make check builds first), so a make now must find nothing to do: no
# kernel build, link or wasm2c, no BusyBox or musl make.  A change in
# runtime/ rebuilds the runtime and the programs linked with it, nothing else.

# rebuild NAME: make of everything, silent but for what it really does
# (the build's own "  CC file" lines), output in $out/NAME
rebuild() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
		make -s --no-print-directory BUILD="$build" all > "$out/$1" 2>&1
	status=$?
}

rebuild noop
verdict "a second make does nothing" "$out/noop" \
	'expect_status noop 0' '! [ -s "$out/noop" ]'

touch runtime/console.c
rebuild runtime
# (wasmlinux-mount is a program on the library: it is linked again too)
printf '%s\n' "  CC      runtime/console.c" \
	"  AR      $(cd "$build" && pwd)/lib/libwasmlinux.a" \
	"  LD      $(cd "$build" && pwd)/bin/wasmlinux" \
	"  CC      $(cd "$build" && pwd)/bin/wasmlinux-mount" > "$out/runtime.want"
verdict "a change in runtime/ rebuilds the runtime and the programs on it alone" "$out/runtime" \
	'expect_status runtime 0' 'cmp -s "$out/runtime" "$out/runtime.want"'
