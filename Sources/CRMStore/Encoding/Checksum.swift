internal import CChecksum

/// The CRC32C checksums that records (format 4, `RecordFormat`) and history entries (format 2,
/// `HistoryEntry`) end with, so that damaged bytes read as damage (`.corrupt`, "customer 42 is
/// damaged (checksum)") instead of as other values.
///
/// CRC32C (Castagnoli, as in iSCSI and ext4) because the processor computes it with one
/// instruction per 8 bytes (`crm_crc32c_extend` in the `CChecksum` module): about 30 ns for a
/// 100-byte record on the project's machine (a table-driven Swift version, slicing by 8, took
/// about 85 ns), next to some 700 ns for a whole get. It finds every burst of up to 32 damaged
/// bits, every odd number of flipped bits, and all but one in 4 billion of any other damage.
///
/// A checksum covers the value and what it is stored under (a record's kind and id, a history
/// entry's key), so that a value found under another key or in another table is damage too. It is stored as the value's
/// last 4 bytes, little-endian.
enum Checksum {
    /// The bytes a checksum takes at the end of a value.
    static let size = 4

    /// The CRC32C of `bytes`, continuing from `crc` (0 to start).
    @inline(__always)
    static func crc32c(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        crm_crc32c_extend(crc, bytes.baseAddress, bytes.count)
    }

    /// The checksum of the stored bytes `body` (all but the checksum itself) of record `id` of
    /// `kind`: over the id and the kind's code (8 bytes each, little-endian), then `body`.
    @inline(__always)
    static func record(_ kind: RecordKind, id: Int64, _ body: UnsafeRawBufferPointer) -> UInt32 {
        let key = SIMD2<UInt64>(UInt64(bitPattern: id).littleEndian, UInt64(kind.code).littleEndian)
        let seed = withUnsafeBytes(of: key) { crc32c($0) }
        return crc32c(body, continuing: seed)
    }

    /// The checksum of the value `body` stored under `key`.
    @inline(__always)
    static func value(key: UnsafeRawBufferPointer, _ body: UnsafeRawBufferPointer) -> UInt32 {
        crc32c(body, continuing: crc32c(key))
    }

    /// The checksum stored in the last 4 bytes of `bytes`; nil when it has fewer.
    @inline(__always)
    static func stored(in bytes: UnsafeRawBufferPointer) -> UInt32? {
        guard bytes.count >= size, let base = bytes.baseAddress else { return nil }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: bytes.count - size, as: UInt32.self))
    }

    /// `bytes` without their last 4, the checksum: what the checksum covers. It is a
    /// programmer error to call this with fewer than 4 bytes (`stored(in:)` says nil then).
    @inline(__always)
    static func body(of bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - size)])
    }

    /// Writes `crc` into the 4 bytes at `offset`, little-endian.
    @inline(__always)
    static func write(_ crc: UInt32, into bytes: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        for index in 0..<size { bytes[offset + index] = UInt8(truncatingIfNeeded: crc >> UInt32(8 * index)) }
    }

    /// Appends `crc`, little-endian.
    static func append(_ crc: UInt32, to bytes: inout [UInt8]) {
        for index in 0..<size { bytes.append(UInt8(truncatingIfNeeded: crc >> UInt32(8 * index))) }
    }
}
