# The system: mounts, /proc, users, the console.
. /tests/lib.sh

t "proc is mounted" "1" "$(grep -c '^proc /proc' /proc/mounts)"
t "tmpfs on /tmp" "1" "$(grep -c ' /tmp tmpfs' /proc/mounts)"
t "/tmp is everyone's (1777), nobody writes there" "drwxrwxrwt ok" \
	"$(ls -ld /tmp | cut -c1-10) $(su -s /bin/sh nobody -c 'echo x > /tmp/by-nobody' && rm /tmp/by-nobody && echo ok)"
t "uname -s" "Linux" "$(uname -s)"
t "uname -r" "6.12" "$(uname -r | cut -d. -f1,2)"
t "id -u" "0" "$(id -u)"
t "hostname" "wasmlinux" "$(hostname)"
t "pid of init" "1" "$(cat /proc/1/stat | cut -d' ' -f1)"
t "free shows memory" "1" "$(free | grep -c '^Mem:')"
t "ps sees this shell" "1" "$([ $(ps | wc -l) -gt 2 ] && echo 1)"
t "/dev/null" "" "$(echo x > /dev/null; cat /dev/null)"
t "date runs" "0" "$(date > /dev/null; echo $?)"
t "mkdir, mv, rm" "ok" "$(mkdir /tmp/d && touch /tmp/d/x && mv /tmp/d /tmp/e && rm -r /tmp/e && echo ok)"
t "ln -s and readlink" "/etc/passwd" "$(ln -s /etc/passwd /tmp/l && readlink /tmp/l)"

# A program rewritten in place (the same inode) is the new one at its next
# exec: right after the write, and once the host keeps its image by the
# file's id (an inode changed over two ticks ago).
mkdir -p /tmp/p
cp /tests/raw /tmp/p/echo
sleep 0.1
t "exec of a copied program" "/tmp/p/echo args x" "$(/tmp/p/echo args x)"
t "exec of it again" "/tmp/p/echo args x" "$(/tmp/p/echo args x)"
cat /bin/busybox > /tmp/p/echo
t "exec right after the program is rewritten in place" "args x" "$(/tmp/p/echo args x)"
sleep 0.1
t "exec of the rewritten program later" "args x" "$(/tmp/p/echo args x)"
cat /tests/raw > /tmp/p/echo
sleep 0.1
t "exec after it is rewritten back" "/tmp/p/echo args x" "$(/tmp/p/echo args x)"
rm -r /tmp/p
