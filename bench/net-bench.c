/*
 * TCP, the same source on the host's Linux and inside WasmLinux
 * (bench/net-bench.sh).  Prints "NAME VALUE" lines.
 *   net-bench loop MB       MB MiB from one process to another over the
 *                           system's loopback (tcp_loopback_MBps), and
 *                           connections there, each set up, answered with
 *                           one byte and closed (tcp_connect_per_s)
 *   net-bench sink PORT N   accepts N connections on 127.0.0.1:PORT, reads
 *                           each to its end and answers with one byte
 *   net-bench send ADDR PORT MB   MB MiB to a sink (tcp_send_MBps) and the
 *                           time to connect (tcp_connect_us)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHUNK	(128 * 1024)
#define CONNECTS 2000

static char buf[CHUNK];

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static int listener(const char *addr, int port, struct sockaddr_in *sa)
{
	socklen_t len = sizeof(*sa);
	int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons(port);
	inet_pton(AF_INET, addr, &sa->sin_addr);
	if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(s, (struct sockaddr *)sa, sizeof(*sa)) || listen(s, 64) ||
	    getsockname(s, (struct sockaddr *)sa, &len))
		die("listen");
	return s;
}

static int connect_to(const struct sockaddr_in *sa)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);

	if (s < 0 || connect(s, (const struct sockaddr *)sa, sizeof(*sa)))
		die("connect");
	return s;
}

/* Reads a connection to its end; answers with one byte. */
static long long drain(int c)
{
	long long total = 0;
	ssize_t n;

	while ((n = read(c, buf, sizeof(buf))) > 0)
		total += n;
	if (n < 0 || write(c, "k", 1) != 1)
		die("sink");
	close(c);
	return total;
}

/* Sends mb MiB and waits for the answer: seconds taken. */
static double send_mb(int s, long mb)
{
	double t0 = now();
	char k;

	for (long long left = mb << 20; left > 0;) {
		ssize_t n = write(s, buf, left < CHUNK ? left : CHUNK);

		if (n <= 0)
			die("send");
		left -= n;
	}
	shutdown(s, SHUT_WR);
	if (read(s, &k, 1) != 1)
		die("no answer from the sink");
	close(s);
	return now() - t0;
}

static int loop(long mb)
{
	struct sockaddr_in sa;
	int l = listener("127.0.0.1", 0, &sa), status;
	double t0, t;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		long long want = mb << 20;

		if (drain(accept(l, NULL, NULL)) != want)
			_exit(1);
		for (int i = 0; i < CONNECTS; i++) {
			int c = accept(l, NULL, NULL);

			if (c < 0 || write(c, "k", 1) != 1)
				_exit(1);
			close(c);
		}
		_exit(0);
	}
	t = send_mb(connect_to(&sa), mb);
	printf("tcp_loopback_MBps %.1f\n", mb / t);
	t0 = now();
	for (int i = 0; i < CONNECTS; i++) {
		int s = connect_to(&sa);
		char k;

		if (read(s, &k, 1) != 1)
			die("no answer");
		close(s);
	}
	t = now() - t0;
	if (waitpid(pid, &status, 0) != pid || status) {
		puts("FAIL the receiver");
		return 1;
	}
	printf("tcp_connect_per_s %.0f\n", CONNECTS / t);
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa;

	signal(SIGPIPE, SIG_IGN);
	memset(buf, 'w', sizeof(buf));
	if (argc == 3 && !strcmp(argv[1], "loop"))
		return loop(atol(argv[2]));
	if (argc == 4 && !strcmp(argv[1], "sink")) {
		int l = listener("127.0.0.1", atoi(argv[2]), &sa);

		for (int i = atoi(argv[3]); i > 0; i--)
			printf("sink_bytes %lld\n", drain(accept(l, NULL, NULL)));
		return 0;
	}
	if (argc == 5 && !strcmp(argv[1], "send")) {
		double t0, t;
		int s;

		memset(&sa, 0, sizeof(sa));
		sa.sin_family = AF_INET;
		sa.sin_port = htons(atoi(argv[3]));
		if (inet_pton(AF_INET, argv[2], &sa.sin_addr) != 1)
			die("address");
		t0 = now();
		s = connect_to(&sa);
		t = now() - t0;
		printf("tcp_connect_us %.0f\n", t * 1e6);
		printf("tcp_send_MBps %.1f\n", atol(argv[4]) / send_mb(s, atol(argv[4])));
		return 0;
	}
	fputs("usage: net-bench loop MB | sink PORT N | send ADDR PORT MB\n", stderr);
	return 2;
}
