# Threads of user programs: libc/tests/thread-*.c (make libc-tests), on
# the native host and on the web host under Node.js.  Each program says
# PASS or FAIL on a line of its own, and exits 0 only if it passed.

ufs=$out/ufs
mkdir -p "$ufs/bin"
for w in "$build"/libc-tests/thread-*.wasm; do
	cp "$w" "$ufs/bin/$(basename "$w" .wasm)"
done
chmod +x "$ufs/bin/"*

# thread HOST NAME WHAT: runs /bin/NAME on HOST, a verdict named WHAT
thread() {
	runx "$1" "$1-$2" --load "$ufs" --exec "/bin/$2"
	verdict "$(host_prefix "$1")$3" "$out/$1-$2" \
		"expect_status $1-$2 0" "has $1-$2 '^PASS $2:'"
}

for h in native node; do
	thread $h thread-mutex "threads: 8 x 100,000 increments under a mutex add up exactly"
	thread $h thread-condvar "threads: a condition variable hands 1,000,000 items over in order"
	# (a worker a thread under Node: about 45 s on two idle cores)
	runx_limit=300 thread $h thread-many "threads: 1,000 threads, a quarter detached, all run with tids of their own"
	thread $h thread-tls "threads: __thread variables start initialised and are each thread's own"
	thread $h thread-rwlock "threads: a rwlock, a spinlock and a barrier keep their promises"
	thread $h thread-signal "threads: pthread_kill and per-thread masks choose the handler's thread"
	thread $h thread-trap "threads: a store through NULL in a thread kills the process (SIGSEGV)"
	thread $h thread-cancel "threads: pthread_cancel of threads blocked in read() and in a condition wait"
	thread $h thread-futex "threads: futex wakes find their own process's waiters, never another's at the same address"
	thread $h thread-handles "threads: 40,000 threads and 2,000 forks, one after another, beyond the web host's 65,536 handles"
	thread $h thread-mmap "mmap: a private file mapping keeps its writes, anonymous MAP_SHARED is the threads', munmap'd pages come back, mincore"
done

# The host's side of 1,000 threads (native): their host threads are gone
# when the run ends (live: started and not ended, the kernel's own
# threads among them), and the host's memory did not keep what they had
# (against a run of the program with the fewest threads).
run tstats-many --stats --load "$ufs" --exec /bin/thread-many
st_many=$status
run tstats-few --stats --load "$ufs" --exec /bin/thread-tls
started=$(stats tstats-many threads) live=$(stats tstats-many live)
rss_many=$(stats tstats-many rss) rss_few=$(stats tstats-few rss)
verdict "threads: after 1,000 threads (${started:-?} host threads started), ${live:-?} live and ${rss_many:-?} KiB resident (${rss_few:-?} KiB for a few)" \
	"$out/tstats-many" '[ "$st_many" = 0 ]' '[ "${started:-0}" -ge 1000 ]' \
	'[ -n "$live" ] && [ "$live" -le 40 ]' \
	'[ -n "$rss_few" ] && [ "$rss_many" -le $((rss_few + 65536)) ]'
