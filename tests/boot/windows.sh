# The Windows build (make windows: build/windows/) under Wine: boot and
# power off, a BusyBox script piped in, the pipe demo, the embedding API,
# a panic, a kernel trap, mem=, a disk, files in and out, and user
# programs that trap.  Skipped, with the reason, where the build or Wine
# is not there (make check builds it when mingw-w64 is installed).

win=$build/windows
if [ ! -x "$win/wasmlinux.exe" ] || ! command -v wine > /dev/null; then
	echo "skip windows: no $win/wasmlinux.exe or no wine (scripts/deps.sh installs both)"
	return 0
fi
export WINEDEBUG=-all WINEPREFIX="${WASMLINUX_WINEPREFIX:-$shared/wineprefix}"
# (the prefix is made once; it takes Wine a few seconds)
[ -d "$WINEPREFIX" ] || wineboot -i > "$out/wineboot" 2>&1
wl_wine=$out/wl-wine
printf '#!/bin/sh\nexec wine "%s/wasmlinux.exe" "$@"\n' "$win" > "$wl_wine"
chmod +x "$wl_wine"
# wrun NAME ARGS...: as run, through Wine
wrun() {
	_w_name=$1; shift
	timeout 120 "$wl_wine" "$@" > "$out/$_w_name" 2>&1
	status=$?
}

wrun halt --halt
verdict "wine: boot and power off, status 0" "$out/halt" \
	'expect_status halt 0' 'has halt "reboot: Power down"'

printf 'echo "hello $(uname -sm)"\nx=0; while [ $x -lt 500 ]; do x=$((x+1)); done; echo "loop $x"\necho abc | tr a-c x-z\nexit 7\n' |
	timeout 120 "$wl_wine" > "$out/script" 2>&1
status=$?
verdict "wine: a BusyBox script piped in, its output and exit status" "$out/script" \
	'expect_status script 7' 'has script "^hello Linux wasm"' 'has script "^loop 500"' \
	'has script "^xyz"'

printf 'printf "a\\nb\\0c"\n' | timeout 120 "$wl_wine" > "$out/bytes" 2>&1
printf 'a\nb\0c' > "$out/bytes.want"
verdict "wine: a program's output bytes come out as they are (no CR added)" "$out/bytes" \
	'cmp -s "$out/bytes" "$out/bytes.want"'

wrun demo demo-pipe
verdict "wine: demo-pipe, a new process writes into a kernel pipe" "$out/demo" \
	'expect_status demo 0' "has demo 'demo-pipe: host read \"hello from pid [0-9]*\"'"

timeout 180 wine "$win/api-test.exe" > "$out/api" 2>&1
status=$?
report "$out/api" "wine: api: "
verdict "wine: api-test runs to its end" "$out/api" \
	'expect_status api 0' 'has api "shuts down"'

wrun panic --halt wasm_selftest=panic
verdict "wine: a panic exits 2 with the panic message" "$out/panic" \
	'expect_status panic 2' 'has panic "kernel panic: wasm_selftest: deliberate panic"'
wrun trap --halt wasm_selftest=trap
verdict "wine: a wasm trap in the kernel exits 3 naming the trap" "$out/trap" \
	'expect_status trap 3' 'has trap "wasm trap: unreachable executed"'

wrun mem --halt mem=200M --cat /proc/meminfo
total=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' "$out/mem")
verdict "wine: mem=200M gives the kernel 200 MiB" "$out/mem" \
	'expect_status mem 0' '[ -n "$total" ]' '[ "$total" -gt 190000 ]' '[ "$total" -le 204800 ]'

wrun badarg --no-such-option
verdict "wine: a bad option is an error, status 1" "$out/badarg" \
	'expect_status badarg 1'

# Host files in and out, and user programs (built in: no translation)
ufs=$out/ufs
mkdir -p "$ufs/bin" "$ufs/data"
cp "$build/user/raw.wasm" "$ufs/bin/raw"
chmod +x "$ufs/bin/raw"
head -c 100000 /dev/urandom > "$ufs/data/blob"
wrun files --load "$ufs" --copy-out "/data:$out/back"
verdict "wine: --load and --copy-out move files both ways intact" "$out/files" \
	'expect_status files 0' 'cmp -s "$ufs/data/blob" "$out/back/blob"'
wufs=$(winepath -w "$ufs") wout=$(winepath -w "$out")
wrun winpath --load "$wufs:/w" --copy-out "/w/data:$wout\\back2"
verdict "wine: Windows paths (a drive, backslashes) for --load and --copy-out" "$out/winpath" \
	'[ -n "$wufs" ]' 'expect_status winpath 0' 'cmp -s "$ufs/data/blob" "$out/back2/blob"'
printf '/bin/raw hello\n/bin/raw trap; echo "trap status $?"\n/bin/raw null; echo "null status $?"\n' |
	timeout 120 "$wl_wine" --load "$ufs" > "$out/user" 2>&1
status=$?
verdict "wine: a user program runs" "$out/user" \
	'expect_status user 0' 'has user "hello from a user program"'
verdict "wine: a trap in a user program kills it with SIGILL" "$out/user" \
	'has user "^trap status 132"'
verdict "wine: a store through NULL kills it with SIGSEGV" "$out/user" \
	'has user "^null status 139"'

# (awk's recursion runs out of stack, linear or the host thread's)
printf 'awk "function f(n) { return f(n + 1) + 1 } BEGIN { f(0) }"; echo "status $?"\necho alive\n' |
	timeout 120 "$wl_wine" > "$out/recurse" 2>&1
status=$?
verdict "wine: endless recursion kills the program with SIGSEGV, the shell goes on" \
	"$out/recurse" 'expect_status recurse 0' 'has recurse "^status 139"' 'has recurse "^alive"'

# A disk: an ext4 image made on the host, written inside, checked on the host
img=$out/disk.img
truncate -s 64M "$img" && mkfs.ext4 -q -b 4096 "$img"
printf 'mount /dev/vda /mnt && echo windows > /mnt/note && umount /mnt && echo done\n' |
	timeout 120 "$wl_wine" --disk "$img" > "$out/disk" 2>&1
status=$?
verdict "wine: an ext4 disk written inside is clean and has the file" "$out/disk" \
	'expect_status disk 0' 'has disk "^done"' 'e2fsck -fn "$img" > "$out/fsck" 2>&1' \
	'[ "$(debugfs -R "cat /note" "$img" 2>/dev/null)" = windows ]'
wrun nodisk --disk "$out/missing.img" --halt
verdict "wine: a missing disk file is an error" "$out/nodisk" \
	'expect_status nodisk 1' 'has nodisk "missing.img"'
wrun nonet --net user --halt
verdict "wine: --net user says there is no user-mode network in this build" "$out/nonet" \
	'expect_status nonet 1' 'has nonet "no user-mode network"'
