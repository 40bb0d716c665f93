/* strtod, qsort, snprintf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

static int fails;
#define CHECK(c) do { if (!(c)) { printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)

static int cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int cmps(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	char buf[128], *end;

	CHECK(strtod("3.25", &end) == 3.25 && !*end);
	CHECK(strtod("-1e-300", 0) == -1e-300);
	CHECK(strtod("0x1p-3", 0) == 0.125);
	CHECK(isinf(strtod("inf", 0)) && isnan(strtod("nan", 0)));
	CHECK(strtod("1.7976931348623157e308", 0) == 1.7976931348623157e308);
	CHECK(strtold("2.5", 0) == 2.5L);
	CHECK(strtof("0.1", 0) == 0.1f);
	CHECK(strtol("-0x7f", 0, 0) == -127 && strtoull("18446744073709551615", 0, 10) == 18446744073709551615ULL);

	int a[1000];
	unsigned x = 1;
	for (int i = 0; i < 1000; i++) a[i] = (x = x * 1103515245 + 12345) >> 4;
	qsort(a, 1000, sizeof *a, cmp);
	int sorted = 1;
	for (int i = 1; i < 1000; i++) if (a[i-1] > a[i]) sorted = 0;
	CHECK(sorted);
	char *s[] = { "pear", "apple", "fig", "banana" };
	qsort(s, 4, sizeof *s, cmps);
	CHECK(!strcmp(s[0], "apple") && !strcmp(s[3], "pear"));

	snprintf(buf, sizeof buf, "%d|%5s|%-4x|%08.3f|%e|%g|%Lf", -42, "ab", 255, 3.14159, 12345.678, 0.0001, 1.5L);
	CHECK(!strcmp(buf, "-42|   ab|ff  |0003.142|1.234568e+04|0.0001|1.500000"));
	snprintf(buf, sizeof buf, "%lld %llu %zu %p %c%%", -9000000000LL, 18000000000ULL, (size_t)7, (void *)0x1234, 'z');
	CHECK(!strcmp(buf, "-9000000000 18000000000 7 0x1234 z%"));
	CHECK(snprintf(buf, 4, "%s", "truncated") == 9 && !strcmp(buf, "tru"));
	snprintf(buf, sizeof buf, "%.17g %a", 0.1, 1.0);
	CHECK(!strcmp(buf, "0.10000000000000001 0x1p+0"));
	CHECK(sqrt(2.0) > 1.41421 && sqrt(2.0) < 1.41422 && fabs(sin(0.0)) == 0);

	printf("stdlib: %s (%d failures)\n", fails ? "FAIL" : "PASS", fails);
	return fails != 0;
}
