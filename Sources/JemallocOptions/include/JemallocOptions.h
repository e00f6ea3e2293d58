// JemallocOptions has nothing to call: linking it sets jemalloc's options (see options.c).
