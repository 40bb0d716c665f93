# Disks (--disk, hostdisk, native host): an ext4 image made on the host
# filled inside and checked on the host (e2fsck, debugfs); the root on the
# built ext4 image, whose changes survive a power-off; SIGKILL during
# writes and the journal's replay; read-only disks; corrupted images and
# a disk file that shrinks; squashfs, iso9660 and vfat.

dfs=$out/dfs
mkdir -p "$dfs/tree/sub"
head -c 300000 /dev/urandom > "$dfs/tree/sub/blob"
echo "hello from the host" > "$dfs/tree/hello.txt"

# 20 corrupted ext4 images for both hosts: random bytes over the start,
# where the metadata is (a fixed seed each).
cat > "$out/corrupt.py" <<'EOF'
import random, sys
r = random.Random(int(sys.argv[2]))
with open(sys.argv[1], "r+b") as f:
    for _ in range(64):
        f.seek(r.randrange(0, 2 << 20))
        f.write(bytes(r.randrange(256) for _ in range(r.randrange(1, 512))))
EOF
for n in $(seq 20); do
	c=$out/corrupt$n.img
	truncate -s 16M "$c"
	mkfs.ext4 -q -F "$c"
	debugfs -w -R "write $dfs/tree/sub/blob blob" "$c" > /dev/null 2>&1
	python3 "$out/corrupt.py" "$c" "$n"
done

for h in native node; do
	p=$(host_prefix $h) wlh=$(host_bin $h)
	# hrun NAME ARGS...: wasmlinux on this host, as run does
	hrun() { _n=$1; shift; timeout 120 "$wlh" "$@" > "$out/$_n" 2>&1; status=$?; }

	# 1,000 files and a 100 MB file, written inside, read back on the host.
	img=$out/$h-ext4.img
	truncate -s 256M "$img"
	mkfs.ext4 -q -F "$img"
	cat > "$out/fill.sh" <<'EOF'
mkdir -p /mnt/d && mount /dev/vda /mnt/d && echo "mounted"
mkdir /mnt/d/many
i=0
while [ $i -lt 1000 ]; do echo "file number $i" > /mnt/d/many/f$i; i=$((i + 1)); done
dd if=/dev/urandom of=/mnt/d/big bs=1M count=100 2> /dev/null
echo "big $(sha256sum < /mnt/d/big)"
echo "f777 $(cat /mnt/d/many/f777)"
sync
EOF
	# (at the default mem=64M: after 100 MB the page cache has taken the
	# memory, and the programs that follow must still start)
	hrun "$h-fill" --disk "$img" < "$out/fill.sh"
	big=$(sed -n 's/^big \([0-9a-f]*\).*/\1/p' "$out/$h-fill")
	e2fsck -fn "$img" > "$out/fill-fsck" 2>&1
	fsck_status=$?
	debugfs -R "dump /big $out/big.back" "$img" > /dev/null 2>&1
	debugfs -R "ls -l /many" "$img" 2> /dev/null | grep -c ' f[0-9]*$' > "$out/fill-count"
	verdict "${p}disk: 1,000 files and 100 MB written in ext4; the host's e2fsck -fn finds it clean" \
		"$out/fill-fsck" 'expect_status "$h-fill" 0' 'has "$h-fill" "^mounted"' '[ "$fsck_status" -eq 0 ]'
	verdict "${p}disk: the host reads back what was written (debugfs: 1,000 files, the big one's checksum)" \
		"$out/$h-fill" '[ -n "$big" ]' '[ "$(sha256sum < "$out/big.back" | cut -d" " -f1)" = "$big" ]' \
		'[ "$(cat "$out/fill-count")" -eq 1000 ]' 'has "$h-fill" "^f777 file number 777"'

	# Booting from the built root image: a change survives the power-off.
	cp "$build/rootfs.ext4" "$out/$h-root.ext4"
	echo 'echo "written before power-off" > /etc/persist-test; stat -f -c "root fs %T" /' > "$out/root1.sh"
	hrun "$h-root1" --disk "$out/$h-root.ext4" root=/dev/vda < "$out/root1.sh"
	echo 'cat /etc/persist-test' > "$out/root2.sh"
	hrun "$h-root2" --disk "$out/$h-root.ext4" root=/dev/vda < "$out/root2.sh"
	e2fsck -fn "$out/$h-root.ext4" >> "$out/$h-root2" 2>&1
	fsck_status=$?
	verdict "${p}disk: root=/dev/vda boots build/rootfs.ext4; a change is there at the next boot" "$out/$h-root2" \
		'expect_status "$h-root2" 0' 'has "$h-root1" "^root fs ext2/ext3"' 'has "$h-root2" "^written before power-off"' \
		'[ "$fsck_status" -eq 0 ]'
	echo 'echo "still the initramfs: $(stat -f -c %T /)"' > "$out/noroot.sh"
	hrun "$h-noroot" --disk "$img,ro" root=/dev/vdb < "$out/noroot.sh"
	verdict "${p}disk: root= naming no disk: the initramfs's shell says so and runs" "$out/$h-noroot" \
		'expect_status "$h-noroot" 0' 'has "$h-noroot" "could not mount root=/dev/vdb"' \
		'has "$h-noroot" "^still the initramfs: ramfs"'

	# SIGKILL in the middle of writes: the journal replays at the next
	# mount, a file synced before the writes is intact, and the host's
	# e2fsck -fn finds the filesystem clean.  4 KiB blocks, a block a
	# page: with smaller blocks ext4 itself can leave a page's blocks
	# past the file's size when memory runs short (README, Limitations).
	truncate -s 128M "$out/$h-kill.img"
	mkfs.ext4 -q -F -b 4096 "$out/$h-kill.img"
	cat > "$out/writer.sh" <<'EOF'
