/* The kernel's 32-bit asm-generic IPC structures split each time in a low
 * and a high word; the 0x100 bit makes the library join them (IPC_TIME64). */
#define IPC_STAT 0x102
