# Atomic instructions of user programs on the native host: wasm2c 1.0.32
# refuses them, so tools/wasm-atomics.py makes them calls of
# runtime/atomics.c before it.  tests/atomics/ has two modules (every
# atomic instruction; threads.c, built as a program with threads is) and
# the harness that runs them without the kernel, on host threads at once;
# tests/user/atomics.c and threads.c are built-in programs with atomics,
# the second with threads.

adir=$out/atomics
mkdir -p "$adir"

# The rewrite itself.
python3 tools/wasm-atomics.py "$build/user/raw.wasm" "$adir/raw.wasm" > "$out/tcopy" 2>&1
verdict "a module without atomics or shared memory is copied byte for byte" "$out/tcopy" \
	'cmp -s "$build/user/raw.wasm" "$adir/raw.wasm"'

{
	clang-19 --target=wasm32-unknown-unknown -O2 -matomics -mbulk-memory -nostdlib \
		-Wall -Wextra -Werror -Wl,--no-entry,--import-memory,--shared-memory \
		-Wl,--max-memory=1048576,--global-base=65536 \
		-o "$adir/threads.wasm" tests/atomics/threads.c &&
	wat2wasm --enable-threads tests/atomics/ops.wat -o "$adir/ops.wasm" &&
	python3 tools/wasm-atomics.py "$adir/threads.wasm" "$adir/threads-rw.wasm" &&
	wasm2wat --enable-exceptions "$adir/threads-rw.wasm" -o "$adir/threads-rw.wat" &&
	wasm2wat --enable-threads "$adir/threads.wasm" -o "$adir/threads.wat"
} > "$out/trewrite" 2>&1
# (wasm2wat without the threads feature refuses atomics and shared memory)
verdict "the rewrite leaves no atomic instruction and no shared memory" "$out/trewrite" \
	'[ -s "$adir/threads-rw.wat" ]' \
	'grep -q "memory.atomic.wait32" "$adir/threads.wat"' \
	'grep -q "call .*memory_atomic_wait32" "$adir/threads-rw.wat"' \
	'grep -q "^  (import \"wl_atomic\" \"i32_atomic_rmw_cmpxchg\"" "$adir/threads-rw.wat"'
verdict "it keeps the exports and the start function" "$out/trewrite" \
	'[ "$(grep -c "^  (export " "$adir/threads-rw.wat")" = "$(grep -c "^  (export " "$adir/threads.wat")" ]' \
	'grep -q "^  (start " "$adir/threads-rw.wat"'

printf 'not a module' > "$adir/bad.wasm"
python3 tools/wasm-atomics.py "$adir/bad.wasm" "$adir/bad-rw.wasm" > "$out/tbad" 2>&1
status=$?
verdict "a file that is no module fails the rewrite, which names it" "$out/tbad" \
	'expect_status tbad 1' 'has tbad "bad.wasm: not a valid wasm module"'

# The harness: the modules translated as the build does (w2c-translate.py).
compile_parts() {
	for c in "$adir"/threads-*.c "$adir"/ops-*.c; do
		cc -std=c11 -O2 -w -Iruntime -I"$adir" -c "$c" -o "${c%.c}.o" || return 1
	done
}
{
	python3 tools/w2c-translate.py c threads "$adir/threads.wasm" "$adir" 2 &&
	python3 tools/w2c-translate.py c ops "$adir/ops.wasm" "$adir" 1 &&
	compile_parts &&
	cc -std=c11 -O2 -Wall -Wextra -Werror -pthread -Iruntime -I"$adir" \
		-o "$adir/harness" tests/atomics/harness.c runtime/atomics.c \
		runtime/platform-linux.c "$adir"/threads-*.o "$adir"/ops-*.o
} > "$out/tharness-build" 2>&1
verdict "the modules translate and link with runtime/atomics.c" "$out/tharness-build" \
	'[ -x "$adir/harness" ]'

timeout 120 "$adir/harness" "$adir/threads.wasm" > "$out/tharness" 2>&1
status=$?
report "$out/tharness" "atomics: "
verdict "atomics: the harness runs to its end" "$out/tharness" \
	'expect_status tharness 0' 'has tharness "^done"'

# Through the kernel: the built-in program, and a copy that is not built
# in (a custom section more), which is translated when it is executed.
afs=$out/afs
mkdir -p "$afs/bin"
cp "$build/user/atomics.wasm" "$afs/bin/atomics"
{ cat "$build/user/atomics.wasm"; printf '\000\002\001x'; } > "$afs/bin/atomics2"
chmod +x "$afs/bin/atomics" "$afs/bin/atomics2"
# translations NAME: the count --stats printed in $out/NAME
translations() { sed -n 's/.*translations=\([0-9]*\).*/\1/p' "$out/$1"; }

run abuiltin --stats --load "$afs" --exec /bin/atomics
verdict "a built-in program with atomics runs, found by its module's hash" "$out/abuiltin" \
	'expect_status abuiltin 0' 'has abuiltin "^atomics: 7 ok"' \
	'[ "$(translations abuiltin)" = 0 ]'
run aondemand --stats --load "$afs" --exec /bin/atomics2
verdict "a program with atomics is translated when executed, and runs" "$out/aondemand" \
	'expect_status aondemand 0' 'has aondemand "^atomics: 7 ok"' \
	'[ "$(translations aondemand)" = 1 ]'
run atrap --load "$afs" --exec /bin/atomics trap
verdict "a misaligned atomic access kills the program with SIGSEGV" "$out/atrap" \
	'expect_status atrap 139' 'has atrap "^before"' '! has atrap "^after"'
run await --load "$afs" --exec /bin/atomics wait
verdict "a wait in a memory that is not shared kills it with SIGILL" "$out/await" \
	'expect_status await 132' 'has await "^before"' '! has await "^after"'

# A program's threads (tests/user/threads.c: clone, its shared memory, a
# start function, wait and notify), on both hosts: the plain counter that
# loses updates shows that they ran at once (up to 8 runs: a machine
# busy elsewhere may run them one after the other).
cp "$build/user/threads.wasm" "$afs/bin/threads"
{ cat "$build/user/threads.wasm"; printf '\000\002\001x'; } > "$afs/bin/threads2"
chmod +x "$afs/bin/threads" "$afs/bin/threads2"
for h in native node; do
	p=$(host_prefix $h)
	for try in 1 2 3 4 5 6 7 8; do
		runx $h "t$h" --load "$afs" --exec /bin/threads
		has "t$h" "lost [1-9]" && break
	done
	verdict "${p}4 threads of a program add to its memory at once: exact atomic totals" \
		"$out/t$h" 'expect_status "t$h" 0' 'has "t$h" "^threads: 4 ok"'
	verdict "${p}they ran in parallel: a plain counter beside them lost updates" "$out/t$h" \
		'has "t$h" "^threads: 4 ok.*lost [1-9]"'
done
run tondemand --stats --load "$afs" --exec /bin/threads2
verdict "a program with threads is translated when executed, and runs" "$out/tondemand" \
	'expect_status tondemand 0' 'has tondemand "^threads: 4 ok"' \
	'[ "$(translations tondemand)" = 1 ]'