mount /dev/vda /mnt && head -c 1000000 /data/r > /mnt/synced && sync && echo "writing"
i=0
while :; do dd if=/dev/zero of=/mnt/f$((i % 20)) bs=64k count=16 2> /dev/null; i=$((i + 1)); done
EOF
	mkdir -p "$dfs/data"
	[ -f "$dfs/data/r" ] || head -c 1000000 /dev/urandom > "$dfs/data/r"
	synced=$(sha256sum < "$dfs/data/r" | cut -d" " -f1)
	# (the program itself, not a timeout's process: SIGKILL must reach it)
	"$wlh" --disk "$out/$h-kill.img" --load "$dfs" < "$out/writer.sh" > "$out/$h-killed" 2>&1 &
	guest=$!
	for _ in $(seq 100); do has "$h-killed" "^writing" && break; sleep 0.1; done
	sleep 2
	kill -9 "$guest"
	wait "$guest" 2>/dev/null
	cat > "$out/replay.sh" <<'EOF'
mount /dev/vda /mnt && echo "mounted again"
dmesg | grep -q "EXT4-fs (vda): recovery complete" && echo "the journal replayed"
echo "synced $(sha256sum < /mnt/synced)"
umount /mnt
EOF
	hrun "$h-replay" --disk "$out/$h-kill.img" < "$out/replay.sh"
	e2fsck -fn "$out/$h-kill.img" >> "$out/$h-replay" 2>&1
	echo "e2fsck -fn status $?" >> "$out/$h-replay"
	verdict "${p}disk: SIGKILL during writes; at the next boot the journal replays, a synced file is intact, e2fsck -fn finds it clean" \
		"$out/$h-replay" 'has "$h-killed" "^writing"' 'expect_status "$h-replay" 0' \
		'has "$h-replay" "^mounted again"' 'has "$h-replay" "^the journal replayed"' \
		'has "$h-replay" "^synced $synced"' 'has "$h-replay" "^e2fsck -fn status 0$"'

	# A read-only disk refuses writes, whatever is asked.
	cat > "$out/ro.sh" <<'EOF'
