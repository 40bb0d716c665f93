# The linker-script tables: early_param, __setup, early and console
# initcalls, and mem= reaching the memory size.

memtotal() { sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' "$out/$1"; }

run mem64 mem=64M --cat /proc/meminfo
run mem128 mem=128M --cat /proc/meminfo
m64=$(memtotal mem64)
m128=$(memtotal mem128)
diff=$(( ${m128:-0} - ${m64:-0} ))
# 64 MiB more RAM, less the struct pages that describe it (about 1.6%)
verdict "mem= sets MemTotal (${m64:-?} kB -> ${m128:-?} kB)" "$out/mem128" \
	'[ -n "$m64" ]' '[ -n "$m128" ]' '[ "$diff" -gt 62000 ]' '[ "$diff" -le 65536 ]'

# the plain boot: the banner, the early and console initcalls
boot_log

# early_param of the kernel itself: loglevel=1 hides the banner
run quiet --halt loglevel=1
verdict "early_param (loglevel=) takes effect" "$out/quiet" \
	'expect_status quiet 0' '! has quiet "Linux version"' 'has boot "Linux version"'

# __setup of the kernel itself: console= selects the consoles
run console_other --halt console=ttyS0
run console_ours --halt console=hostcon0
verdict "__setup (console=) takes effect" "$out/console_other" \
	'expect_status console_other 0' '! has console_other "Linux version"' \
	'has console_ours "Linux version"'

verdict "early and console initcalls run" "$out/boot" \
	'has boot "wasm_selftest: early initcalls ran"' \
	'has boot "printk: legacy console \[hostcon0\] enabled"'

run badmem mem=5000M --cat /proc/meminfo
verdict "a mem= out of range is refused with a message, not wrapped" "$out/badmem" \
	'expect_status badmem 0' 'has badmem "mem=5000M: need a size from 8M to 3G; using 64M"' \
	'[ "$(memtotal badmem)" = "$m64" ]'
