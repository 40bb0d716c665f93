#!/bin/sh
# make check-ports: the ports' own test suites inside WasmLinux, on the
# native host, with the ports' root and their tests tree loaded
# (ports/ports.mk):
#   SQLite  testfixture on each file of test/veryquick.test's selection
#           (permutations.test's "veryquick": every test file of test/
#           and ext/ but the slow and the fault-simulating ones)
#   Tcl     tcltest tests/all.tcl: the whole of Tcl's suite, a file at
#           a time
#   bash    each of tests/run-* (what run-all runs)
#   Python  python3 -m test: the whole regression suite, by module
# Each prints its failures by name; a failure that
# ports/NAME/known-failures.txt does not list (with its reason) fails
# the check, as does a suite that stops before its summary.  The logs,
# with every test's result, are in BUILD/ports/check/.
#   tests/ports/run.sh BUILD [sqlite|tcl|bash|python ...]
set -u
b=$(cd "${1:-build}" && pwd)
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- sqlite tcl bash python
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/known-failures.sh"
wl=$b/bin/wasmlinux
out=$b/ports/check
mkdir -p "$out"
export WASMLINUX_CACHE="$b/ports/cache"

# suite NAME COMMAND [DIR [SHELL]]: runs COMMAND inside (DIR loaded
# too), with the ports loaded, as the user nobody in /tmp/s (SQLite's
# suite refuses root, and the suites test file permissions, which root
# ignores) through SHELL -c (/bin/sh); its output in $out/NAME.log, its
# exit status in $status
suite() {
	printf 'mkdir -p /tmp/s && chmod 777 /tmp/s && cd /tmp/s &&\n su -s %s nobody -c "HOME=/tmp/s TMPDIR=/tmp/s %s"\n' "${4:-/bin/sh}" "$2" |
		timeout 3000 "$wl" mem=2G --load "$b/ports/root" --load "$b/ports/tests" \
		${3:+--load "$3"} > "$out/$1.log" 2>&1
	status=$?
}

