/// The binary form of a record, format 4: a small header that says which fields are
/// present and where each ends, then the fields' bytes end to end, so that a reader finds
/// any field without walking the others (`RecordView`), then a checksum.
///
///     byte 0        format (4)
///     byte 1        high 4 bits: the width of each end offset (0 = 1 byte, 1 = 2 bytes,
///                   2 = 4 bytes); low 4 bits: B, the length of the presence bitmap (0 to 8)
///     B bytes       the bitmap, little-endian: bit s is set when the field of slot s is
///                   present (numbers 1 to 15 are slots 0 to 14; a kind's own fields, from
///                   16, take slots from 4 on, after the four every record has)
///     n offsets     for each present field in slot order, where its bytes end, counted
///                   from the start of the data (little-endian, of the width above)
///     data          the present fields' bytes, in slot order
///     4 bytes       the CRC32C of the record's id and its kind's code (8 bytes each,
///                   little-endian) then of every byte above, little-endian (`Checksum`)
///
/// Every read of a record checks its checksum first (one pass over its bytes), so that damaged
/// bytes give `.corrupt` ("customer 42 is damaged (checksum)"), never other values.
///
/// A field's bytes: text as UTF-8; integers, references and timestamps as the fewest
/// little-endian two's-complement bytes that hold them (1 to 8); an enum as its one-byte
/// code; a boolean as one byte; a decimal as its scale byte then its units like an integer;
/// tags as (varint length, UTF-8) repeated; custom fields as (varint name length, name,
/// typed value) repeated, by name. Absent fields, fields at their default and an `updated`
/// equal to `created` take no space. Fields a reader does not know are ignored, so later
/// versions can add fields without rewriting the file.
///
/// Format 2 (written on 2026-12-02, before checksums) is format 4 without the checksum; it
/// is read as it is, unchecked, and a record gains a checksum when it is next written (the
/// store is not rewritten when opened). Format 1 (stores written before 2026-12-02) was
/// protocol-buffer-like, a tag before each field; it is still read (`LegacyRecord`) and
/// rewritten as format 4 when the store is opened for writing. There is no format 3: 3 lies
/// one flipped bit from 2 and from 1, and a flipped bit must never turn a checked record into
/// one read unchecked; 4 is two bits from each.
enum RecordFormat {
    /// The format this version writes: format 2 with a checksum at its end.
    static let current: UInt8 = 4
    /// The format written before checksums: read, unchecked, as it is.
    static let unchecked: UInt8 = 2
    /// The protocol-buffer-like format written before.
    static let legacy: UInt8 = 1

    /// The fewest little-endian two's-complement bytes that hold `value` (1 to 8).
    @inline(__always)
    static func byteCount(_ value: Int64) -> Int {
        // Bits beyond the sign: a value fits n bytes when it sign-extends from 8n bits.
        let significant = 64 - (value < 0 ? (~value).leadingZeroBitCount : value.leadingZeroBitCount) + 1
        return max(1, (significant + 7) / 8)
    }

    /// Reads an integer of 1 to 8 little-endian two's-complement bytes; nil for 0 or more
    /// than 8 bytes.
    @inline(__always)
    static func integer(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let count = bytes.count
        guard count >= 1, count <= 8, let base = bytes.baseAddress else { return nil }
        var raw: UInt64 = 0
        if count == 8 {
            raw = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
        } else {
            for index in 0..<count {
                raw |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) << (8 * index)
            }
        }
        // Sign-extend from the top bit of the last byte.
        let shift = UInt64(64 - 8 * count)
        return Int64(bitPattern: raw << shift) >> Int64(shift)
    }
}
