#ifndef SOCLINT_CJEMALLOCCONFIG_H
#define SOCLINT_CJEMALLOCCONFIG_H

// The settings soclint gives jemalloc (see config.c); nothing to call.
extern const char *malloc_conf;

#endif
