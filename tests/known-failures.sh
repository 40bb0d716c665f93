# Sourced by the scripts that run an outside test suite inside WasmLinux
# (busybox-testsuite.sh, selftests/run.sh).
#
# check_known SUITE FAILED KNOWN PASSED: the verdict on a suite's run.
# The file FAILED holds the names of the cases that failed, a line each;
# KNOWN the cases expected to fail (lines starting with # and empty ones
# aside; written sorted to FAILED.known).  Exits 1, naming them, if a case
# failed that KNOWN does not list, or if nothing PASSED; else exits 0.
check_known() {
	grep -v '^#' "$3" | grep . | sort -u > "$2.known"
	_k_new=$(sort -u "$2" | comm -23 - "$2.known")
	if [ -n "$_k_new" ]; then
		echo "$1: failures not listed in $3:"
		echo "$_k_new" | sed 's/^/  /'
		exit 1
	fi
	[ "$4" -gt 0 ] || { echo "$1: nothing passed"; exit 1; }
	exit 0
}
