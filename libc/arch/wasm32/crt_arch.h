/*
 * No assembly entry: the host calls the exported _start(args) with the
 * address of argc, laid out as on other Linux stacks (user_abi.h).
 */
hidden void _start_c(long *);

__attribute__((__export_name__("_start")))
void _start(long *args)
{
	_start_c(args);
}
