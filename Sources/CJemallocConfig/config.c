// jemalloc's settings for soclint, read once when jemalloc starts (the environment's
// MALLOC_CONF, read after it, can still change them). glibc's malloc ignores the symbol.
//
// thp:always and metadata_thp:always ask the kernel for transparent huge pages (2 MiB) for
// jemalloc's memory and its own bookkeeping, where the kernel grants them on request
// (/sys/kernel/mm/transparent_hugepage/enabled is `always` or `madvise`). A lint of 10,000
// controls touched about 14,000 fresh 4 KiB pages, a page fault each, and the kernel freed them
// one by one at exit: about a third of its system time. With huge pages it touches a few
// hundred, for about 9 MB more resident memory.
#include "CJemallocConfig.h"

const char *malloc_conf = "thp:always,metadata_thp:always";
