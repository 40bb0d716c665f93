# Boot and power-off, the kernel log, command line errors.

boot_log
verdict "boots to init and powers off (exit 0)" "$out/boot" \
	'expect_status boot 0' 'has boot "Linux version 6\.12"' \
	'has boot "reboot: Power down"' 'has boot "this thread is init (pid 1)"'

run badopt --no-such-option
verdict "an unknown option is an error" "$out/badopt" \
	'expect_status badopt 1' "has badopt \"unknown option '--no-such-option'\""

for h in native node; do
	runx $h badsleep-$h --sleep soon
	verdict "$(host_prefix $h)a bad --sleep value is an error" "$out/badsleep-$h" \
		"expect_status badsleep-$h 1" "has badsleep-$h 'needs milliseconds'"
	runx $h badcopy-$h --copy-out /no-colon
	verdict "$(host_prefix $h)a --copy-out without PATH:HOST is an error" "$out/badcopy-$h" \
		"expect_status badcopy-$h 1" "has badcopy-$h 'needs PATH:HOST'"
done

run badcat --cat /no/such/file
verdict "a missing file makes --cat fail" "$out/badcat" \
	'expect_status badcat 1' 'has badcat "/no/such/file: No such file"'
