/*
 * wasmlinux: boots the kernel with the command line made of its
 * arguments into the BusyBox system of the initramfs (its /init becomes
 * pid 1 and the run ends when it does), or does a few things as the init
 * task and powers the kernel off.
 *
 * It is an embedder like any other: it uses the kernel only through
 * <wasmlinux.h>, and of the runtime only the operating-system layer
 * (platform.h), for what plain C11 lacks: the clock, terminals and where
 * the program lives; and linux-abi.h for the numbers its calls pass.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <asm/unistd_32.h>

#include "linux-abi.h"
#include "platform.h"
#include "wasmlinux.h"

static const char usage[] =
"usage: wasmlinux [demo-pipe] [options] [kernel parameters...]\n"
"       wasmlinux compile FILE.wasm... [-o DIR]\n"
"Boots Linux (WebAssembly) with the given kernel command line, e.g.\n"
"  wasmlinux mem=128M loglevel=8\n"
"With no action below, loads the initramfs and runs its /init (a BusyBox\n"
"shell on the console); a script can be piped in, and the exit status is\n"
"the shell's.\n"
"  --initramfs FILE  the cpio archive to boot (default: the one built\n"
"               beside this program, ../userland/initramfs.cpio)\n"
"  --halt       boot, then power off at once\n"
"demo-pipe: a new process writes into a pipe made in the kernel, the\n"
"  host reads it back\n"
"options:\n"
"  --load HOST[:DIR]  before anything else (after the initramfs), copy a\n"
"               host directory or cpio archive into the kernel's root (or DIR);\n"
"               repeatable, in order\n"
"  --copy-out PATH:HOST  at the end, copy a file or tree out to the host\n"
"  --cat PATH   after boot, print the file PATH\n"
"  --sleep MS   after boot, sleep MS milliseconds as the init task\n"
"  --console-input  forward standard input to the kernel's console\n"
"  --exec PATH [ARG...]  last: init executes the program PATH with the\n"
"               arguments that follow; the exit status is init's\n"
"  --net SPEC   the network behind eth0: user (the default: a NAT to the\n"
"               host's, 10.0.2.15 by DHCP, the host's loopback 10.0.2.2),\n"
"               user,hostfwd=tcp:[HOSTADDR]:PORT-:PORT to forward a host\n"
"               port in (repeatable; udp: too), user,mtu=N; or none\n"
"  --disk FILE[,ro]  a host file as the next disk, /dev/vda, /dev/vdb, ...\n"
"               (repeatable; ro: read-only); root=/dev/vda boots from one\n"
"  --stats      print runtime statistics at exit\n"
"  --cache DIR  cache programs translated when executed in DIR (default:\n"
"               $WASMLINUX_CACHE, else $XDG_CACHE_HOME/wasmlinux, else\n"
"               ~/.cache/wasmlinux)\n"
"  --no-cache   translate programs each time, keep nothing\n"
"compile: translates user programs ahead of time into the cache (or DIR,\n"
"  for use with --cache DIR), as executing them would\n"
"  --help       this text\n"
"exit status: 0 power off, 1 error, 2 kernel panic, 3 wasm trap in the\n"
"  kernel; with --exec, init's exit status (128 + signal if killed)\n";

#define MAX_DISKS	16

/* The network of --net's default (none where the build has no libslirp). */
#ifndef WL_DEFAULT_NET
#define WL_DEFAULT_NET	"user"
#endif

/* A scratch area in kernel memory for system call arguments. */
static uint32_t scratch, scratch_used;

static uint32_t kbuf(size_t size)
{
	uint32_t addr = scratch + scratch_used;

	scratch_used += (uint32_t)((size + 7) & ~(size_t)7);
	if (scratch_used > 65536) {
		fprintf(stderr, "wasmlinux: argument too long\n");
		exit(1);
	}
	return addr;
}

/* A copy of s in the scratch area, for a system call argument. */
static long str_to_kernel(const char *s)
{
	uint32_t addr = kbuf(strlen(s) + 1);

	strcpy(wasmlinux_ptr(addr), s);
	return addr;
}

static long sys(long nr, long a0, long a1, long a2, long a3, long a4)
{
	return wasmlinux_syscall(nr, a0, a1, a2, a3, a4, 0);
}

