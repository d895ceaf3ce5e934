/// Parses one JSON text (RFC 8259) from UTF-8 bytes, keeping numbers as text.
///
/// Written for import lines rather than borrowed from Foundation so that decimals stay exact
/// and every malformed line gives a message with the column, never a crash: nesting is
/// limited to ``maximumDepth`` so a line of ten thousand `[` cannot exhaust the stack.
///
///     var parser = JSONParser(Array(#"{"name": "Acme", "amount": 1200.50}"#.utf8))
///     let value = try parser.parseDocument()
struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    static let maximumDepth = 32

    private let bytes: [UInt8]
    private var position = 0

    /// A parser of `bytes`, which must be valid UTF-8 (``ImportText`` checks it first).
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// A syntax error: what was wrong and the 1-based byte column where.
    struct SyntaxError: Error {
        let message: String
        let column: Int
    }

    /// The one value of the text, with nothing but white space after it.
    mutating func parseDocument() throws(SyntaxError) -> JSONValue {
        let value = try parseValue(depth: 0)
        skipSpace()
        guard position == bytes.count else { throw error("unexpected text after the JSON value") }
        return value
    }

    private func error(_ message: String) -> SyntaxError {
        SyntaxError(message: message, column: position + 1)
    }

    private mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func parseValue(depth: Int) throws(SyntaxError) -> JSONValue {
        skipSpace()
        guard position < bytes.count else { throw error("expected a JSON value, found the end of the line") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseWord("true", .bool(true))
        case UInt8(ascii: "f"): return try parseWord("false", .bool(false))
        case UInt8(ascii: "n"): return try parseWord("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("expected a JSON value (an object, array, string, number, true, false or null)")
        }
    }

    private mutating func parseWord(_ word: String, _ value: JSONValue) throws(SyntaxError) -> JSONValue {
        let spelled = Array(word.utf8)
        guard bytes[position...].starts(with: spelled) else {
            throw error("expected a JSON value (strings are written in double quotes)")
        }
        position += spelled.count
        return value
    }

    private mutating func parseObject(depth: Int) throws(SyntaxError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw error("JSON nested too deeply") }
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        var keys = Set<String>()
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a key in double quotes")
            }
            let keyColumn = position + 1
            let key = try parseString()
            guard keys.insert(key).inserted else {
                throw SyntaxError(message: "key '\(key)' appears twice in one object", column: keyColumn)
            }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("expected ':' after the key '\(key)'")
            }
            position += 1
            members.append((key, try parseValue(depth: depth)))
            skipSpace()
            guard position < bytes.count else {
                throw error("expected ',' or '}', found the end of the line")
            }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
            position += 1
            return .object(members)
        }
    }

    private mutating func parseArray(depth: Int) throws(SyntaxError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw error("JSON nested too deeply") }
        position += 1
        var items: [JSONValue] = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            items.append(try parseValue(depth: depth))
            skipSpace()
            guard position < bytes.count else {
                throw error("expected ',' or ']', found the end of the line")
            }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
            position += 1
            return .array(items)
        }
    }

    private mutating func parseNumber() throws(SyntaxError) -> String {
        let start = position
        func digits() -> Int {
            let first = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                position += 1
            }
            return position - first
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        let integerDigits = digits()
        guard integerDigits > 0 else { throw error("expected digits in the number") }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
            throw SyntaxError(message: "a JSON number has no leading zeros", column: integerStart + 1)
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw error("expected digits after the decimal point") }
        }
        if position < bytes.count,
            bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")
        {
            position += 1
            if position < bytes.count,
                bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")
            {
                position += 1
            }
            guard digits() > 0 else { throw error("expected digits in the exponent") }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        position += 1
        var output: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"): output.append(contentsOf: try parseUnicodeEscape())
                default:
                    position -= 1
                    throw error("unknown escape '\\\(Character(Unicode.Scalar(escape)))' in a string")
                }
            case 0..<0x20:
                throw error("a control character in a string (write it as \\n, \\t or \\u00XX)")
            default:
                output.append(byte)
                position += 1
            }
        }
        throw error("the string is not closed (a '\"' is missing)")
    }

    /// The UTF-8 bytes of `\uXXXX`, or of a surrogate pair `\uD83D\uDE00`; position is after `u`.
    private mutating func parseUnicodeEscape() throws(SyntaxError) -> [UInt8] {
        let high = try hexQuad()
        var value = high
        if (0xD800..<0xDC00).contains(high) {
            guard bytes[position...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
                throw error("a \\u escape of a high surrogate must be followed by a low one")
            }
            position += 2
            let low = try hexQuad()
            guard (0xDC00..<0xE000).contains(low) else { throw error("invalid low surrogate in \\u escape") }
            value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(high) {
            throw error("a \\u escape names a lone low surrogate")
        }
        guard let scalar = Unicode.Scalar(value) else { throw error("invalid \\u escape") }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hexQuad() throws(SyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
        else { throw error("expected four hex digits after \\u") }
        position += 4
        return value
    }
}
