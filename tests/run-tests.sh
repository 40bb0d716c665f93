#!/bin/sh
# The test suite: boots build/bin/wasmlinux in the ways the tests below
# need and checks what it prints and how it exits.  Prints "N passed,
# M failed" and fails if anything failed.
set -u
build=${1:-build}
wl="$build/bin/wasmlinux"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     | /' "$2" | tail -n 15; }

# run NAME ARGS...: runs wasmlinux (time limit 60 s), output in $out/NAME,
# exit status in $status
run() {
	name=$1; shift
	timeout 60 "$wl" "$@" > "$out/$name" 2>&1
	status=$?
}

expect_status() { # NAME WANT
	if [ "$status" -eq "$2" ]; then return 0; fi
	echo "     exit status $status, expected $2" >> "$out/$1"
	return 1
}

has() { grep -q -- "$2" "$out/$1"; }

# check WHAT NAME STATUS [PATTERN...]: the run NAME ended with STATUS and
# printed a line matching every PATTERN
check() {
	_what=$1 _name=$2 _good=1
	expect_status "$_name" "$3" || _good=0
	shift 3
	for _pat; do has "$_name" "$_pat" || _good=0; done
	if [ "$_good" = 1 ]; then ok "$_what"; else bad "$_what" "$out/$_name"; fi
}

# The hosts that run user programs: the native program, and the web host
# under Node.js through a wrapper with the same command line.
wl_node=$out/wl-node
printf '#!/bin/sh\nWASMLINUX_BUILD="%s" exec node "%s/web/cli.mjs" "$@"\n' \
	"$(cd "$build" && pwd)" "$(pwd)" > "$wl_node"
chmod +x "$wl_node"
# host_bin HOST: the program of HOST (native or node); host_prefix HOST:
# how its checks are named
host_bin() { if [ "$1" = node ]; then echo "$wl_node"; else echo "$wl"; fi; }
host_prefix() { [ "$1" = node ] && echo "node: "; }

# runx HOST NAME ARGS...: as run, on HOST
runx() {
	bin=$(host_bin "$1"); name=$2; shift 2
	timeout 120 "$bin" "$@" > "$out/$name" 2>&1
	status=$?
}

# report FILE PREFIX: counts the "ok"/"FAIL" lines a test program printed
report() {
	while read -r verdict what; do
		case $verdict in
		ok) ok "$2$what" ;;
		FAIL) bad "$2$what" ;;
		esac
	done < "$1"
}

for t in tests/boot/*.sh; do
	. "$t"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
