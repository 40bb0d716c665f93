# Bad input for user programs, on the native host and under Node.js: 200
# malformed modules from tools/gen-malformed.py (truncated, random bytes
# mutated, wrong imports and exports, their own memory or too much of one,
# a start function, invalid code, over WASM_USER_MAX_MODULE, and valid
# ones that trap) run one after the other under BusyBox's shell.  Each must
# be ENOEXEC (status 126: each runs under env, whose exec failure is 126;
# hush's own is 2, which a program may exit with too) or die of a signal
# (128+N), none may run as a program, and the kernel must answer
# afterwards.  The kernel's reasons come from dmesg at the end (the
# console is quiet when the shell reads a script).
#
# The corpus's MANIFEST says who refuses each module: the kernel's check
# (most, at once), the host (its compiler: invalid code, limits the engine
# refuses), or nobody (valid modules that trap, which must be killed by a
# signal, or be ENOEXEC on a host that runs no module it was not built
# with: PROBE, a valid program of that kind, says which it is).

corpus=$out/corpus
if ! python3 tools/gen-malformed.py "$build/user/raw.wasm" "$corpus" > "$out/gen" 2>&1; then
	verdict "tools/gen-malformed.py writes the corpus" "$out/gen" false
	return 0
fi
n_all=$(grep -c . "$corpus/MANIFEST")
n_kernel=$(grep -c '^[^ ]* kernel ' "$corpus/MANIFEST")
n_host=$(grep -c '^[^ ]* host ' "$corpus/MANIFEST")
n_signal=$(grep -c '^[^ ]* signal ' "$corpus/MANIFEST")
# a truncation the kernel finds malformed (which ones are depends on the
# layout of raw.wasm, so on the linker's version)
trunc=$(sed -n 's/^\(trunc-[0-9]*\) kernel a truncated or malformed module$/\1/p' \
	"$corpus/MANIFEST" | tail -n 1)

mfs=$out/mfs
mkdir -p "$mfs/m" "$mfs/bin"
for f in "$corpus"/*; do
	case ${f##*/} in MANIFEST|HUGE_SIZE) ;; *) cp "$f" "$mfs/m/" ;; esac
done
cp "$build/user/raw.wasm" "$mfs/bin/raw"
chmod +x "$mfs/bin/raw"
# The modules whose reasons are looked for go first: the kernel logs at
# most 10 refusals in 5 s (pr_warn_ratelimited).
first="start-is-start import-table memory-defined-too memory-initial-16385
export-no-start $trunc code-add-empty-stack memory-max-below-initial"
{
	echo "truncate -s $(cat "$corpus/HUGE_SIZE") /m/huge"
	echo "env /m/PROBE hello; echo \"probe \$?\""
	for n in $first $(cut -d' ' -f1 "$corpus/MANIFEST"); do
		echo "env /m/$n; echo \"status $n \$?\""
	done | awk '!seen[$0]++'	# (the first ones only once)
	echo '/bin/raw hello; echo "raw $?"'
	echo '/bin/raw exit 5; echo "raw exit $?"'
	echo 'echo "answers $((6 * 7))"'
	echo 'echo "kernel log:"; dmesg'
} > "$mfs/run.sh"

for h in native node; do
	p=$(host_prefix $h)
	log=m$h
	start=$(date +%s)
	echo "sh /run.sh" | timeout 120 "$(host_bin $h)" --load "$mfs" > "$out/$log" 2>&1
	status=$?
	took=$(($(date +%s) - start))
	echo "(took $took s)" >> "$out/$log"

	# status NAME: the status line of module NAME ("" if none)
	st() { sed -n "s/^status $1 \([0-9]*\)[[:space:]]*\$/\1/p" "$out/$log" | head -n 1; }
	# each module's status against its class; what is wrong goes to
	# $out/$log-bad, one line per module
	: > "$out/$log-bad"
	probe=$(sed -n 's/^probe \([0-9]*\).*/\1/p' "$out/$log")
	while read -r n cls reason; do
		s=$(st "$n")
		case $cls:$s in
		*:) echo "$n ($cls): no status (a crash or a hang?)" ;;
		kernel:126|host:126) ;;
		signal:"$reason") ;;
		signal:126) [ "$probe" = 126 ] || echo "$n (signal): ENOEXEC, though this host runs PROBE" ;;
		signal:*) echo "$n (signal): status $s, not $reason (128 + its trap's signal)" ;;
		*) echo "$n ($cls): status $s" ;;
		esac
	done < "$corpus/MANIFEST" > "$out/$log-bad"
	cat "$out/$log-bad" >> "$out/$log"

	verdict "${p}malformed: the run ends (status 0, in $took s), the kernel neither panics nor oopses" \
		"$out/$log" 'expect_status "$log" 0' '! has "$log" "Kernel panic\|kernel panic\|Oops\|BUG:"' \
		'[ "$took" -le 100 ]'
	verdict "${p}malformed: each of the $n_all modules is ENOEXEC (126) or killed by a signal" \
		"$out/$log" '[ "$(grep -c "^status " "$out/$log")" -eq "$n_all" ]' \
		'! grep -v " (signal)" "$out/$log-bad" | grep -q .'
	verdict "${p}malformed: the kernel's check refuses its $n_kernel, the host its $n_host (ENOEXEC)" \
		"$out/$log-bad" '! grep -q " (kernel)\| (host)" "$out/$log-bad"'
	verdict "${p}malformed: $n_signal valid modules that trap die of their trap's signal (or ENOEXEC: PROBE is, status ${probe:-none})" \
		"$out/$log-bad" '[ -n "$probe" ]' '! grep -q " (signal)" "$out/$log-bad"'
	verdict "${p}malformed: the kernel answers afterwards (a program runs, exits 5, the shell computes)" \
		"$out/$log" 'has "$log" "^hello from a user program"' 'has "$log" "^raw 0"' \
		'has "$log" "^raw exit 5"' 'has "$log" "^answers 42"'
	verdict "${p}malformed: the kernel logs its reasons (start function, imports, memory, exports, size)" \
		"$out/$log" 'has "$log" "/m/start-is-start: its start function is not void (void)"' \
		'has "$log" "/m/import-table: it imports env.table, which is not in the program ABI"' \
		'has "$log" "/m/memory-defined-too: it defines a memory"' \
		'has "$log" "/m/memory-initial-16385: it asks for 1024 MiB of memory at start"' \
		'has "$log" "/m/export-no-start: it exports no _start"' \
		'[ -n "$trunc" ]' 'has "$log" "/m/$trunc: a truncated or malformed module"' \
		'has "$log" "/m/huge: 64 MiB, more than a program may be (64 MiB)"'
	# (the host's reason: the engine's on the web, "cannot run" from a
	# native host that runs only what it was built with)
	verdict "${p}malformed: the host's reason for what the kernel let through is logged" \
		"$out/$log" 'has "$log" "/m/code-add-empty-stack: [^ ]"' \
		'has "$log" "/m/memory-max-below-initial: [^ ]"' \
		'[ "$h" = native ] || has "$log" "/m/code-add-empty-stack: WebAssembly.Module(): Compiling function"'
done
