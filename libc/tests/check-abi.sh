#!/bin/sh
# check-abi.sh PROGRAM.wasm...: each program imports env.memory, shared,
# and linux.syscall, and besides only linux.longjmp and env.invoke_*
# (setjmp), and linux.fork (fork.c, which must then export Asyncify's
# controls); it exports _start, __wasm_signal, its table, stack pointer
# and TLS base, and __wasm_thread_start if it makes threads (the
# thread-*.c tests must; the others must not), has wasm-ld's
# __wasm_init_memory as its start function
# (user_abi.h), and goes through wasm2c --enable-exceptions (with
# tools/w2c-fix-eh.py) and a C compiler.  wasm2c 1.0.32 refuses atomics:
# the module goes through tools/wasm-atomics.py first, and where that is
# missing the wasm2c step is skipped (said so).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tools=$here/../../tools
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for w in "$@"; do
	name=$(basename "$w" .wasm)
	wasm-objdump -j Import -x "$w" > "$tmp/import"
	sed -n 's/.*<- //p' "$tmp/import" | grep -v '^linux\.longjmp$\|^env\.invoke_' |
		sort > "$tmp/imports"
	wasm-objdump -j Export -x "$w" | sed -n 's/.*-> "\(.*\)"/\1/p' | sort > "$tmp/exports"
	{
		printf 'env.memory\nlinux.syscall\n'
		[ "$name" = fork ] && echo linux.fork
	} | sort > "$tmp/want-imports"
	{
		printf '__indirect_function_table\n__stack_pointer\n__tls_base\n'
		printf '__wasm_signal\n_start\n'
		case $name in thread-*|fork) echo __wasm_thread_start ;; esac
		[ "$name" = fork ] && printf 'asyncify_%s\n' get_state start_rewind \
			start_unwind stop_rewind stop_unwind
	} | sort > "$tmp/want-exports"
	if ! cmp -s "$tmp/imports" "$tmp/want-imports"; then
		echo "FAIL $name: imports $(tr '\n' ' ' < "$tmp/imports")"; fail=1; continue
	fi
	if ! grep -q 'memory\[0\] .* shared <- env.memory' "$tmp/import"; then
		echo "FAIL $name: its memory is not shared"; fail=1; continue
	fi
	if ! cmp -s "$tmp/exports" "$tmp/want-exports"; then
		echo "FAIL $name: exports $(tr '\n' ' ' < "$tmp/exports")"; fail=1; continue
	fi
	start=$(wasm-objdump -j Start -x "$w" | sed -n 's/.*start function: \([0-9]*\).*/\1/p')
	# (the start function keeps no name: find it by its code, the
	# compare-exchange of the flag that makes it run once)
	if [ -z "$start" ] || ! wasm-objdump -d "$w" |
	   awk -v f="func[$start]" '$2 == f || $2 == f ":" { on = 1; next } /^[0-9a-f]+ func\[/ { on = 0 }
	   on && /i32.atomic.rmw.cmpxchg/ { found = 1 } END { exit !found }'; then
		echo "FAIL $name: no __wasm_init_memory start function"; fail=1; continue
	fi
	if [ ! -f "$tools/wasm-atomics.py" ]; then
		echo "ok   $name: imports/exports/start as user_abi.h (wasm2c skipped: no tools/wasm-atomics.py)"
		continue
	fi
	if ! python3 "$tools/wasm-atomics.py" "$w" "$tmp/$name.wasm" ||
	   ! wasm2c --enable-exceptions -n "$name" "$tmp/$name.wasm" -o "$tmp/w_$name.c" ||
	   ! python3 "$tools/w2c-fix-eh.py" "$tmp/w_$name.c" ||
	   ! ${HOSTCC:-gcc} -c -O1 -w -I/usr/share/wabt/wasm2c "$tmp/w_$name.c" -o "$tmp/w_$name.o"; then
		echo "FAIL $name: wasm2c"; fail=1; continue
	fi
	echo "ok   $name: imports/exports/start as user_abi.h, wasm2c and cc pass"
done
exit $fail