fail=0
for s; do
	case $s in
	sqlite)
		echo "  SUITE   sqlite (testfixture, the files of test/veryquick.test, one at a time)"
		# The files of permutations.test's "veryquick" selection (every
		# test file of test/ and ext/ but the slow ones and those that
		# simulate crashes and faults), each in a testfixture of its own
		# given 300 s: a file that stops (an error outside a test, a
		# trap, a hang) costs itself only and is named as
		# "file-error:FILE" (a file that runs no test here, as those of
		# features not compiled in, ends with 0 and no summary) or
		# "hang:NAME" (the last test started).  (argv0: tester.tcl takes
		# the test folder from it; permutations.test runs its own main
		# when it is argv0)
		mkdir -p "$out/sqlite-fs"
		cat > "$out/sqlite-fs/sqlite-suite.tcl" <<-'SCRIPT'
		set argv0 /usr/share/sqlite3/test/list
		set argv {}
		source /usr/share/sqlite3/test/permutations.test
		array set spec $::testspec(veryquick)
		foreach f $spec(-files) { puts [file join /usr/share/sqlite3/test $f] }
		SCRIPT
		cat > "$out/sqlite-fs/sqlite-suite.sh" <<-SCRIPT
		/usr/libexec/sqlite3/testfixture /sqlite-suite.tcl > /tmp/s/files || exit 1
		for f in \$(cat /tmp/s/files); do
			rm -rf /tmp/s/run && mkdir /tmp/s/run && cd /tmp/s/run || exit 1
			timeout 300 /usr/libexec/sqlite3/testfixture \$f > /tmp/s/log 2>&1
			st=\$?
			cat /tmp/s/log
			# (a test prints "NAME..." before it runs: end that line)
			[ -n "\$(tail -c 1 /tmp/s/log)" ] && echo
			if [ \$st = 143 ]; then
				echo "hang:\$(sed -n 's/^\([^ ]*\)\.\.\.\$/\1/p' /tmp/s/log | tail -n 1)"
			elif [ \$st != 0 ] && ! grep -q ' errors out of ' /tmp/s/log; then
				echo "file-error:\${f##*/}"
			fi
		done
		SCRIPT
		suite sqlite 'sh /sqlite-suite.sh' "$out/sqlite-fs"
		# "! NAME expected: ..." for each failed test, the files that
		# stopped; each file's "N errors out of M tests on ...", added up
		{ sed -n 's/^! \([^ ]*\) expected.*/\1/p' "$out/sqlite.log"
		  sed -n 's/^\(hang:[^ ]*\)$/\1/p; s/^\(file-error:[^ ]*\)$/\1/p' "$out/sqlite.log"; } |
			sort -u > "$out/sqlite.failed"
		summary=$(grep -E '^[0-9]+ errors out of [0-9]+ tests' "$out/sqlite.log" | awk '
			{ e += $1; t += $5; n++ }
			END { if (n) printf "%d files: %d errors out of %d tests", n, e, t }')
		passed=$(echo "$summary" | awk '{ print $7 - $3 }')
		;;
	tcl)
		echo "  SUITE   tcl (tcltest tests/all.tcl, a file at a time)"
		# A file at a time, each given 300 s, in a copy of tests/ the
		# user can write to (the tests make files beside them): a test
		# that hangs costs its file, and is named as "hang:FILE:NAME"
		# (NAME the last test started, -verbose t).  The hangs
		# known-failures.txt lists are skipped (-skip NAME).
		skips=$(sed -n 's/^hang:[^:]*:\([^ ]*\).*/\1/p' "$top/ports/tcl/known-failures.txt" | tr '\n' ' ')
		mkdir -p "$out/tcl-fs"
		cat > "$out/tcl-fs/tcl-suite.sh" <<-SCRIPT
		cp -r /usr/share/tcl8.6/tests /tmp/s/tests && cd /tmp/s/tests || exit 1
		for f in *.test; do
			timeout 300 /usr/libexec/tcl8.6/tcltest all.tcl -file \$f -tmpdir /tmp/s -singleproc 1 \\
				-verbose t -skip "$skips" > /tmp/s/log 2>&1
			st=\$?
			cat /tmp/s/log
			[ \$st = 143 ] && echo "hang:\$f:\$(sed -n 's/^---- \([^ ]*\) start\$/\1/p' /tmp/s/log | tail -n 1)"
		done
		SCRIPT
		suite tcl 'sh /tcl-suite.sh' "$out/tcl-fs"
		# "==== NAME ... FAILED" for each failure, the hangs, a file that
		# could not run; a summary per file, "all.tcl: Total N Passed N
		# Skipped N Failed N", added up
		{ sed -n 's/^==== \([^ ]*\) .* FAILED$/\1/p' "$out/tcl.log"
		  sed -n 's/^\(hang:[^ ]*\)$/\1/p' "$out/tcl.log"
		  sed -n 's/^Test file error: \(.*\)/file-error:\1/p' "$out/tcl.log"; } > "$out/tcl.failed"
		summary=$(grep -E '^all\.tcl:' "$out/tcl.log" | tr -s '\t ' ' ' | awk '
			{ t += $3; p += $5; s += $7; f += $9; n++ }
			END { if (n) printf "%d files: Total %d Passed %d Skipped %d Failed %d", n, t, p, s, f }')
		passed=$(echo "$summary" | awk '{ print $6 }')
		;;
	bash)
		echo "  SUITE   bash (tests/run-*, one at a time)"
		# Each of bash's run-* scripts (what its run-all runs: one runs a
		# test file and its .sub files through diff against the .right
		# file) given 300 s, in a copy of tests/ the user can write to;
		# it fails when it prints on its output (a difference: its
		# warnings go to the error output), and is named "run-NAME".
		# (Through bash, not ash: BusyBox's ash, which ignores SIGQUIT,
		# leaves it ignored in the program that its -c execs last, as on
		# Linux; the trap tests would see it ignored.)
		mkdir -p "$out/bash-fs"
		cat > "$out/bash-fs/bash-suite.sh" <<-'SCRIPT'
		h=/usr/libexec/bash-tests
		cp -r /usr/share/bash-tests /tmp/s/tests && cd /tmp/s/tests || exit 1
		export THIS_SH=/usr/bin/bash BUILD_DIR=/usr/share/bash-tests/build PATH=.:$h:$PATH
		n=0 p=0
		for x in run-*; do
			case $x in run-all|run-minimal|run-gprof) continue ;; esac
			export BASH_TSTOUT=/tmp/s/bashtst-$x
			timeout 300 sh $x > /tmp/s/log 2> /tmp/s/err < /dev/null
			st=$?
			n=$((n + 1))
			if [ $st = 143 ]; then echo "hang:$x"
			elif [ -s /tmp/s/log ]; then echo "failed:$x"; cat /tmp/s/log
			else p=$((p + 1)); fi
			rm -f $BASH_TSTOUT
		done
		echo "bash tests: $n files, $p passed"
		SCRIPT
		suite bash '/usr/bin/bash /bash-suite.sh' "$out/bash-fs" /usr/bin/bash
		sed -n 's/^failed:\(.*\)/\1/p; s/^\(hang:.*\)/\1/p' "$out/bash.log" > "$out/bash.failed"
		summary=$(sed -n 's/^bash tests: \(.*\)/\1/p' "$out/bash.log")
		passed=$(echo "$summary" | awk '{ print $3 }')
		;;
	python)
		echo "  SUITE   python (python3 -m test: the whole regression suite, two workers)"
		# The whole of Lib/test as `python3 -m test` runs it by default
		# (no -u: the tests of resources such as the network, audio, the
		# GUI or large memory skip themselves), in two worker processes,
		# each test module given 600 s (--timeout: one that hangs or
		# crashes its worker is a failure of its own); the results per
		# module, and its "N tests failed:" list, whose names are the
		# failures.  The modules known-failures.txt lists as hangs
		# ("hang:NAME", with the reason) are left out (-x): each would
		# cost a worker its timeout.
		skips=$(sed -n 's/^hang:\([^ ]*\).*/\1/p' "$top/ports/python/known-failures.txt" | tr '\n' ' ')
		mkdir -p "$out/python-fs"
		cat > "$out/python-fs/python-suite.sh" <<-SCRIPT
		python3 -m test -j2 --timeout 600 --tempdir /tmp/s/py ${skips:+-x $skips} 2>&1
		echo "regrtest exit status \$?"
		SCRIPT
		suite python 'sh /python-suite.sh' "$out/python-fs"
		# (the names that follow "N tests failed:", to the next blank line)
		awk '/^[0-9]+ tests? failed:$/ { on = 1; next } on && /^$/ { on = 0 }
			on { for (i = 1; i <= NF; i++) print $i }' "$out/python.log" > "$out/python.failed"
		summary=$(awk '/^== Tests result:/ { r = $4 } /^(All )?[0-9]+ tests? OK\.$/ { ok = $1 == "All" ? $2 : $1 }
			/^[0-9]+ tests? failed:$/ { f = $1 } /^[0-9]+ tests? skipped:$/ { sk = $1 }
			END { if (r != "") printf "%s: %d modules OK, %d failed, %d skipped", r, ok, f, sk }' "$out/python.log")
		passed=$(echo "$summary" | awk '{ print $2 }')
		;;
	*)
		echo "run.sh: no suite $s (sqlite, tcl, bash, python)" >&2
		exit 2
		;;
	esac
	if [ -z "$summary" ]; then
		echo "$s: the suite stopped before its summary (exit status $status; log: $out/$s.log)"
		tail -n 15 "$out/$s.log" | sed 's/^/  | /'
		fail=1
		continue
	fi
	echo "$s: $summary"
	(check_known "$s" "$out/$s.failed" "$top/ports/$s/known-failures.txt" "${passed:-0}") || fail=1
done
[ $fail = 0 ] && echo "check-ports: every failure is a known one"
exit $fail
