# The tools: xargs, find, tar/gzip with checksums, sed and awk, dd.
. /tests/lib.sh

mkdir -p /tmp/w/a/b
cd /tmp/w
for i in 1 2 3 4 5; do echo "file $i" > a/f$i.txt; done
echo deep > a/b/deep.txt
t "find -name" "6" "$(find . -name '*.txt' | wc -l)"
t "find -type d" "3" "$(find . -type d | wc -l)"
t "xargs" "6" "$(find . -name '*.txt' | xargs cat | wc -l)"
t "xargs -n1" "5" "$(echo 1 2 3 4 5 | xargs -n1 echo | wc -l)"

dd if=/dev/urandom of=a/blob bs=1024 count=300 2>/dev/null
(cd a && md5sum f1.txt f2.txt b/deep.txt blob) > /tmp/sums
tar czf /tmp/t.tgz a
mkdir /tmp/x
cd /tmp/x
tar xzf /tmp/t.tgz
t "tar czf / tar xzf round trip keeps the contents" "" "$(cd a && md5sum -c /tmp/sums 2>&1 | grep -v ': OK$')"
t "gzip -t on the archive" "0" "$(gzip -t /tmp/t.tgz; echo $?)"
t "gunzip | tar t lists the files" "9" "$(gunzip -c /tmp/t.tgz | tar t | wc -l)"

cd /tmp
printf 'alpha 1\nbeta 2\ngamma 3\n' > s.txt
t "sed substitution" "ALPHA 1" "$(sed -n 's/alpha/ALPHA/p' s.txt)"
sed -i 's/beta/BETA/' s.txt
t "sed -i edits in place" "BETA 2" "$(sed -n 2p s.txt)"
t "awk sums a column" "6" "$(awk '{ s += $2 } END { print s }' s.txt)"
t "awk printf and fields" "gamma:3" "$(awk '$2 > 2 { printf "%s:%d\n", $1, $2 }' s.txt)"
t "grep -c" "2" "$(grep -c 'a' s.txt)"

t "100 MB through a pipe" "104857600" "$(dd if=/dev/zero bs=65536 count=1600 2>/dev/null | cat | wc -c)"
t "sort -n" "1 2 10" "$(printf '10\n2\n1\n' | sort -n | tr '\n' ' ' | sed 's/ $//')"
