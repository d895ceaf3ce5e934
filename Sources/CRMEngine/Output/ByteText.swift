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
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, minimumWidth: 1, to: &out)
    }

    /// Appends `value` in decimal with at least `width` digits, a `-` before a negative one.
    static func appendPadded(_ value: Int, width: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(UInt64(value.magnitude), minimumWidth: width, to: &out)
    }

    /// Appends `value` (0...99) as two digits: the parts of a time.
    @inline(__always)
    static func appendTwoDigits(_ value: Int, to out: inout [UInt8]) {
        guard value >= 0 && value < 100 else {
            appendPadded(value, width: 2, to: &out)
            return
        }
        out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10))
        out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10))
    }

    /// Appends the decimal digits of `value`, zero-padded on the left to `minimumWidth`.
    private static func appendDigits(_ value: UInt64, minimumWidth: Int, to out: inout [UInt8]) {
        var count = 1
        var rest = value / 10
        while rest != 0 {
            count += 1
            rest /= 10
        }
        let width = max(count, minimumWidth)
        let start = out.count
        for _ in 0..<width { out.append(UInt8(ascii: "0")) }
        out.withUnsafeMutableBufferPointer { buffer in
            var index = start + width - 1
            var rest = value
            repeat {
                buffer[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
                index -= 1
            } while rest != 0
        }
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

    private static func appendCSVField(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
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
