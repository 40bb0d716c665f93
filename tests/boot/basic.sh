# Boot and power-off, the kernel log, command line errors.

boot_log
verdict "boots to init and powers off (exit 0)" "$out/boot" \
	'expect_status boot 0' 'has boot "Linux version 6\.12"' \
	'has boot "reboot: Power down"' 'has boot "this thread is init (pid 1)"'

run badopt --no-such-option
verdict "an unknown option is an error" "$out/badopt" \
	'expect_status badopt 1' "has badopt \"unknown option '--no-such-option'\""

run badsleep --sleep soon
verdict "a bad --sleep value is an error" "$out/badsleep" \
	'expect_status badsleep 1' 'has badsleep "needs milliseconds"'

run badcat --cat /no/such/file
verdict "a missing file makes --cat fail" "$out/badcat" \
	'expect_status badcat 1' 'has badcat "/no/such/file: No such file"'