cat /sys/block/vda/ro
mount /dev/vda /mnt 2> /dev/null || mount -o ro /dev/vda /mnt
cat /mnt/many/f5
(echo x > /mnt/new) 2> /dev/null || echo "write refused"
dd if=/dev/zero of=/dev/vda bs=4k count=1 2> /dev/null || echo "raw write refused"
EOF
	cp "$img" "$out/$h-ro.img"
	sum_before=$(sha256sum < "$out/$h-ro.img")
	hrun "$h-ro" --disk "$out/$h-ro.img,ro" < "$out/ro.sh"
	verdict "${p}disk: a read-only disk (,ro) mounts, reads, and refuses writes; the file is unchanged" "$out/$h-ro" \
		'expect_status "$h-ro" 0' 'has "$h-ro" "^1$"' 'has "$h-ro" "^file number 5"' 'has "$h-ro" "^write refused"' \
		'has "$h-ro" "^raw write refused"' '[ "$(sha256sum < "$out/$h-ro.img")" = "$sum_before" ]'

	# The corrupted images: each mount fails or reads fail, the kernel
	# neither panics nor oopses, the shell goes on.
	for n in $(seq 20); do
		echo "mount -o ro /dev/vda /mnt 2>/dev/null && { cat /mnt/blob > /dev/null 2>&1; ls -R /mnt > /dev/null 2>&1; umount /mnt; }; echo \"image $n done\"" > "$out/corrupt$n.sh"
		hrun "$h-corrupt$n" --disk "$out/corrupt$n.img" < "$out/corrupt$n.sh"
		echo "status $status" >> "$out/$h-corrupt$n"
		cat "$out/$h-corrupt$n" >> "$out/$h-corrupt-all"
	done
	verdict "${p}disk: 20 corrupted ext4 images: each mount fails or gives errors; no panic, no oops, the shell goes on" \
		"$out/$h-corrupt-all" '[ "$(grep -c "^image [0-9]* done" "$out/$h-corrupt-all")" -eq 20 ]' \
		'[ "$(grep -c "^status 0" "$out/$h-corrupt-all")" -eq 20 ]' \
		'! grep -qi "panic\|oops\|BUG" "$out/$h-corrupt-all"'

	# The disk file shrinks under the system: reads beyond its end are EIO.
	cp "$img" "$out/$h-shrink.img"
	cat > "$out/shrink.sh" <<EOF
mount -o ro /dev/vda /mnt && echo "mounted"
echo "waiting"
sleep 2
echo 3 > /proc/sys/vm/drop_caches
cat /mnt/big > /dev/null 2> /tmp/err; echo "read status \$?"
head -c 60 /tmp/err; echo
ls /mnt/many | wc -l
EOF
	timeout 60 "$wlh" --disk "$out/$h-shrink.img" < "$out/shrink.sh" > "$out/$h-shrink" 2>&1 &
	guest=$!
	for _ in $(seq 100); do has "$h-shrink" "^waiting" && break; sleep 0.1; done
	truncate -s 4M "$out/$h-shrink.img"
	wait "$guest"
	status=$?
	verdict "${p}disk: the disk file truncated under a mount: reads fail with an I/O error, the run goes on" \
		"$out/$h-shrink" 'expect_status "$h-shrink" 0' 'has "$h-shrink" "^mounted"' 'has "$h-shrink" "^read status 1"' \
		'has "$h-shrink" "I/O error"'

	# squashfs (xz and zstd) and iso9660 images made on the host, vfat made
	# inside: the same files.
	mksquashfs "$dfs/tree" "$out/xz.sqfs" -comp xz -quiet -noappend > /dev/null
	mksquashfs "$dfs/tree" "$out/zstd.sqfs" -comp zstd -quiet -noappend > /dev/null
	genisoimage -quiet -R -J -o "$out/tree.iso" "$dfs/tree" 2> /dev/null
	want=$(cat "$dfs/tree/hello.txt"; sha256sum < "$dfs/tree/sub/blob")
	cat > "$out/ro-fs.sh" <<'EOF'
for d in vda vdb vdc; do
	mkdir -p /m/$d && mount -o ro /dev/$d /m/$d &&
		echo "$d $(stat -f -c %T /m/$d): $(cat /m/$d/hello.txt) $(sha256sum < /m/$d/sub/blob)"
done
mkfs.vfat /dev/vdd > /dev/null && mkdir -p /m/fat && mount /dev/vdd /m/fat &&
	cp -r /m/vda/sub /m/fat/ && umount /m/fat && mount /dev/vdd /m/fat &&
	echo "vfat $(stat -f -c %T /m/fat): $(sha256sum < /m/fat/sub/blob)"
