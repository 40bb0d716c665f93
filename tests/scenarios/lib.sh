# Sourced by every scenario (they run inside WasmLinux, under hush):
# t WHAT EXPECTED ACTUAL prints "ok WHAT" or "FAIL WHAT ...", which
# tests/boot/busybox.sh counts on the host.
t() {
	if [ "$2" = "$3" ]; then
		echo "ok $1"
	else
		echo "FAIL $1: expected [$2], got [$3]"
	fi
}
