/* The lowering passes setjmp's second return value through these. */
static _Thread_local int temp_ret;

int getTempRet0(void)
{
	return temp_ret;
}

void setTempRet0(int v)
{
	temp_ret = v;
}
