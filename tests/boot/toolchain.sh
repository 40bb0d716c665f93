# The toolchain for users (build/bin/wasm32-linux-musl-cc, -ar, -ranlib,
# -nm, -strip): a program written here, outside the source tree, built
# from another directory with no environment variable, a static library
# of it made with the installed ar and ranlib, then loaded with --load and
# run with --exec.  The slower check with a real autoconf package is
# `make check-toolchain` (tests/toolchain/hello.sh).

tc=$(cd "$build/bin" && pwd)
src=$out/src elsewhere=$out/elsewhere fs=$out/fs
mkdir -p "$src" "$elsewhere" "$fs/bin" "$fs/data"
echo "a line from the host" > "$fs/data/in.txt"

cat > "$src/greet.c" <<'EOF'
#include <stdio.h>
int greet(const char *who) { return printf("hello, %s, from a library\n", who); }
EOF
cat > "$src/prog.c" <<'EOF'
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/utsname.h>
int greet(const char *who);
static jmp_buf env;
int main(int argc, char **argv)
{
	struct utsname u;
	char line[64];
	FILE *f;
	printf("argc %d:", argc);
	for (int i = 1; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("\n");
	greet("toolchain");
	if (uname(&u) == 0)
		printf("sysname %s\n", u.sysname);
	if (!setjmp(env))
		longjmp(env, 1);
	else
		printf("longjmp came back\n");
	f = fopen("/data/in.txt", "r");
	if (f && fgets(line, sizeof line, f))
		printf("read: %s", line);
	return argc > 1 ? atoi(argv[argc - 1]) : 0;
}
EOF

# (a subshell: the build happens in another directory, without the
# suite's environment; the library goes through ar, ranlib and nm)
(
	cd "$elsewhere" && unset WASMLINUX_SYSROOT &&
	"$tc/wasm32-linux-musl-cc" -O2 -Wall -Werror -c ../src/greet.c -o greet.o &&
	"$tc/wasm32-linux-musl-ar" rc libgreet.a greet.o &&
	"$tc/wasm32-linux-musl-ranlib" libgreet.a &&
	"$tc/wasm32-linux-musl-nm" libgreet.a > nm.txt &&
	"$tc/wasm32-linux-musl-cc" -O2 -Wall -Werror ../src/prog.c -L. -lgreet -o prog &&
	"$tc/wasm32-linux-musl-strip" prog -o "$fs/bin/prog"
) > "$out/compile" 2>&1
status=$?
verdict "the installed driver, ar, ranlib, nm and strip build a program from another directory" \
	"$out/compile" 'expect_status compile 0' \
	'grep -q " T greet$" "$elsewhere/nm.txt"' \
	'[ "$(head -c 4 "$fs/bin/prog" | od -An -c | tr -d " ")" = "\0asm" ]' \
	'[ "$(wc -c < "$fs/bin/prog")" -lt "$(wc -c < "$elsewhere/prog")" ]' \
	'! [ -s "$out/compile" ]'

# The driver finds the sysroot from its real file: a link to it works, a
# copy elsewhere says what is missing.
ln -s "$tc/wasm32-linux-musl-cc" "$elsewhere/my-cc"
cp "$tc/wasm32-linux-musl-cc" "$elsewhere/copied-cc"
(cd "$elsewhere" && unset WASMLINUX_SYSROOT && ./my-cc ../src/greet.c -c -o g2.o &&
	./my-cc -dumpmachine) > "$out/link" 2>&1
status=$?
verdict "a link to the driver finds the sysroot; -dumpmachine is the triplet" "$out/link" \
	'expect_status link 0' 'has link "^wasm32-unknown-linux-musl$"'
(cd "$elsewhere" && unset WASMLINUX_SYSROOT && ./copied-cc ../src/greet.c -c) > "$out/copy" 2>&1
status=$?
verdict "a copy of the driver away from its sysroot says so" "$out/copy" \
	'expect_status copy 1' 'has copy "no libc in"'

# The program on each host (the native one translates it when executed).
for h in node native; do
	p=$(host_prefix $h)
	runx $h "tc$h" quiet --load "$fs" --exec /bin/prog "two words" x 7
	verdict "${p}a program built with the toolchain runs: arguments, library, longjmp, files, exit 7" \
		"$out/tc$h" 'expect_status "tc$h" 7' \
		'has "tc$h" "^argc 4: \[two words\] \[x\] \[7\]"' \
		'has "tc$h" "^hello, toolchain, from a library"' \
		'has "tc$h" "^sysname Linux"' 'has "tc$h" "^longjmp came back"' \
		'has "tc$h" "^read: a line from the host"'
done

# A fork through a function pointer returns in both processes, on both
# hosts.  A program that never forks (threads, setuid, a cancellation
# point: musl's system calls by computed number) imports no fork, and so
# gets no Asyncify.
cat > "$src/forkptr.c" <<'EOF'
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
__attribute__((noinline)) static int do_fork(void)
{
	int st;
	pid_t p = fork();
	if (p == 0)
		_exit(3);
	return waitpid(p, &st, 0) == p ? WEXITSTATUS(st) : -1;
}
int (*volatile forker)(void) = do_fork;
int main(void)
{
	printf("child %d\n", forker());
	return 0;
}
EOF
cat > "$src/nofork.c" <<'EOF'
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
static void *run(void *a) { return a; }
int main(void)
{
	pthread_t t;
	pthread_create(&t, 0, run, 0);
	pthread_join(t, 0);
	printf("setuid %d, read %zd\n", setuid(getuid()), read(0, &t, 0));
	return 0;
}
EOF
(
	cd "$elsewhere" && unset WASMLINUX_SYSROOT &&
	"$tc/wasm32-linux-musl-cc" -O2 ../src/forkptr.c -o "$fs/bin/forkptr" &&
	"$tc/wasm32-linux-musl-cc" -O2 ../src/nofork.c -o "$fs/bin/nofork"
) > "$out/forkcc" 2>&1
status=$?
verdict "a program that forks imports fork; one with threads, setuid and read does not" \
	"$out/forkcc" 'expect_status forkcc 0' \
	'LC_ALL=C grep -qaF "$(printf "\005linux\004fork")" "$fs/bin/forkptr"' \
	'! LC_ALL=C grep -qaF "$(printf "\005linux\004fork")" "$fs/bin/nofork"'
for h in node native; do
	p=$(host_prefix $h)
	runx $h "fp$h" quiet --load "$fs" --exec /bin/forkptr
	runx $h "nf$h" quiet --load "$fs" --exec /bin/nofork
	verdict "${p}a fork through a function pointer returns in both processes; threads, setuid and read without fork" \
		"$out/fp$h" 'expect_status "fp$h" 0' 'has "fp$h" "^child 3"' \
		'expect_status "nf$h" 0' 'has "nf$h" "^setuid 0, read 0"'
done
