# The console TTY: /dev/console is the host console; standard input
# reaches it (echoed by the line discipline), its end reads as end of file.

printf 'first line\nsecond line\n' |
	timeout 60 "$wl" --console-input --cat /dev/console > "$out/console" 2>&1
status=$?
verdict "standard input reaches /dev/console, and its end is end of file" "$out/console" \
	'expect_status console 0' '[ "$(grep -c "^second line" "$out/console")" -eq 2 ]' \
	'! has console "unable to open an initial console"'