static int cat(const char *path)
{
	uint32_t buf = kbuf(4096);
	long fd, n;

	fd = sys(__NR_openat, K_AT_FDCWD, str_to_kernel(path), K_O_RDONLY, 0,
		 0);
	if (fd < 0) {
		fprintf(stderr, "wasmlinux: --cat %s: %s\n", path,
			strerror((int)-fd));
		return 1;
	}
	while ((n = sys(__NR_read, fd, buf, 4096, 0, 0)) > 0)
		fwrite(wasmlinux_ptr(buf), 1, (size_t)n, stdout);
	sys(__NR_close, fd, 0, 0, 0, 0);
	if (n < 0) {
		fprintf(stderr, "wasmlinux: --cat %s: %s\n", path,
			strerror((int)-n));
		return 1;
	}
	return 0;
}

static int sleep_ms(long ms)
{
	uint32_t ts = kbuf(16);
	long long spec[2] = { ms / 1000, (ms % 1000) * 1000000 };
	uint64_t start = plat_time_mono();
	long ret;

	memcpy(wasmlinux_ptr(ts), spec, sizeof(spec));
	ret = sys(__NR_clock_nanosleep_time64, K_CLOCK_MONOTONIC, 0, ts, 0, 0);
	if (ret < 0) {
		fprintf(stderr, "wasmlinux: sleep: %s\n", strerror((int)-ret));
		return 1;
	}
	printf("wasmlinux: slept %ld ms in %.3f ms\n", ms,
	       (double)(plat_time_mono() - start) / 1e6);
	return 0;
}

/* The child process of the pipe demo: its stdout is the pipe. */
static void demo_child(void *arg)
{
	int fd = *(int *)arg;
	uint32_t buf = wasmlinux_alloc(64);
	long pid = wasmlinux_syscall(__NR_getpid, 0, 0, 0, 0, 0, 0);
	int n = snprintf(wasmlinux_ptr(buf), 64, "hello from pid %ld", pid);

	wasmlinux_syscall(__NR_write, fd, buf, n, 0, 0, 0);
	wasmlinux_free(buf);
}

static int demo_pipe(void)
{
	uint32_t fds = kbuf(8), buf = kbuf(256);
	int fd[2];
	long ret, n, got = 0;

	ret = sys(__NR_pipe2, fds, K_O_CLOEXEC, 0, 0, 0);
	if (ret < 0) {
		fprintf(stderr, "wasmlinux: pipe2: %s\n", strerror((int)-ret));
		return 1;
	}
	memcpy(fd, wasmlinux_ptr(fds), sizeof(fd));
	ret = wasmlinux_spawn(WASMLINUX_PROCESS, demo_child, &fd[1]);
	if (ret < 0) {
		fprintf(stderr, "wasmlinux: spawn: %s\n", strerror((int)-ret));
		return 1;
	}
	printf("demo-pipe: pid %ld made pipe [%d, %d], started pid %ld\n",
	       sys(__NR_getpid, 0, 0, 0, 0, 0), fd[0], fd[1], ret);
	sys(__NR_close, fd[1], 0, 0, 0, 0);
	while ((n = sys(__NR_read, fd[0], buf + got, 255 - got, 0, 0)) > 0)
		got += n;
	sys(__NR_close, fd[0], 0, 0, 0, 0);
	((char *)wasmlinux_ptr(buf))[got] = 0;
	printf("demo-pipe: host read \"%s\"\n", (char *)wasmlinux_ptr(buf));
	return n < 0 || !got;
}

/* init becomes the program: execve returns only if it fails. */
static int exec_init(char **argv)
{
	uint32_t args;
	long ret;
	int n = 0;

	while (argv[n])
		n++;
	args = kbuf(((size_t)n + 2) * 4);
	for (int i = 0; i < n; i++)
		((uint32_t *)wasmlinux_ptr(args))[i] =
			(uint32_t)str_to_kernel(argv[i]);
	((uint32_t *)wasmlinux_ptr(args))[n] = 0;
	((uint32_t *)wasmlinux_ptr(args))[n + 1] = 0;
	fflush(stdout);
	ret = sys(__NR_execve, str_to_kernel(argv[0]), args, args + 4 * n + 4,
		  0, 0);
	fprintf(stderr, "wasmlinux: --exec %s: %s\n", argv[0], strerror((int)-ret));
	return 1;
}

/*
 * --load HOST[:DIR] (in) or --copy-out PATH:HOST (out), split at the
 * last colon that is not a host path's drive's ("C:" on Windows).
 */
