# fork of user programs (user_abi.h): libc/tests/fork.c (make libc-tests)
# on the native host and on the web host under Node.js; it says PASS or
# FAIL for each case on a line of its own and exits 0 only if all passed.

ufs=$out/ufs-fork
mkdir -p "$ufs/bin"
cp "$build/libc-tests/fork.wasm" "$ufs/bin/fork"
cp "$build/libc-tests/vfork-trap.wasm" "$ufs/bin/vfork-trap"
chmod +x "$ufs/bin/fork" "$ufs/bin/vfork-trap"

for h in native node; do
	p=$(host_prefix $h)
	# (1,000 forks: a worker each under Node, about 50 s on two idle cores)
	runx_limit=300 runx $h "$h-fork" --load "$ufs" --exec /bin/fork
	for what in "the child sees the parent's data, heap and stack and its pipe" \
		"the child's writes stay in the child" \
		"waitpid: exit status 42" "waitpid: killed by SIGTERM" \
		"fork 500 frames deep: both processes find every frame's locals" \
		"fork then execve: the child runs a program" \
		"a thread forks: its child runs and makes a thread of its own" \
		"1,000 forks, each child's status reaped" \
		"fork in a signal handler fails with ENOSYS" \
		"clone3 without CLONE_VM: a child, its tid and a pidfd that polls at its exit" \
		"clone3 with CLONE_VM fails with EINVAL" \
		"clone() without CLONE_VM runs its function in a child"; do
		verdict "${p}fork: $what" "$out/$h-fork" 'has "$h-fork" "^PASS fork: $what"'
	done
	verdict "${p}fork: the program exits 0 when every case passed" "$out/$h-fork" \
		'expect_status "$h-fork" 0'
	# more frames than the room for the unwound stack: SIGILL, no hang
	# (from a shell: init's death by a signal is a kernel panic)
	echo '/bin/fork overflow; echo "overflow status $?"' |
		runx $h "$h-overflow" --load "$ufs"
	verdict "${p}fork: a stack too deep to unwind kills the process with SIGILL" \
		"$out/$h-overflow" 'has "$h-overflow" "^overflow status 132"' \
		'! has "$h-overflow" "^overflow:"'
	# a vfork child that dies on its parent's thread takes the parent
	# with it (SIGSEGV, SIGKILL): the shell goes on, no hang
	printf '%s\n' '/bin/vfork-trap null; echo "null status $?"' \
		'/bin/vfork-trap kill; echo "kill status $?"' \
		'/bin/vfork-trap nested; echo "nested status $?"' |
		runx_limit=60 runx $h "$h-vforktrap" --load "$ufs"
	verdict "${p}vfork: a child that traps or is killed before exec (also under a nested vfork) kills its parent with that signal" \
		"$out/$h-vforktrap" 'has "$h-vforktrap" "^null status 139"' \
		'has "$h-vforktrap" "^kill status 137"' 'has "$h-vforktrap" "^nested status 139"' \
		'! has "$h-vforktrap" "parent resumed"'
done

# The host's side of 1,000 forks (native): the children's host threads are
# gone when the run ends (live: started and not ended, the kernel's own
# threads among them), and the host's memory did not keep their copies
# (against a run with no fork).
run fstats-many --stats --load "$ufs" --exec /bin/fork many
st_many=$status
run fstats-none --stats --load "$ufs" --exec /bin/fork echo none
started=$(stats fstats-many threads) live=$(stats fstats-many live)
rss_many=$(stats fstats-many rss) rss_none=$(stats fstats-none rss)
verdict "fork: after 1,000 forks (${started:-?} host threads started), ${live:-?} live and ${rss_many:-?} KiB resident (${rss_none:-?} KiB with none)" \
	"$out/fstats-many" '[ "$st_many" = 0 ]' '[ "${started:-0}" -ge 1000 ]' \
	'[ -n "$live" ] && [ "$live" -le 40 ]' \
	'[ -n "$rss_none" ] && [ "$rss_many" -le $((rss_none + 65536)) ]'
