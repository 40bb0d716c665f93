#!/bin/sh
# Runs the kernel selftests that build.sh built, each program in a
# WasmLinux of its own (one that hangs or breaks its system takes no
# other with it), and prints a result per test case: the TAP lines the
# program prints (kselftest.h, kselftest_harness.h), or for a program
# without them its exit status (0 passed, 4 skipped, others failed).
# A program that ends before its TAP plan's count, or with a failing
# status after only passes, fails as a whole.  Fails if a case fails
# that known-failures.txt does not list; the file says why each fails.
#
#   run.sh BUILD [DIR/PROG...]      (default: every program built, in
#                                   the order of programs.txt)
# SELFTESTS_HOST=node runs them on the web host under Node.js instead
# (its results in BUILD/test-output/selftests-node).
set -u
build=$(cd "${1:-build}" && pwd)
[ $# -gt 0 ] && shift
here=$(cd "$(dirname "$0")" && pwd)
fs=$build/selftests/fs
on=${SELFTESTS_HOST:-native}
list=$build/selftests/programs

[ -f "$list" ] || { echo "$0: no $list (run build.sh first)" >&2; exit 1; }
case $on in
native)
	out=$build/test-output/selftests
	wl=$build/bin/wasmlinux ;;
node)
	out=$build/test-output/selftests-node
	wl=$out/wl-node ;;
*)
	echo "$0: SELFTESTS_HOST is native or node, not $on" >&2
	exit 2 ;;
esac
rm -rf "$out"
mkdir -p "$out"
[ "$on" = native ] || printf '#!/bin/sh\nWASMLINUX_BUILD="%s" exec node "%s/web/cli.mjs" "$@"\n' \
	"$build" "$(cd "$here/../.." && pwd)" > "$wl"
chmod +x "$wl"
[ $# -eq 0 ] && set -- $(cut -d' ' -f1 "$list")

: > "$out/results"
for prog; do
	per_prog=$(grep -m1 "^$prog " "$list" | cut -d' ' -f2)
	[ -n "$per_prog" ] || { echo "$0: $prog is not in $list" >&2; exit 1; }
	log=$out/$(echo "$prog" | tr / _).log
	# The host's timeout is a last resort: the one inside kills the
	# program and lets the system report it.
	printf '%s\n' "cd /selftests/${prog%/*} &&" \
		"timeout -s KILL $per_prog ./${prog##*/} 2>&1; s=\$?; echo; echo \"selftest-status \$s\"" |
		timeout $((per_prog + 60)) "$wl" mem=256M --load "$fs" > "$log" 2>&1
	host=$?
	awk -v prog="$prog" -v host="$host" '
	/^(not )?ok [0-9]+/ {
		line = $0
		res = /^not ok/ ? "fail" : "pass"
		sub(/^(not )?ok [0-9]+ */, "", line)
		if (line ~ /# *[Ss][Kk][Ii][Pp]/) res = "skip"
		else if (line ~ /# *(XFAIL|xfail)/) res = "skip"
		directive = line
		sub(/ *#.*$/, "", line)
		sub(/ +$/, "", line)
		sub(/^[^#]*# */, "", directive)
		sub(/ *$/, "", directive)
		if (line == "") line = directive == "" ? "(unnamed)" : "(" directive ")"
		print res, prog ": " line
		n++
		if (res == "fail") failed = 1
		next
	}
	/^1\.\.[0-9]+/ { plan = substr($0, 4) + 0 }
	/^selftest-status / { status = $2; seen = 1 }
	END {
		if (!seen) {
			print "fail", prog ": (system ended, host status " host ")"
			exit
		}
		if (n == 0) {
			res = status == 0 ? "pass" : status == 4 ? "skip" : "fail"
			print res, prog ": (exit status " status ")"
		} else if (n < plan) {
			print "fail", prog ": (" n " of " plan " results, exit status " status ")"
		} else if (!failed && status != 0 && status != 4) {
			print "fail", prog ": (exit status " status ")"
		}
	}' "$log" >> "$out/results"
	grep "^fail" "$out/results" | grep -F "fail $prog: " | sed 's/^/  /'
done

pass=$(grep -c '^pass' "$out/results")
fail=$(grep -c '^fail' "$out/results")
skip=$(grep -c '^skip' "$out/results")
sed -n 's/^fail //p' "$out/results" > "$out/failed"
echo "kernel selftests ($on): $pass passed, $fail failed, $skip skipped ($(echo "$@" | wc -w) programs; logs: $out)"
. "$here/../known-failures.sh"
check_known "kernel selftests" "$out/failed" "$here/known-failures.txt" "$pass"
