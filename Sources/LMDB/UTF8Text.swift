#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fast, strict UTF-8 decoding of bytes read from the file.
///
/// `String(validating:as:)` takes any sequence and is not specialised for raw buffers, so it
/// looks up generic metadata on every call: in a profile of gets by id it was a third of the
/// time. `String(decoding:as:)` on a typed buffer is the fast path, but repairs bad bytes
/// instead of refusing them; a repair always changes the bytes (U+FFFD is valid UTF-8, so
/// it never stands where it was), so comparing the result with the input detects it.
public enum UTF8Text {
    /// The text of `bytes`, or nil when they are not valid UTF-8.
    @inlinable
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> String? {
        // ASCII (most names, emails, cities) needs no repair, so no check after decoding.
        if isASCII(bytes) { return String(decoding: bytes.bindMemory(to: UInt8.self), as: UTF8.self) }
        var text = String(decoding: bytes.bindMemory(to: UInt8.self), as: UTF8.self)
        let same = text.withUTF8 { decoded in
            decoded.count == bytes.count
                && (bytes.isEmpty || memcmpEqual(decoded.baseAddress, bytes.baseAddress, bytes.count))
        }
        return same ? text : nil
    }

    /// The text of `bytes`, or nil when they are not valid UTF-8.
    @inlinable
    public static func decode(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { decode($0) }
    }

    /// Whether every byte is below 0x80, eight bytes at a time.
    @inlinable
    public static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = bytes.count
        var high: UInt64 = 0
        while index + 8 <= count {
            high |= bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < count {
            high |= UInt64(bytes[index])
            index += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    @usableFromInline
    static func memcmpEqual(_ a: UnsafePointer<UInt8>?, _ b: UnsafeRawPointer?, _ count: Int) -> Bool {
        guard let a, let b else { return count == 0 }
        return memcmp(a, b, count) == 0
    }
}
