# The ports (ports/, `make ports`): Lua, Tcl, SQLite and bash in the
# system on both hosts (tests/ports/scenario.sh), and a slice of Tcl's,
# SQLite's and bash's own test suites (through tcltest, testfixture and
# bash's run-* scripts; the whole of them: `make check-ports`).  The programs were translated by `make
# ports` into build/ports/cache, which the native runs use.

root=$build/ports/root suites=$build/ports/tests
fs=$out/fs
mkdir -p "$fs/tests"
cp tests/scenarios/lib.sh tests/ports/scenario.sh "$fs/tests/"
export WASMLINUX_CACHE="$build/ports/cache"

for h in native node; do
	p=$(host_prefix $h)
	echo "sh /tests/scenario.sh" |
		timeout 300 "$(host_bin $h)" --load "$root" --load "$fs" > "$out/use-$h" 2>&1
	status=$?
	report "$out/use-$h" "${p}ports: "
	verdict "${p}ports: the scenario runs to its end" "$out/use-$h" \
		'expect_status "use-$h" 0' 'has "use-$h" "^ok sqlite3: WAL"'

	# Test files of the suites, with their summaries: SQLite's "N errors
	# out of M tests" per file, tcltest's "all.tcl: Total N Passed N
	# Skipped N Failed N" for the files given by -file.
	sq="select1 expr func where insert update join"
	bt="arith array func quote braces case"
	cat > "$fs/suites.sh" <<EOF
mkdir -p /tmp/s && cd /tmp/s
for f in $sq; do
	echo "== \$f"
	/usr/libexec/sqlite3/testfixture /usr/share/sqlite3/test/\$f.test 2>&1 | grep "errors out of"
done
cd /usr/share/tcl8.6/tests &&
	TMPDIR=/tmp /usr/libexec/tcl8.6/tcltest all.tcl -file 'expr.test string.test list.test dict.test regexp.test' \
		-tmpdir /tmp/s 2>&1 | grep -E '^all\.tcl:|Test file error'
cp -r /usr/share/bash-tests /tmp/s/bash && cd /tmp/s/bash &&
for f in $bt; do
	THIS_SH=/usr/bin/bash PATH=.:/usr/libexec/bash-tests:\$PATH BASH_TSTOUT=/tmp/s/bashtst \
		sh run-\$f > /tmp/s/out 2> /dev/null < /dev/null
	[ -s /tmp/s/out ] && echo "bash: run-\$f differs" || echo "bash: run-\$f passes"
done
EOF
	echo "sh /suites.sh" |
		timeout 600 "$(host_bin $h)" mem=1G --load "$root" --load "$suites" --load "$fs" \
		> "$out/suites-$h" 2>&1
	status=$?
	verdict "${p}ports: SQLite's test files $sq pass in testfixture" "$out/suites-$h" \
		'expect_status "suites-$h" 0' \
		'[ "$(grep -c "^0 errors out of [1-9][0-9]* tests" "$out/suites-$h")" -eq 7 ]'
	verdict "${p}ports: Tcl's expr, string, list, dict and regexp tests pass in tcltest" "$out/suites-$h" \
		'has "suites-$h" "^all\.tcl:	*Total	*[1-9][0-9]*	*Passed	*[1-9][0-9]*	*Skipped	*[0-9]*	*Failed	*0$"' \
		'! has "suites-$h" "Test file error"'
	verdict "${p}ports: bash's test files $bt pass" "$out/suites-$h" \
		'[ "$(grep -c "^bash: run-[a-z]* passes$" "$out/suites-$h")" -eq 6 ]'
done
