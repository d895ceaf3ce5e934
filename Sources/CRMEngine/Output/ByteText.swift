/// Text written straight into a byte buffer: the pieces every output format is made of
/// (numbers, quoted CSV fields, JSON strings), without a `String` per value.
///
/// A million-row export spends its time here, so each function appends to the caller's
/// `[UInt8]` in place and reads a string's UTF-8 from its contiguous storage.
enum ByteText {
    /// Appends `text`'s UTF-8 bytes.
    @inline(__always)
    static func append(_ text: String, to out: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { out.append(contentsOf: $0) }
        if done == nil { out.append(contentsOf: text.utf8) }
    }

    /// Appends `value` in decimal (`Int64.min` included).
    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        var scratch = ByteScratch()
        if value < 0 { scratch.put(UInt8(ascii: "-")) }
        scratch.putDigits(value.magnitude, minimumWidth: 1)
        scratch.flush(to: &out)
    }

    /// Appends `value` in decimal with at least `width` digits, a `-` before a negative one.
    static func appendPadded(_ value: Int, width: Int, to out: inout [UInt8]) {
        var scratch = ByteScratch()
        if value < 0 { scratch.put(UInt8(ascii: "-")) }
        scratch.putDigits(UInt64(value.magnitude), minimumWidth: min(width, 20))
        scratch.flush(to: &out)
    }

    /// Appends one CSV field (RFC 4180): quoted when it holds `,`, `"`, CR or LF, or is empty
    /// (so that an empty string stays apart from null), with each `"` doubled.
    static func appendCSVField(_ field: String, to out: inout [UInt8]) {
        let done: Void? = field.utf8.withContiguousStorageIfAvailable { appendCSVField(bytes: $0, to: &out) }
        if done == nil {
            var copy = field
            copy.withUTF8 { appendCSVField(bytes: $0, to: &out) }
        }
    }

    /// Appends UTF-8 `bytes` as one CSV field, as ``appendCSVField(_:to:)`` does.
    static func appendCSVField(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var needsQuotes = bytes.isEmpty
        for byte in bytes
        where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\n")
        {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { out.append(UInt8(ascii: "\"")) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `text` as a JSON string (RFC 8259): `"` and `\` escaped, control characters as
    /// `\n`, `\r`, `\t`, `\b`, `\f` or `\u00XX` (lowercase hex), everything else as UTF-8.
    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendJSONEscaped($0, to: &out) }
        if done == nil {
            var copy = text
            copy.withUTF8 { appendJSONEscaped($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 `bytes` as a JSON string, as ``appendJSONString(_:to:)`` does.
    static func appendJSONString(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        appendJSONEscaped(bytes, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 `bytes` with JSON's escapes, without quotes.
    private static func appendJSONEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var plainStart = 0
        for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<index]))
            plainStart = index + 1
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case 0x22: out.append(UInt8(ascii: "\""))
            case 0x5C: out.append(UInt8(ascii: "\\"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            default:
                out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0x0F))
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<bytes.count]))
    }

    /// The lowercase hex digit of `nibble` (0...15).
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

/// Up to 48 bytes built on the stack and appended to an array at once: a number or a
/// timestamp costs one append to the output rather than one a character.
struct ByteScratch {
    private var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
    /// The bytes put so far.
    private(set) var count = 0

    /// The most bytes a scratch holds; puts past it are dropped (callers stay well below).
    static let capacity = 48

    /// Adds one byte.
    @inline(__always)
    mutating func put(_ byte: UInt8) {
        guard count < Self.capacity else { return }
        withUnsafeMutableBytes(of: &storage) { $0[count] = byte }
        count += 1
    }

    /// Adds `value` (0...99) as two digits.
    @inline(__always)
    mutating func putTwoDigits(_ value: Int) {
        guard value >= 0 && value < 100 else {
            if value < 0 { put(UInt8(ascii: "-")) }
            putDigits(UInt64(value.magnitude), minimumWidth: 2)
            return
        }
        put(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10))
        put(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10))
    }

    /// Adds the decimal digits of `value`, zero-padded on the left to `minimumWidth` (at
    /// most 20).
    mutating func putDigits(_ value: UInt64, minimumWidth: Int) {
        var digits = 1
        var rest = value / 10
        while rest != 0 {
            digits += 1
            rest /= 10
        }
        let width = max(digits, minimumWidth)
        guard count + width <= Self.capacity else { return }
        let start = count
        withUnsafeMutableBytes(of: &storage) { bytes in
            var index = start + width - 1
            var rest = value
            for _ in 0..<width {
                bytes[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
                index -= 1
            }
        }
        count += width
    }

    /// Adds `length` bytes from `source`.
    mutating func put(_ source: UnsafePointer<UInt8>, count length: Int) {
        guard count + length <= Self.capacity else { return }
        let start = count
        withUnsafeMutableBytes(of: &storage) { bytes in
            for index in 0..<length { bytes[start + index] = source[index] }
        }
        count += length
    }

    /// Appends the bytes put to `out`.
    @inline(__always)
    func flush(to out: inout [UInt8]) {
        var copy = storage
        let length = count
        withUnsafeBytes(of: &copy) { bytes in
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<length]))
        }
    }
}
