#!/bin/sh
# The toolchain for users with real packages (`make check-toolchain`):
# GNU hello from Debian's source through autoconf's configure --host and
# its Makefile, and Lua 5.4 through its own Makefile (ports/lua),
# each run inside WasmLinux on the node host and on the native host (which
# translates them when they are executed).
#   tests/toolchain/check.sh [BUILD]
# prints "ok WHAT" or "FAIL WHAT" per check and fails if one failed.
set -u
b=$(cd "${1:-build}" && pwd)
bin=$b/bin
top=$(pwd)
work=$b/toolchain-check
rm -rf "$work"
mkdir -p "$work/fs/bin" "$b/src/dl"
fails=0
# (what the native host translates is cached here, not in the user's cache)
export WASMLINUX_CACHE="$work/cache"

# check WHAT LOG CONDITION...: ok when every CONDITION (shell code) holds;
# else FAIL, the first condition that did not, and the end of LOG
check() {
	_what=$1 _log=$2
	shift 2
	for _c; do
		if ! eval "$_c"; then
			echo "FAIL $_what"
			echo "     not: $_c"
			[ -f "$_log" ] && tail -n 15 "$_log" | sed 's/^/     | /'
			fails=$((fails + 1))
			return 1
		fi
	done
	echo "ok   $_what"
}
# wl HOST LOG ARGS...: wasmlinux of HOST (node, native) with ARGS, its
# output in LOG, its exit status in $status
wl() {
	_h=$1 _log=$2
	shift 2
	if [ "$_h" = node ]; then
		WASMLINUX_BUILD=$b timeout 120 node "$top/web/cli.mjs" quiet "$@" > "$_log" 2>&1
	else
		timeout 120 "$bin/wasmlinux" quiet "$@" > "$_log" 2>&1
	fi
	status=$?
	# (the console ends lines with CR LF)
	sed -i 's/\r$//' "$_log"
}
hosts="node native"

# GNU hello: configure for the triplet, with the installed tools.
start=$(date +%s)
dsc=$(ls "$b"/src/dl/hello_*.dsc 2>/dev/null | head -n1)
if [ -z "$dsc" ]; then
	(cd "$b/src/dl" && apt-get source --download-only hello > "$work/fetch.log" 2>&1)
	dsc=$(ls "$b"/src/dl/hello_*.dsc 2>/dev/null | head -n1)
fi
check "apt-get source hello" "$work/fetch.log" '[ -n "$dsc" ]' || exit 1
dpkg-source --no-check -x "$dsc" "$work/hello" > /dev/null
mkdir "$work/hello-build"
(cd "$work/hello-build" && ../hello/configure --host=wasm32-unknown-linux-musl \
	CC="$bin/wasm32-linux-musl-cc" AR="$bin/wasm32-linux-musl-ar" \
	RANLIB="$bin/wasm32-linux-musl-ranlib") > "$work/configure.log" 2>&1
status=$?
check "hello: configure --host=wasm32-unknown-linux-musl" "$work/configure.log" \
	'[ $status -eq 0 ]' 'grep -q "^checking host system type... wasm32-unknown-linux-musl$" "$work/configure.log"' \
	'grep -q "^checking whether we are cross compiling... yes$" "$work/configure.log"'
make -C "$work/hello-build" -j2 > "$work/make.log" 2>&1
status=$?
check "hello: make" "$work/make.log" '[ $status -eq 0 ]' \
	'[ "$(head -c 4 "$work/hello-build/hello" | od -An -c | tr -d " ")" = "\0asm" ]' \
	'! grep -q "warning:" "$work/make.log"'
cp "$work/hello-build/hello" "$work/fs/bin/hello"
for h in $hosts; do
	wl $h "$work/hello-$h.log" --load "$work/fs" --exec /bin/hello
	check "$h: hello" "$work/hello-$h.log" '[ $status -eq 0 ]' \
		'grep -q "^Hello, world!" "$work/hello-$h.log"'
	wl $h "$work/hello-g-$h.log" --load "$work/fs" --exec /bin/hello -g "Hi from WasmLinux"
	check "$h: hello -g" "$work/hello-g-$h.log" '[ $status -eq 0 ]' \
		'grep -q "^Hi from WasmLinux$" "$work/hello-g-$h.log"'
	wl $h "$work/hello-v-$h.log" --load "$work/fs" --exec /bin/hello --version
	check "$h: hello --version" "$work/hello-v-$h.log" '[ $status -eq 0 ]' \
		'grep -q "^hello (GNU Hello) 2.10" "$work/hello-v-$h.log"'
done
echo "     (GNU hello: $(($(date +%s) - start)) s)"

# Lua 5.4 through its Makefile: the port (ports/lua), built afresh.
start=$(date +%s)
"$top/ports/build.sh" "$b" lua > "$work/lua-build.log" 2>&1
status=$?
check "lua: ports/build.sh lua" "$work/lua-build.log" '[ $status -eq 0 ]' '[ -f "$b/ports/lua/dest/usr/bin/lua" ]'
"$b/bin/wasm32-linux-musl-strip" "$b/ports/lua/dest/usr/bin/lua" -o "$work/fs/bin/lua"
cat > "$work/fs/t.lua" <<'EOF'
local t = {}
for i = 1, 10 do t[#t + 1] = i * i end
print(table.concat(t, ","), _VERSION, string.format("%.3f", math.pi))
print(pcall(error, "boom"))
local co = coroutine.wrap(function() coroutine.yield(1) coroutine.yield(2) end)
print(co(), co(), io.open("/t.lua") ~= nil)
os.exit(3)
EOF
for h in $hosts; do
	wl $h "$work/lua-$h.log" --load "$work/fs" --exec /bin/lua /t.lua
	check "$h: lua runs a script (tables, error and pcall, coroutines, files, os.exit 3)" \
		"$work/lua-$h.log" '[ $status -eq 3 ]' \
		'grep -q "^1,4,9,16,25,36,49,64,81,100	Lua 5.4	3.142$" "$work/lua-$h.log"' \
		'grep -q "^false	boom$" "$work/lua-$h.log"' \
		'grep -q "^1	2	true$" "$work/lua-$h.log"'
done
echo "     (Lua: $(($(date +%s) - start)) s)"

[ $fails -eq 0 ] && echo "check-toolchain: all passed" && exit 0
echo "check-toolchain: $fails failed"
exit 1