EOF
	truncate -s 32M "$out/$h-fat.img"
	hrun "$h-rofs" --disk "$out/xz.sqfs,ro" --disk "$out/zstd.sqfs,ro" --disk "$out/tree.iso,ro" \
		--disk "$out/$h-fat.img" < "$out/ro-fs.sh"
	hello=$(cat "$dfs/tree/hello.txt") blob=$(sha256sum < "$dfs/tree/sub/blob")
	verdict "${p}disk: squashfs (xz, zstd) and iso9660 images of the host mount with the same files" "$out/$h-rofs" \
		'expect_status "$h-rofs" 0' 'has "$h-rofs" "^vda squashfs: $hello $blob"' 'has "$h-rofs" "^vdb squashfs: $hello $blob"' \
		'has "$h-rofs" "^vdc isofs: $hello $blob"'
	verdict "${p}disk: mkfs.vfat inside, a file copied in reads back after a remount" "$out/$h-rofs" \
		'has "$h-rofs" "^vfat msdos: $blob"'

	# overlayfs: the squashfs image as the lower layer, a tmpfs above
	cat > "$out/overlay.sh" <<'EOF'
mkdir -p /lower /ov /m && mount -o ro /dev/vda /lower && mount -t tmpfs tmpfs /ov &&
	mkdir /ov/up /ov/work &&
	mount -t overlay overlay -o lowerdir=/lower,upperdir=/ov/up,workdir=/ov/work /m &&
	echo changed > /m/hello.txt && rm /m/sub/blob &&
	echo "merged: $(cat /m/hello.txt) $(ls /m/sub | wc -l); lower: $(cat /lower/hello.txt) $(ls /lower/sub)"
EOF
	hrun "$h-overlay" --disk "$out/xz.sqfs,ro" < "$out/overlay.sh"
	verdict "${p}disk: overlayfs over a squashfs disk: changes above, the lower layer untouched" "$out/$h-overlay" \
		'expect_status "$h-overlay" 0' 'has "$h-overlay" "^merged: changed 0; lower: $hello blob"'

	# Discard: fstrim on ext4 after a file is deleted, blkdiscard of a
	# whole disk.  On the native host the disk file gets the space back
	# as holes; under Node a discard is advice and the file keeps it.
	truncate -s 64M "$out/$h-trim.img"
	mkfs.ext4 -q -F -b 4096 "$out/$h-trim.img"
	head -c 8M /dev/urandom > "$out/$h-raw.img"
	echo 'mount /dev/vda /mnt && dd if=/dev/urandom of=/mnt/big bs=1M count=32 2> /dev/null && sync && echo "written"' \
		> "$out/trim1.sh"
	hrun "$h-trim1" --disk "$out/$h-trim.img" < "$out/trim1.sh"
	full=$(du -k "$out/$h-trim.img" | cut -f1)
	cat > "$out/trim2.sh" <<'EOF'
mount /dev/vda /mnt && rm /mnt/big && sync && fstrim -v /mnt && umount /mnt
blkdiscard /dev/vdb && echo "vdb discarded"
EOF
	hrun "$h-trim2" --disk "$out/$h-trim.img" --disk "$out/$h-raw.img" < "$out/trim2.sh"
	trimmed=$(du -k "$out/$h-trim.img" | cut -f1) raw=$(du -k "$out/$h-raw.img" | cut -f1)
	e2fsck -fn "$out/$h-trim.img" >> "$out/$h-trim2" 2>&1
	fsck_status=$?
	echo "ext4 image $full KiB before, $trimmed KiB after; raw disk $raw KiB" >> "$out/$h-trim2"
	if [ $h = native ]; then
		given_back='[ $((full - trimmed)) -ge 24576 ] && [ "$raw" -eq 0 ] && cmp -s -n 8388608 "$out/$h-raw.img" /dev/zero'
	else
		given_back='[ "$raw" -ge 8192 ]'
	fi
	verdict "${p}disk: fstrim and blkdiscard discard sectors$([ $h = native ] && echo "; the disk files get the space back")" \
		"$out/$h-trim2" 'expect_status "$h-trim2" 0' 'has "$h-trim1" "^written"' \
		'has "$h-trim2" "^/mnt: [0-9]* bytes trimmed"' 'has "$h-trim2" "^vdb discarded"' \
		'[ "$fsck_status" -eq 0 ]' "$given_back"

	# Bad --disk: a clear error, status 1.
	hrun "$h-nodisk" --disk "$out/no-such.img" --halt
	verdict "${p}disk: a missing disk file is an error" "$out/$h-nodisk" \
		'expect_status "$h-nodisk" 1' 'has "$h-nodisk" "no-such.img: No such file or directory"'
	: > "$out/empty.img"
	hrun "$h-emptydisk" --disk "$out/empty.img" --halt
	verdict "${p}disk: an empty disk file is an error" "$out/$h-emptydisk" \
		'expect_status "$h-emptydisk" 1' 'has "$h-emptydisk" "smaller than a sector"'
