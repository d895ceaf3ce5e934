// CRC32C (Castagnoli) for the checksums of records and history entries: one C function, so
// that the processor's CRC32 instruction (SSE 4.2 on x86-64, the CRC extension on ARMv8)
// does the work where there is one; Swift cannot call those instructions itself.
#ifndef CCHECKSUM_H
#define CCHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/// The CRC32C of `count` bytes at `bytes`, continuing from `crc` (0 to start; the result of
/// an earlier call to go on over more bytes), as in iSCSI (RFC 3720) and ext4:
/// crm_crc32c_extend(0, "123456789", 9) == 0xE3069283.
uint32_t crm_crc32c_extend(uint32_t crc, const void *bytes, size_t count);

/// The same CRC32C bit by bit, never with the processor's instruction: what
/// `crm_crc32c_extend` falls back to on a processor without one, exposed so that tests can
/// compare the two.
uint32_t crm_crc32c_extend_portable(uint32_t crc, const void *bytes, size_t count);

#endif
