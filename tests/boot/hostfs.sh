# Host files in (a directory, a cpio archive) and out again.

tree=$out/tree
mkdir -p "$tree/sub/deeper"
echo "hello from the host" > "$tree/a.txt"
head -c 300000 /dev/urandom > "$tree/sub/blob"
chmod 750 "$tree/sub/blob"
: > "$tree/sub/deeper/empty"
ln -s a.txt "$tree/link"
(cd "$tree" && find . | cpio -o -H newc --quiet) > "$out/tree.cpio"

ln -s tree "$out/tree-link"
# (the conditions are evaluated in the loop: $h is the host)
for h in native node; do
	p=$(host_prefix $h)
	runx $h loaddir-$h --load "$tree:/data" --cat /data/a.txt --cat /data/link \
		--copy-out "/data:$out/back-dir-$h"
	# (the differences go to the end of the evidence)
	verdict "${p}a host directory goes in and comes out the same (files, modes, symlinks)" "$out/loaddir-$h" \
		'expect_status loaddir-$h 0' '[ "$(grep -c "hello from the host" "$out/loaddir-$h")" -eq 2 ]' \
		'diff -r --no-dereference "$tree" "$out/back-dir-$h" >> "$out/loaddir-$h" 2>&1' \
		'[ "$(stat -c %a "$out/back-dir-$h/sub/blob")" = 750 ]'

	runx $h loadlink-$h --load "$out/tree-link:/data" --cat /data/a.txt
	verdict "${p}a symbolic link to a host directory loads the directory" "$out/loadlink-$h" \
		'expect_status loadlink-$h 0' 'has loadlink-$h "hello from the host"'

	runx $h loadcpio-$h --load "$out/tree.cpio" --copy-out "/sub:$out/back-cpio-$h"
	verdict "${p}a cpio archive loads as the root filesystem's content" "$out/loadcpio-$h" \
		'expect_status loadcpio-$h 0' 'cmp -s "$tree/sub/blob" "$out/back-cpio-$h/blob"' \
		'[ -f "$out/back-cpio-$h/deeper/empty" ]'

	runx $h copymissing-$h --copy-out "/no/such:$out/nothing-$h"
	verdict "${p}--copy-out of a missing path is an error that names it" "$out/copymissing-$h" \
		'expect_status copymissing-$h 1' 'has copymissing-$h "/no/such:.*No such file"'
done

printf 'not a cpio archive' > "$out/junk.cpio"
# More files than the kernel's memory holds (a sparse file of 100 MiB,
# with mem=64M): refused before they fill it, not a kernel panic
mkdir -p "$out/huge"
truncate -s 100M "$out/huge/file"
for h in native node; do
	p=$(host_prefix $h)
	runx $h loadjunk-$h --load "$out/junk.cpio"
	verdict "${p}a broken archive is an error" "$out/loadjunk-$h" \
		'expect_status loadjunk-$h 1' 'has loadjunk-$h "junk.cpio: Invalid argument"'
	runx $h loadhuge-$h mem=64M --load "$out/huge:/data"
	verdict "${p}--load of more than the system's memory is an error that says so" "$out/loadhuge-$h" \
		'expect_status loadhuge-$h 1' \
		'has loadhuge-$h "do not fit in the system.s memory (give a larger mem=)"' \
		'! has loadhuge-$h "Kernel panic"'
done