done

# wasmlinux-mount: an ext4 image mounted on the host through FUSE by an
# unprivileged user (nobody), files copied in and out with host tools,
# unmounted, then clean for the host's e2fsck and the files there.
# (in a directory of its own that nobody can reach, removed at the end)
fdir=$(mktemp -d /tmp/wasmlinux-fuse.XXXXXX)
chmod 755 "$fdir"
fm=$fdir/mnt fimg=$fdir/fuse.img
truncate -s 64M "$fimg"
mkfs.ext4 -q -F "$fimg"
mkdir -p "$fm"
cp -r "$dfs/tree" "$fdir/tree"
head -c 4M /dev/urandom > "$fdir/bad.img"
chown -R nobody "$fdir" 2> /dev/null
# (as root where /dev/fuse is not open to other users, as on machines
# without udev's rule for it)
fuser=nobody
as_fuser() { if [ $fuser = root ]; then "$@"; else runuser -u nobody -- "$@"; fi; }
if ! { exec 9<> /dev/fuse; } 2> /dev/null || ! command -v fusermount3 > /dev/null ||
	! as_fuser true 2> /dev/null; then
	echo "skip wasmlinux-mount: no /dev/fuse, fusermount3 or user nobody here"
else
	exec 9>&-
	if ! as_fuser sh -c 'exec 9<> /dev/fuse' 2> /dev/null; then
		echo "note: nobody cannot open /dev/fuse here ($(stat -c %A /dev/fuse)): wasmlinux-mount runs as root"
		fuser=root
	fi
	as_fuser "$build/bin/wasmlinux-mount" "$fimg" "$fm" > "$out/fuse" 2>&1
	mstatus=$?
	as_fuser cp -r "$fdir/tree" "$fm/tree" >> "$out/fuse" 2>&1
	as_fuser sh -c "echo 'written through FUSE' > '$fm/note'" >> "$out/fuse" 2>&1
	as_fuser cp -r "$fm/tree" "$fdir/back" >> "$out/fuse" 2>&1
	as_fuser df "$fm" >> "$out/fuse" 2>&1
	as_fuser fusermount3 -u "$fm" >> "$out/fuse" 2>&1
	# the daemon unmounts inside, syncs and powers off: wait for it
	for _ in $(seq 100); do pgrep -f "wasmlinux-mount $fimg" > /dev/null || break; sleep 0.1; done
	e2fsck -fn "$fimg" >> "$out/fuse" 2>&1
	fsck_status=$?
	debugfs -R "cat /note" "$fimg" > "$out/fuse-note" 2> /dev/null
	verdict "wasmlinux-mount: $fuser mounts an ext4 image through FUSE; files in and out with cp" "$out/fuse" \
		'[ "$mstatus" -eq 0 ]' 'diff -r "$dfs/tree" "$fdir/back" >> "$out/fuse" 2>&1' \
		'has fuse "wasmlinux-mount"'
	verdict "wasmlinux-mount: after fusermount3 -u the image is clean (e2fsck -fn) and holds the files" \
		"$out/fuse" '[ "$fsck_status" -eq 0 ]' 'grep -q "written through FUSE" "$out/fuse-note"' \
		'! pgrep -f "wasmlinux-mount $fimg" > /dev/null'
	as_fuser "$build/bin/wasmlinux-mount" "$fdir/bad.img" "$fm" > "$out/fuse-bad" 2>&1
	mstatus=$?
	as_fuser fusermount3 -u "$fm" 2> /dev/null
	verdict "wasmlinux-mount: an image of random bytes is an error, status 1" "$out/fuse-bad" \
		'[ "$mstatus" -eq 1 ]' 'has fuse-bad "no filesystem"' '! mount | grep -q " $fm "'
fi
rm -rf "$fdir"
