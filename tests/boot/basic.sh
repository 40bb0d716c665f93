# Boot and power-off, the kernel log, command line errors.

run boot --halt
if expect_status boot 0 && has boot "Linux version 6\.12" &&
   has boot "reboot: Power down" && has boot "this thread is init (pid 1)"; then
	ok "boots to init and powers off (exit 0)"
else
	bad "boots to init and powers off (exit 0)" "$out/boot"
fi

run badopt --no-such-option
if expect_status badopt 1 && has badopt "unknown option '--no-such-option'"; then
	ok "an unknown option is an error"
else
	bad "an unknown option is an error" "$out/badopt"
fi

run badsleep --sleep soon
if expect_status badsleep 1 && has badsleep "needs milliseconds"; then
	ok "a bad --sleep value is an error"
else
	bad "a bad --sleep value is an error" "$out/badsleep"
fi

run badcat --cat /no/such/file
if expect_status badcat 1 && has badcat "/no/such/file: No such file"; then
	ok "a missing file makes --cat fail"
else
	bad "a missing file makes --cat fail" "$out/badcat"
fi
