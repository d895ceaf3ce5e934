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