static int transfer(const char *arg, int in)
{
	size_t size = strlen(arg) + 1;
	char *a = malloc(size), *colon;
	long ret;

	if (!a)
		return 1;
	memcpy(a, arg, size);
	colon = strrchr(a, ':');
	if (in && colon && colon < a + plat_path_drive(a))
		colon = NULL;
	if (!in && colon && colon - a >= 2 && colon[-2] == ':' &&
	    plat_path_drive(colon - 1))
		colon -= 2;
	if (colon)
		*colon = 0;
	if (in)
		ret = wasmlinux_load(a, colon ? colon + 1 : "/");
	else
		ret = wasmlinux_copy_out(a, colon + 1);
	if (ret == -K_ENOSPC && in)
		fprintf(stderr, "wasmlinux: --load %s: its files do not fit in "
			"the system's memory (give a larger mem=)\n", arg);
	else if (ret < 0)
		fprintf(stderr, "wasmlinux: %s %s: %s\n",
			in ? "--load" : "--copy-out", arg, strerror((int)-ret));
	free(a);
	return ret < 0;
}

/* The initramfs built beside this program. */
static char *default_initramfs(void)
{
	static const char rel[] = "/../userland/initramfs.cpio";
	char *dir = plat_exe_dir(), *path;

	if (!dir)
		return NULL;
	path = malloc(strlen(dir) + sizeof(rel));
	if (path)
		sprintf(path, "%s%s", dir, rel);
	free(dir);
	return path;
}

static int readable(const char *path)
{
	FILE *f = fopen(path, "rb");

	if (!f)
		return 0;
	fclose(f);
	return 1;
}

/*
 * Standard streams that are not a terminal become pipes of init; if
 * standard input is one, it is the console's, in raw mode.
 */
static int shell_stdio(void)
{
	for (int fd = 0; fd < 3; fd++) {
		int ret;

		if (plat_isatty(fd))
			continue;
		ret = wasmlinux_stdio_pipe(fd);
		if (ret < 0) {
			fprintf(stderr, "wasmlinux: a pipe for descriptor %d: "
				"%s\n", fd, strerror(-ret));
			return 1;
		}
	}
	return 0;
}

/* wasmlinux compile FILE.wasm... [-o DIR] */
static int compile(int argc, char **argv)
{
	const char *dir = NULL;
	char why[512];
	int status = 0, n = 0;

	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "-o")) {
			if (i + 1 == argc) {
				fprintf(stderr, "wasmlinux compile: -o needs a directory\n");
				return 1;
			}
			dir = argv[++i];
		}
	}
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "-o")) {
			i++;
			continue;
		}
		n++;
		if (wasmlinux_compile(argv[i], dir, why, sizeof(why))) {
			fprintf(stderr, "wasmlinux compile: %s: %s\n", argv[i], why);
			status = 1;
		}
	}
	if (!n) {
		fputs(usage, stderr);
		return 1;
	}
	return status;
}

