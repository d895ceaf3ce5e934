/// Builds keys whose byte order is the order of the values they hold, so that LMDB's
/// memcmp order sorts composite keys field by field (the FoundationDB tuple layer's idea).
///
/// - Signed integers: the sign bit flipped, stored big-endian, so -1 sorts before 0 and
///   0 before +1 (plain two's complement would put -1 after every positive number).
/// - Strings: UTF-8 with each 0x00 byte written as 0x00 0xFF and a 0x00 0x00 terminator, so
///   a string sorts before every longer string it is a prefix of, and a field that follows
///   a string never changes the order of the strings.
///
///     var key = OrderedKey()
///     key.append("acme")
///     key.append(Int64(42))
///     try tx.put(db, key: key.bytes, value: [])
public struct OrderedKey: Sendable, Equatable, Hashable {
    /// The encoded bytes.
    public var bytes: [UInt8]

    /// An empty key; `capacity` reserves room for the bytes to come.
    public init(capacity: Int = 32) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// A key that appends to the end of `bytes`, which it takes over (leaving `bytes` empty)
    /// until `give(back:)`: for writing many keys end to end into one buffer without an
    /// array per key.
    public init(appendingTo bytes: inout [UInt8]) {
        self.bytes = []
        swap(&self.bytes, &bytes)
    }

    /// Hands the bytes (those taken over and those appended) back to `bytes`.
    public mutating func give(back bytes: inout [UInt8]) {
        swap(&self.bytes, &bytes)
    }

    /// Appends one byte as is (a type tag or an enum's code).
    public mutating func append(_ value: UInt8) {
        bytes.append(value)
    }

    /// Appends a signed integer: sign bit flipped, big-endian.
    public mutating func append(_ value: Int64) {
        appendBigEndian(UInt64(bitPattern: value) ^ (1 << 63))
    }

    /// Appends a signed integer in its compact form: one tag byte that orders by sign and
    /// length, then the fewest big-endian bytes of the magnitude (negatives as their one's
    /// complement). 0 is `[0x14]`, 5 is `[0x15, 0x05]`, 100,000 is `[0x17, 0x01, 0x86,
    /// 0xA0]`, -1 is `[0x13, 0xFE]`: the FoundationDB tuple layer's integer code, so that
    /// byte order is value order while small numbers take few bytes.
    public mutating func appendCompact(_ value: Int64) {
        if value == 0 {
            bytes.append(0x14)
            return
        }
        let magnitude = value < 0 ? UInt64(bitPattern: ~value) : UInt64(value)
        let length = (64 - magnitude.leadingZeroBitCount + 7) / 8
        let count = max(1, length)
        if value > 0 {
            bytes.append(UInt8(0x14 + count))
            for index in stride(from: count - 1, through: 0, by: -1) {
                bytes.append(UInt8(truncatingIfNeeded: magnitude >> UInt64(8 * index)))
            }
        } else {
            // The magnitude of a negative value is ~value (0 for -1), stored as its one's
            // complement, so that -2 [0x13, 0xFE] sorts before -1 [0x13, 0xFF].
            bytes.append(UInt8(0x14 - count))
            let complement = ~magnitude
            for index in stride(from: count - 1, through: 0, by: -1) {
                bytes.append(UInt8(truncatingIfNeeded: complement >> UInt64(8 * index)))
            }
        }
    }

    /// Appends a record id in the compact form (`appendCompact`) followed by its length in
    /// one byte, so that the id at the end of a key can be read from the end
    /// (`OrderedKeyReader.compactID(atEndOf:)`) without reading the parts before it. The
    /// trailing byte never changes the order: ids of different lengths differ in their tag.
    public mutating func appendCompactID(_ value: Int64) {
        let start = bytes.count
        appendCompact(value)
        bytes.append(UInt8(truncatingIfNeeded: bytes.count - start))
    }

    /// Appends an unsigned integer, big-endian.
    public mutating func appendBigEndian(_ value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends a 128-bit signed integer: sign bit flipped, big-endian.
    public mutating func append(_ value: Int128) {
        let bits = UInt128(bitPattern: value) ^ (1 << 127)
        appendBigEndian(UInt64(truncatingIfNeeded: bits >> 64))
        appendBigEndian(UInt64(truncatingIfNeeded: bits))
    }

    /// Appends a string, escaped and terminated.
    public mutating func append(_ value: String) {
        appendEscaped(value)
        bytes.append(0x00)
        bytes.append(0x00)
    }

    /// Appends a string escaped but not terminated: the key then covers every string that
    /// starts with `value`, for prefix searches with `KeyRange.prefix`.
    public mutating func appendPrefix(_ value: String) {
        appendEscaped(value)
    }

    private mutating func appendEscaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            for byte in utf8 {
                bytes.append(byte)
                if byte == 0 { bytes.append(0xFF) }
            }
        }
    }
}

/// Reads the fields of a key built with `OrderedKey`, in the order they were appended.
///
/// A key that ends early or holds a bad escape gives `KeyDecodingError`, never a crash.
public struct OrderedKeyReader {
    private let bytes: UnsafeRawBufferPointer
    /// Where the next field starts.
    public private(set) var offset: Int

