// The one C header the LMDB module sees: the system's liblmdb (Debian: liblmdb-dev).
#ifndef CLMDB_SHIM_H
#define CLMDB_SHIM_H
#include <lmdb.h>
#endif
