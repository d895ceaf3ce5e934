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

    @usableFromInline
    static func memcmpEqual(_ a: UnsafePointer<UInt8>?, _ b: UnsafeRawPointer?, _ count: Int) -> Bool {
        guard let a, let b else { return count == 0 }
        return memcmp(a, b, count) == 0
    }
}
