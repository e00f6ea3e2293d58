// jemalloc's options, built into the soclint executable: jemalloc reads the string a program
// defines as `malloc_conf` when it starts, before the `MALLOC_CONF` environment variable, which
// still overrides it (see "Why jemalloc" in the README).
//
// slab_sizes: every small size class (up to 14 KiB) is carved from slabs of about 16 pages
// instead of 1 to 7. A run over 10,000 controls made about 5,500 slabs, and each cost jemalloc
// an extent: bookkeeping on the allocating thread, and a 128-byte descriptor in fresh metadata
// memory that jemalloc reads before it writes, so that each new page of descriptors was faulted
// in twice and, with the other thread running, flushed from its TLB by an interprocessor
// interrupt, which on this VM exits to the hypervisor. With 16-page slabs the run sends about a
// third of the interrupts and takes 5% less CPU time.
const char *malloc_conf = "slab_sizes:1-16384:16";
