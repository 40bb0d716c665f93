/*
 * glibc's <error.h>, which musl does not have: error() prints the
 * program's name, the message and strerror(errnum), and exits with
 * status if it is not 0.  Some selftests include it (futex_waitv only
 * includes it; mq_open_tests calls it).
 */
#ifndef SELFTESTS_ERROR_H
#define SELFTESTS_ERROR_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline void error(int status, int errnum, const char *fmt, ...)
{
	extern char *program_invocation_name;
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", program_invocation_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (errnum)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
	if (status)
		exit(status);
}

#endif
