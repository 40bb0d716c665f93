# The shell: pipes, lists, redirections, here-documents, substitutions,
# exit codes, sh -c, functions and loops.
. /tests/lib.sh

n=0
for f in /bin/*; do n=$((n + 1)); done
t "pipe: ls /bin | wc -l counts /bin" "$n" "$(ls /bin | wc -l)"
t "a three-stage pipe" "3" "$(printf 'c\na\nb\na\nc\n' | sort | uniq | wc -l)"
t "cmd; cmd (both run, in order)" "one
two" "$(echo one; echo two)"

cd /tmp
echo first > r.txt
echo second >> r.txt
t "redirections > and >>" "first second" "$(cat r.txt | tr '\n' ' ' | sed 's/ $//')"
t "input redirection <" "2" "$(wc -l < r.txt)"
ls /no/such 2> err.txt
t "stderr redirection 2>" "1" "$(grep -c 'No such file' err.txt)"
t "2>&1 into a pipe" "1" "$(ls /no/such 2>&1 | grep -c 'No such')"

v=$(cat <<END
here $n
doc
END
)
t "here-document with expansion" "here $n
doc" "$v"
t "quoted here-document is literal" 'a $HOME b' "$(cat <<'END'
a $HOME b
END
)"
t "nested command substitution" "5" "$(echo $(echo $((2 + 3))))"
t "backquotes" "x" "`echo x`"

false
t "exit status of false" "1" "$?"
sh -c 'exit 42'
t "sh -c 'exit 42'" "42" "$?"
t "sh -c with arguments" "b" "$(sh -c 'echo $2' x a b)"
/no/such/program 2>/dev/null
t "missing program: status 127" "127" "$?"
t "&& and ||" "yes" "$(false && echo no || echo yes)"
t "! negation" "0" "$(! false; echo $?)"

f() { echo "f:$1"; return 3; }
f arg > /tmp/f.out
st=$?
t "functions and return" "f:arg 3" "$(cat /tmp/f.out) $st"
s=0
for i in 1 2 3 4 5; do s=$((s + i)); done
t "for loop and arithmetic" "15" "$s"
i=0
while [ $i -lt 100 ]; do i=$((i + 1)); done
t "while loop" "100" "$i"
case wasm in w*) c=yes;; *) c=no;; esac
t "case" "yes" "$c"
t "parameter expansion" "lo wor" "$(x='hello world'; y=${x#hel}; echo ${y%ld})"