    /// A reader at the start of `bytes`; valid as long as `bytes` is.
    public init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset >= bytes.count }

    /// Reads one byte.
    public mutating func readByte() throws(KeyDecodingError) -> UInt8 {
        guard offset < bytes.count else { throw KeyDecodingError(offset: offset, reason: "ends early") }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Reads an unsigned big-endian integer.
    public mutating func readBigEndian() throws(KeyDecodingError) -> UInt64 {
        guard bytes.count - offset >= 8 else {
            throw KeyDecodingError(offset: offset, reason: "ends before an 8-byte integer")
        }
        var value: UInt64 = 0
        for i in 0..<8 { value = value << 8 | UInt64(bytes[offset + i]) }
        offset += 8
        return value
    }

    /// Reads a signed integer written by `OrderedKey.append(_: Int64)`.
    public mutating func readInt64() throws(KeyDecodingError) -> Int64 {
        Int64(bitPattern: try readBigEndian() ^ (1 << 63))
    }

    /// Reads a signed integer written by `OrderedKey.appendCompact(_:)`.
    public mutating func readCompact() throws(KeyDecodingError) -> Int64 {
        // A positive integer (every id) is read in one pass, without the checks the other
        // forms need: a table scan reads one a record.
        if offset < bytes.count, let base = bytes.baseAddress {
            let count = Int(base.load(fromByteOffset: offset, as: UInt8.self)) &- 0x14
            let start = offset &+ 1
            if count > 0, count <= 8, bytes.count &- start >= count {
                var magnitude: UInt64 = 0
                var index = start
                while index < start &+ count {
                    magnitude = magnitude &<< 8 | UInt64(base.load(fromByteOffset: index, as: UInt8.self))
                    index &+= 1
                }
                if magnitude <= UInt64(Int64.max) {
                    offset = index
                    return Int64(magnitude)
                }
            }
        }
        let tag = try readByte()
        guard tag >= 0x0C, tag <= 0x1C else {
            throw KeyDecodingError(offset: offset - 1, reason: "holds no compact integer (tag \(tag))")
        }
        if tag == 0x14 { return 0 }
        let count = tag > 0x14 ? Int(tag - 0x14) : Int(0x14 - tag)
        guard bytes.count - offset >= count else {
            throw KeyDecodingError(offset: offset, reason: "ends inside a compact integer")
        }
        var magnitude: UInt64 = 0
        for index in 0..<count { magnitude = magnitude << 8 | UInt64(bytes[offset + index]) }
        offset += count
        if tag > 0x14 {
            guard magnitude <= UInt64(Int64.max) else {
                throw KeyDecodingError(offset: offset - count, reason: "holds an integer beyond 64 bits")
            }
            return Int64(magnitude)
        }
        // The bytes are the one's complement of the magnitude, over `count` bytes.
        let mask: UInt64 = count == 8 ? .max : (1 << UInt64(8 * count)) - 1
        return ~Int64(bitPattern: ~magnitude & mask)
    }

    /// The id at the end of `key`, written by `OrderedKey.appendCompactID(_:)`; nil when the
    /// key does not end with one.
    @inline(__always)
    public static func compactID(atEndOf key: UnsafeRawBufferPointer) -> Int64? {
        guard let last = key.last, last >= 1, last <= 9, key.count >= Int(last) + 1 else { return nil }
        let start = key.count - 1 - Int(last)
        var reader = OrderedKeyReader(UnsafeRawBufferPointer(rebasing: key[start..<(key.count - 1)]))
        guard let id = try? reader.readCompact(), reader.isAtEnd else { return nil }
        return id
    }

    /// Reads a 128-bit signed integer written by `OrderedKey.append(_: Int128)`.
    public mutating func readInt128() throws(KeyDecodingError) -> Int128 {
        let high = UInt128(try readBigEndian())
        let low = UInt128(try readBigEndian())
        return Int128(bitPattern: (high << 64 | low) ^ (1 << 127))
    }

    /// Reads a string written by `OrderedKey.append(_: String)`.
    public mutating func readString() throws(KeyDecodingError) -> String {
        var utf8: [UInt8] = []
        while true {
            let byte = try readByte()
            guard byte == 0 else {
                utf8.append(byte)
                continue
            }
            switch try readByte() {
            case 0x00:
                guard let string = UTF8Text.decode(utf8) else {
                    throw KeyDecodingError(offset: offset, reason: "holds a string that is not UTF-8")
                }
                return string
            case 0xFF: utf8.append(0)
            default: throw KeyDecodingError(offset: offset - 1, reason: "holds a bad string escape")
            }
        }
    }
}

/// A key that could not be read back: damaged, or of another layout.
public struct KeyDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The byte offset where reading failed.
    public let offset: Int
    /// What was wrong there.
    public let reason: String

    /// What was wrong, and where.
    public var description: String { "key \(reason) at byte \(offset)" }
}
