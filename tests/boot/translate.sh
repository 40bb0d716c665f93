# Programs that are not built in: the native host translates them when
# they are executed (wasm2c and the C compiler) and caches the result by
# content.  The program is compiled here, so no build has it.  --stats
# counts the translations ("translations=N").

tdir=$out/tfs
mkdir -p "$tdir/bin"
cat > "$out/hello.c" <<'EOC'
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	printf("translated hello, %s\n", argc > 1 ? argv[1] : "world");
	return argc > 2 ? (int)strlen(argv[2]) : 0;
}
EOC
libc/wasm32-linux-musl-cc -O2 -o "$tdir/bin/thello" "$out/hello.c" > "$out/tcc" 2>&1
verdict "a program compiled here builds" "$out/tcc" '[ -s "$tdir/bin/thello" ]'
cache=$out/cache

# translations NAME: the count --stats printed in $out/NAME
translations() { sed -n 's/.*translations=\([0-9]*\).*/\1/p' "$out/$1"; }

echo '/bin/thello one abc; echo "status $?"; /bin/thello two' |
	timeout 120 "$wl" --stats --cache "$cache" --load "$tdir" > "$out/tfirst" 2>&1
status=$?
verdict "the first exec translates the program; the second runs from the cache" "$out/tfirst" \
	'expect_status tfirst 0' 'has tfirst "translated hello, one"' 'has tfirst "status 3"' \
	'has tfirst "translated hello, two"' '[ "$(translations tfirst)" = 1 ]'

run tagain --stats --cache "$cache" --load "$tdir" --exec /bin/thello again
verdict "after a restart the program comes from the cache" "$out/tagain" \
	'expect_status tagain 0' 'has tagain "translated hello, again"' \
	'[ "$(translations tagain)" = 0 ]'

entry=$(ls -d "$cache"/v*/*-[0-9]* 2>/dev/null | head -n 1)
printf 'not an object' > "$entry/prog.so"
run tcorrupt --stats --cache "$cache" --load "$tdir" --exec /bin/thello mended
verdict "a corrupted cache entry is translated again, not loaded" "$out/tcorrupt" \
	'[ -n "$entry" ]' 'expect_status tcorrupt 0' 'has tcorrupt "translated hello, mended"' \
	'[ "$(translations tcorrupt)" = 1 ]'
head -c 100 "$entry/module.wasm" > "$out/short" && cp "$out/short" "$entry/module.wasm"
run ttrunc --stats --cache "$cache" --load "$tdir" --exec /bin/thello whole
verdict "a truncated cache entry is translated again" "$out/ttrunc" \
	'expect_status ttrunc 0' 'has ttrunc "translated hello, whole"' \
	'[ "$(translations ttrunc)" = 1 ]'

rm -rf "$out/cache2"
echo '/bin/thello a & /bin/thello b & wait; echo waited' |
	timeout 120 "$wl" --stats --cache "$out/cache2" --load "$tdir" > "$out/ttwo" 2>&1
status=$?
verdict "two processes that execute a new program at once both run; it is translated once" \
	"$out/ttwo" 'expect_status ttwo 0' 'has ttwo "translated hello, a"' \
	'has ttwo "translated hello, b"' 'has ttwo waited' '[ "$(translations ttwo)" = 1 ]'

mkdir -p "$out/tmpdir"
TMPDIR=$out/tmpdir timeout 120 "$wl" --stats --no-cache --load "$tdir" --exec /bin/thello bare \
	> "$out/tnocache" 2>&1
status=$?
verdict "--no-cache translates and keeps nothing" "$out/tnocache" \
	'expect_status tnocache 0' 'has tnocache "translated hello, bare"' \
	'[ "$(translations tnocache)" = 1 ]' '[ -z "$(ls -A "$out/tmpdir")" ]'

timeout 120 "$wl" compile "$tdir/bin/thello" -o "$out/cache3" > "$out/tcompile" 2>&1
status=$?
run tprecompiled --stats --cache "$out/cache3" --load "$tdir" --exec /bin/thello early
verdict "wasmlinux compile fills a cache ahead of time" "$out/tprecompiled" \
	'expect_status tcompile 0' 'expect_status tprecompiled 0' \
	'has tprecompiled "translated hello, early"' '[ "$(translations tprecompiled)" = 0 ]'
timeout 60 "$wl" compile "$out/hello.c" -o "$out/cache3" > "$out/tcompbad" 2>&1
status=$?
verdict "wasmlinux compile of a file that is no module fails with the reason" "$out/tcompbad" \
	'expect_status tcompbad 1' 'has tcompbad "hello.c: wasm2c refused it"'

# No C compiler on PATH: a reason, and the kernel goes on.
echo '/bin/thello x; echo "after it"' |
	timeout 60 env PATH=/nonexistent "$wl" --no-cache --load "$tdir" > "$out/tnocc" 2>&1
status=$?
verdict "without a C compiler the exec is ENOEXEC, naming the compiler and its package" "$out/tnocc" \
	'expect_status tnocc 0' 'has tnocc "/bin/thello: cannot translate it: no C compiler (cc) on PATH (Debian package gcc)"' \
	'has tnocc "Exec format error"' 'has tnocc "after it"'

# Two runtimes executing the same new program with one cache: the lock
# file lets one translate it, the other loads its result.
rm -rf "$out/cache4"
timeout 120 "$wl" --stats --cache "$out/cache4" --load "$tdir" --exec /bin/thello left > "$out/tleft" 2>&1 &
left=$!
timeout 120 "$wl" --stats --cache "$out/cache4" --load "$tdir" --exec /bin/thello right > "$out/tright" 2>&1
rstatus=$?
wait $left
lstatus=$?
cat "$out/tleft" "$out/tright" > "$out/tboth"
verdict "two runtimes sharing a cache translate a new program once" "$out/tboth" \
	'[ $lstatus = 0 ] && [ $rstatus = 0 ]' 'has tboth "translated hello, left"' \
	'has tboth "translated hello, right"' \
	'[ $(( $(translations tleft) + $(translations tright) )) = 1 ]'
