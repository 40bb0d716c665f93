/* The kernel's page size (CONFIG_PAGE_SIZE_4KB), also the granule of the
 * user-space mmap; wasm's own 64 KiB pages only matter for memory.grow. */
#define PAGESIZE 4096