int main(int argc, char **argv)
{
	struct wasmlinux_config config = { .net = WL_DEFAULT_NET };
	const char *cat_paths[16], *sleep_arg = NULL;
	const char *loads[17];
	int nload = 0;
	const char *copy_out = NULL;
	const char *disks[MAX_DISKS + 1] = { 0 };
	int ndisk = 0;
	char **exec_argv = NULL, *initramfs = NULL;
	static char *init_argv[] = { "/init", NULL };
	int shell = 1;
	int ncat = 0, status = 0, ret, demo = 0;
	size_t len = sizeof(" quiet");
	char *cmdline, *end;
	long ms = 0;
	uint64_t start = plat_time_mono();

	if (argc > 1 && !strcmp(argv[1], "compile"))
		return compile(argc, argv);
	for (int i = 1; i < argc; i++)
		len += strlen(argv[i]) + 1;
	cmdline = calloc(1, len);
	if (!cmdline)
		return 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (i == 1 && !strcmp(a, "demo-pipe")) {
			demo = 1;
			shell = 0;
		} else if (!strcmp(a, "--halt")) {
			shell = 0;
		} else if (!strcmp(a, "--initramfs") && i + 1 < argc) {
			initramfs = argv[++i];
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(a, "--net") && i + 1 < argc) {
			config.net = argv[++i];
		} else if (!strcmp(a, "--disk") && i + 1 < argc) {
			if (ndisk == MAX_DISKS) {
				fprintf(stderr, "wasmlinux: more than %d --disk\n",
					MAX_DISKS);
				return 1;
			}
			disks[ndisk++] = argv[++i];
		} else if (!strcmp(a, "--stats")) {
			config.stats = 1;
		} else if (!strcmp(a, "--cache") && i + 1 < argc) {
			config.cache_dir = argv[++i];
		} else if (!strcmp(a, "--no-cache")) {
			config.no_cache = 1;
		} else if (!strcmp(a, "--console-input")) {
			config.console_input = 1;
			shell = 0;
		} else if (!strcmp(a, "--cat") && i + 1 < argc) {
			if (ncat == 16) {
				fprintf(stderr, "wasmlinux: too many --cat\n");
				return 1;
			}
			cat_paths[ncat++] = argv[++i];
			shell = 0;
		} else if (!strcmp(a, "--exec") && i + 1 < argc) {
			exec_argv = argv + i + 1;
			shell = 0;
			break;
		} else if (!strcmp(a, "--load") && i + 1 < argc) {
			/* (slot 0 is the initramfs's, when there is a shell) */
			if (nload == 16) {
				fprintf(stderr, "wasmlinux: at most 16 --load\n");
				return 1;
			}
			loads[1 + nload++] = argv[++i];
		} else if (!strcmp(a, "--copy-out") && i + 1 < argc) {
			copy_out = argv[++i];
			shell = 0;
			if (!strchr(copy_out, ':')) {
				fprintf(stderr, "wasmlinux: --copy-out needs "
					"PATH:HOST, not '%s'\n", copy_out);
				return 1;
			}
		} else if (!strcmp(a, "--sleep") && i + 1 < argc) {
			sleep_arg = argv[++i];
			shell = 0;
			ms = strtol(sleep_arg, &end, 10);
			if (*end || ms < 0 || end == sleep_arg) {
				fprintf(stderr, "wasmlinux: --sleep needs "
					"milliseconds, not '%s'\n", sleep_arg);
				return 1;
			}
		} else if (a[0] == '-') {
			fprintf(stderr, "wasmlinux: unknown option '%s' "
				"(see --help)\n", a);
			return 1;
		} else {
			if (*cmdline)
				strcat(cmdline, " ");
			strcat(cmdline, a);
		}
	}

	if (shell) {
		if (!initramfs)
			initramfs = default_initramfs();
		if (!initramfs || !readable(initramfs)) {
			fprintf(stderr, "wasmlinux: no initramfs at %s (build it "
				"with make, or give --initramfs FILE)\n",
				initramfs ? initramfs : "(unknown)");
			return 1;
		}
		loads[0] = initramfs;
		exec_argv = init_argv;
		if (plat_isatty(0))
			config.console_input = plat_console_raw();
	}
	/* Output that is not a terminal carries the programs' bytes only. */
	if (shell && !plat_isatty(1) && !strstr(cmdline, "loglevel=") &&
	    !strstr(cmdline, "quiet"))
		strcat(cmdline, *cmdline ? " quiet" : "quiet");
	config.cmdline = cmdline;
	config.disks = disks;
	ret = wasmlinux_boot(&config);
	if (ret < 0) {
		fprintf(stderr, "wasmlinux: boot failed: %s\n", strerror(-ret));
		return 1;
	}
	fflush(stdout);
	if (!shell)
		fprintf(stderr, "wasmlinux: booted in %.1f ms; this thread is "
			"init (pid %ld)\n",
			(double)(plat_time_mono() - start) / 1e6,
			wasmlinux_syscall(__NR_getpid, 0, 0, 0, 0, 0, 0));

	scratch = wasmlinux_alloc(65536);
	for (int i = shell ? 0 : 1; i <= nload && !status; i++)
		status |= transfer(loads[i], 1);
	for (int i = 0; i < ncat; i++)
		status |= cat(cat_paths[i]);
	if (sleep_arg)
		status |= sleep_ms(ms);
	if (demo)
		status |= demo_pipe();
	if (copy_out)
		status |= transfer(copy_out, 0);
	if (shell && !status)
		status |= shell_stdio();
	if (exec_argv && !status)
		status |= exec_init(exec_argv);
	fflush(stdout);

	ret = wasmlinux_shutdown();
	if (ret < 0) {
		fprintf(stderr, "wasmlinux: power off failed: %s\n",
			strerror(-ret));
		return 1;
	}
	return status;
}
