#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	printf("hello, world: argc=%d argv[0]=%s HOME=%s\n", argc, argv[0],
		getenv("HOME") ? getenv("HOME") : "(unset)");
	printf("%d %5.2f %Lg %s %x\n", 42, 3.14159, 2.5L, "str", 0xbeefu);
	fputs("stderr works\n", stderr);
	return 3;
}
