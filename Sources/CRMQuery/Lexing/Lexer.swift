/// Turns query source text into tokens, reporting problems as diagnostics rather than failing.
///
/// The lexer works on the UTF-8 bytes of the text. It never traps: a character that cannot
/// start a token becomes an `.invalid` token plus a diagnostic, and lexing goes on. Text
/// decoded from invalid UTF-8 carries U+FFFD replacement characters; each is reported as
/// `invalid-utf8`, so use ``init(bytes:)`` for raw input. Because a literal U+FFFD is
/// indistinguishable from a decoding error, it is reported too, even inside strings.
///
/// ```swift
/// var lexer = Lexer("find customers where tier = vip")
/// while true {
///     let token = lexer.next()
///     if token.kind == .endOfFile { break }
/// }
/// ```
public struct Lexer: Sendable {
    /// Every keyword spelling, lower case, sorted: the list the grammar must agree with.
    public static let keywords: [String] = Keyword.allCases.map(\.rawValue).sorted()

    /// The text being lexed; all ranges refer to its UTF-8 view.
    public let source: String
    /// Converts byte offsets to line and column.
    public let converter: SourceLocationConverter
    /// The problems found so far, in source order.
    public private(set) var diagnostics: [Diagnostic] = []

    private let bytes: [UInt8]
    private var position = 0
    /// The line of the last range made, where the next one most likely starts.
    private var lineHint = 0

    /// A lexer for `source`.
    public init(_ source: String) {
        self.source = source
        self.bytes = Array(source.utf8)
        self.converter = SourceLocationConverter(source)
    }

    /// A lexer for raw bytes that may not be valid UTF-8.
    ///
    /// The bytes are decoded with replacement, so every invalid sequence becomes one U+FFFD and
    /// is reported as `invalid-utf8`; ranges refer to the decoded ``source``.
    public init(bytes: [UInt8]) {
        self.init(String(decoding: bytes, as: UTF8.self))
    }

    /// Lexes all of `source`, up to and including the `.endOfFile` token.
    public static func tokenize(_ source: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(source)
        return lexer.tokenizeAll()
    }

    /// Lexes the rest of the input, up to and including the `.endOfFile` token.
    public mutating func tokenizeAll() -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var tokens: [Token] = []
        while true {
            let token = next()
            tokens.append(token)
            if token.kind == .endOfFile { break }
        }
        return (tokens, diagnostics)
    }

    /// The next token; after the end of input, `.endOfFile` again and again.
    public mutating func next() -> Token {
        skipTrivia()
        let start = position
        guard position < bytes.count else { return token(.endOfFile, from: start) }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\n"): return token(.newline, from: start)
        case UInt8(ascii: "{"): return token(.leftBrace, from: start)
        case UInt8(ascii: "}"): return token(.rightBrace, from: start)
        case UInt8(ascii: "("): return token(.leftParen, from: start)
        case UInt8(ascii: ")"): return token(.rightParen, from: start)
        case UInt8(ascii: "["): return token(.leftBracket, from: start)
        case UInt8(ascii: "]"): return token(.rightBracket, from: start)
        case UInt8(ascii: ","): return token(.comma, from: start)
        case UInt8(ascii: ":"): return token(.colon, from: start)
        case UInt8(ascii: ";"): return token(.semicolon, from: start)
        case UInt8(ascii: "."): return token(.dot, from: start)
        case UInt8(ascii: "*"): return token(.star, from: start)
        case UInt8(ascii: "/"): return token(.slash, from: start)
        case UInt8(ascii: "="): return token(.equal, from: start)
        case UInt8(ascii: "<"): return token(consume("=") ? .lessEqual : .less, from: start)
        case UInt8(ascii: ">"): return token(consume("=") ? .greaterEqual : .greater, from: start)
        case UInt8(ascii: "!"):
            if consume("=") { return token(.notEqual, from: start) }
            return invalid(.invalidCharacter, "unexpected '!'; write '!=' for 'not equal'", from: start)
        case UInt8(ascii: "\""): return lexString(from: start)
        case UInt8(ascii: "$"): return lexParameter(from: start)
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            // A sign glued to digits makes a number or an offset (`-7`, `+2bd`); the parser
            // reads `due -2d` as `due - 2d`. Alone, it is an operator.
            if isDigit(at: position) { return lexSignedNumber(from: start) }
            return token(byte == UInt8(ascii: "+") ? .plus : .minus, from: start)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return lexNumber(from: start)
        case 0:
            return invalid(.nulCharacter, "NUL byte in the source; remove it", from: start)
        default:
            position = start
            let (scalar, length) = decodeScalar(at: start)
            position = start + length
            if isIdentifierStart(scalar) { return lexWord(from: start) }
            if scalar == "\u{FFFD}" {
                return invalid(.invalidUTF8, "invalid UTF-8 byte sequence (decoded as U+FFFD)", from: start)
            }
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true)
            return invalid(.invalidCharacter, "unexpected character '\(scalar)' (\(code))", from: start)
        }
    }

    // MARK: - Trivia

    private mutating func skipTrivia() {
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                position += 1
            case UInt8(ascii: "-") where self.byte(at: position + 1) == UInt8(ascii: "-"):
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n") {
                    position += 1
                }
            case 0x80...:
                let (scalar, length) = decodeScalar(at: position)
                guard scalar.properties.isWhitespace else { return }
                position += length
            default:
                return
            }
        }
    }

    // MARK: - Words and parameters

    private mutating func lexWord(from start: Int) -> Token {
        skipIdentifierContinue()
        let text = self.text(from: start)
        if let keyword = Keyword(word: text) { return token(.keyword(keyword), from: start) }
        return token(.identifier(text), from: start)
    }

    private mutating func lexParameter(from start: Int) -> Token {
        if isDigit(at: position) {
            let digitsStart = position
            skipDigits()
            if isIdentifierContinue(at: position) {
                skipIdentifierContinue()
                return invalid(
                    .invalidParameter, "a parameter is '$name' or '$1', not '\(text(from: start))'",
                    from: start)
            }
            guard let index = Int(text(from: digitsStart)), index > 0 else {
                return invalid(.invalidParameter, "parameters are numbered from $1", from: start)
            }
            return token(.parameter(.positional(index)), from: start)
        }
        if position < bytes.count {
            let (scalar, length) = decodeScalar(at: position)
            if isIdentifierStart(scalar) {
                position += length
                skipIdentifierContinue()
                return token(.parameter(.named(text(from: start + 1))), from: start)
            }
        }
        return invalid(
            .invalidParameter, "expected a parameter name or number after '$', as in '$tier' or '$1'",
            from: start)
    }

    // MARK: - Strings

    private mutating func lexString(from start: Int) -> Token {
        var value: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return token(.string(String(decoding: value, as: UTF8.self)), from: start)
            }
            if byte == UInt8(ascii: "\\") {
                lexEscape(into: &value)
                continue
            }
            if byte == 0 {
                report(
                    .nulCharacter, "NUL byte in a string; remove it or write \\u{0}", start: position,
                    end: position + 1)
                position += 1
                continue
            }
            if byte == 0xEF, self.byte(at: position + 1) == 0xBF, self.byte(at: position + 2) == 0xBD {
                report(
                    .invalidUTF8, "invalid UTF-8 byte sequence in a string (decoded as U+FFFD)",
                    start: position, end: position + 3)
            }
            value.append(byte)
            position += 1
        }
        report(
            .unterminatedString, "unterminated string: add a closing '\"'", start: start, end: start + 1,
            notes: ["the string starts here and runs to the end of the input"])
        return Token(
            kind: .string(String(decoding: value, as: UTF8.self)), text: text(from: start),
            range: converter.range(start, position, lineHint: &lineHint))
    }

    /// Decodes one escape starting at the backslash under `position`.
    private mutating func lexEscape(into value: inout [UInt8]) {
        let start = position
        position += 1
        guard position < bytes.count else { return }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): value.append(byte)
        case UInt8(ascii: "\\"): value.append(byte)
        case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
        case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t"))
        case UInt8(ascii: "u"):
            guard consume("{") else {
                report(
                    .invalidEscape, "expected '{' after '\\u', as in \\u{4E2D}", start: start, end: position)
                return
            }
            let digitsStart = position
            while position < bytes.count, position - digitsStart < 8, isHexDigit(bytes[position]) {
                position += 1
            }
            let digits = text(from: digitsStart)
            guard consume("}"), (1...6).contains(digits.count), let code = UInt32(digits, radix: 16),
                let scalar = Unicode.Scalar(code)
            else {
                report(
                    .invalidEscape,
                    "invalid unicode escape; write \\u{...} with 1 to 6 hex digits of a valid "
                        + "code point", start: start, end: position)
                return
            }
            value.append(contentsOf: Array(String(scalar).utf8))
        default:
            position = start + 1
            let (scalar, length) = decodeScalar(at: position)
            position += length
            report(
                .invalidEscape,
                "invalid escape '\\\(scalar)' in a string; use \\\", \\\\, \\n, \\t or \\u{...}",
                start: start, end: position)
        }
    }

    // MARK: - Numbers, dates and offsets

    private mutating func lexSignedNumber(from start: Int) -> Token {
        let negative = bytes[start] == UInt8(ascii: "-")
        let digitsStart = position
        skipDigits()
        let digits = text(from: digitsStart)
        if isLetter(at: position) {
            let unitStart = position
            while isLetter(at: position) { position += 1 }
            let unitText = text(from: unitStart).lowercased()
            if isIdentifierContinue(at: position) { skipIdentifierContinue() }
            guard let unit = OffsetUnit(rawValue: unitText), position == unitStart + unitText.utf8.count
            else {
                let units = OffsetUnit.allCases.map(\.rawValue).joined(separator: ", ")
                return invalid(
                    .invalidOffset, "unknown time unit in '\(text(from: start))'; use one of \(units)",
                    from: start)
            }
            guard let amount = Int(digits) else {
                return invalid(.numberOutOfRange, "offset '\(text(from: start))' is too large", from: start)
            }
            return token(
                .offset(RelativeOffset(isNegative: negative, amount: amount, unit: unit)), from: start)
        }
        guard negative else {
            // `+5` is the operator and a number (`score +1`); a number has no `+` sign.
            position = start + 1
            return token(.plus, from: start)
        }
        return finishNumber(from: start)
    }

    private mutating func lexNumber(from start: Int) -> Token {
        skipDigits()
        if position - start == 4, byte(at: position) == UInt8(ascii: "-"), isDigit(at: position + 1) {
            return lexDate(from: start)
        }
        return finishNumber(from: start)
    }

    /// Lexes an optional fraction after the integer digits already consumed.
    private mutating func finishNumber(from start: Int) -> Token {
        var isDecimal = false
        if byte(at: position) == UInt8(ascii: "."), isDigit(at: position + 1) {
            isDecimal = true
            position += 1
            skipDigits()
        }
        if isIdentifierContinue(at: position) {
            skipIdentifierContinue()
            let text = self.text(from: start)
            let digits = String(text.prefix(while: \.isASCIIDigit))
            if !isDecimal, let unit = OffsetUnit(rawValue: String(text.dropFirst(digits.count)).lowercased())
            {
                // `2bd` without a sign: a length of time, added to or compared with a time.
                guard let amount = Int(digits) else {
                    return invalid(.numberOutOfRange, "length of time '\(text)' is too large", from: start)
                }
                return token(
                    .interval(RelativeOffset(isNegative: false, amount: amount, unit: unit)), from: start)
            }
            return invalid(.invalidNumber, "malformed number '\(text)'", from: start)
        }
        let text = self.text(from: start)
        if isDecimal { return token(.decimal(text), from: start) }
        return token(.integer(text), from: start)
    }

    private mutating func lexDate(from start: Int) -> Token {
        let yearValue = number(from: start, count: 4)
        position = start + 4
        guard consume("-"), let month = twoDigits(), consume("-"), let day = twoDigits(), let year = yearValue
        else {
            skipDateTimeRun()
            return invalid(
                .invalidDate, "malformed date '\(text(from: start))'; write YYYY-MM-DD", from: start)
        }
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else {
            skipDateTimeRun()
            return invalid(.invalidDate, "'\(text(from: start))' is not a date on the calendar", from: start)
        }
        guard byte(at: position) == UInt8(ascii: "T"), isDigit(at: position + 1) else {
            if isIdentifierContinue(at: position) || byte(at: position) == UInt8(ascii: "T") {
                skipDateTimeRun()
                return invalid(
                    .invalidDate,
                    "malformed date '\(text(from: start))'; write YYYY-MM-DD or "
                        + "YYYY-MM-DDTHH:MM", from: start)
            }
            return token(.date(text(from: start)), from: start)
        }
        position += 1
        if lexTimeOfDay() {
            return token(.dateTime(text(from: start)), from: start)
        }
        skipDateTimeRun()
        return invalid(
            .invalidDate,
            "malformed time in '\(text(from: start))'; write THH:MM or THH:MM:SS, "
                + "optionally followed by Z or +HH:MM", from: start)
    }

    /// Consumes `HH:MM[:SS][Z|(+|-)HH:MM]`; false when malformed or out of range.
    private mutating func lexTimeOfDay() -> Bool {
        guard let hour = twoDigits(), hour < 24, consume(":"), let minute = twoDigits(), minute < 60 else {
            return false
        }
        if consume(":") {
            guard let second = twoDigits(), second < 60 else { return false }
        }
        if consume("Z") {
            // UTC.
        } else if byte(at: position) == UInt8(ascii: "+") || byte(at: position) == UInt8(ascii: "-") {
            position += 1
            guard let zoneHour = twoDigits(), zoneHour <= 14, consume(":"), let zoneMinute = twoDigits(),
                zoneMinute < 60
            else { return false }
        }
        return !isIdentifierContinue(at: position) && byte(at: position) != UInt8(ascii: ":")
    }

    private mutating func skipDateTimeRun() {
        while let byte = byte(at: position),
            isDigit(at: position) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: "+") || isLetter(at: position)
        {
            position += 1
        }
    }

    private mutating func twoDigits() -> Int? {
        guard let value = number(from: position, count: 2) else { return nil }
        position += 2
        return value
    }

    private func number(from start: Int, count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            guard isDigit(at: index), let byte = byte(at: index) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: - Helpers

    private func byte(at index: Int) -> UInt8? {
        index >= 0 && index < bytes.count ? bytes[index] : nil
    }

    private mutating func consume(_ ascii: Unicode.Scalar) -> Bool {
        guard byte(at: position) == UInt8(ascii: ascii) else { return false }
        position += 1
        return true
    }

    private func isDigit(at index: Int) -> Bool {
        guard let byte = byte(at: index) else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func isLetter(at index: Int) -> Bool {
        guard let byte = byte(at: index) else { return false }
        return (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f"))
    }

    private mutating func skipDigits() {
        while isDigit(at: position) { position += 1 }
    }

    private func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return scalar == "_" || (scalar.value | 0x20 >= 0x61 && scalar.value | 0x20 <= 0x7A)
        }
        return scalar.properties.isAlphabetic
    }

    private func isIdentifierContinue(_ scalar: Unicode.Scalar) -> Bool {
        if isIdentifierStart(scalar) { return true }
        if scalar.isASCII { return scalar.value >= 0x30 && scalar.value <= 0x39 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    private func isIdentifierContinue(at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        return isIdentifierContinue(decodeScalar(at: index).scalar)
    }

    private mutating func skipIdentifierContinue() {
        while position < bytes.count {
            let (scalar, length) = decodeScalar(at: position)
            guard isIdentifierContinue(scalar) else { return }
            position += length
        }
    }

    /// Decodes the scalar starting at `index`; the bytes come from a `String`, so are valid UTF-8,
    /// but a truncated or stray byte still decodes (as U+FFFD) rather than trapping.
    private func decodeScalar(at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        guard let lead = byte(at: index) else { return ("\u{FFFD}", 1) }
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard length > 1, index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    private func text(from start: Int) -> String {
        String(decoding: bytes[start..<max(start, position)], as: UTF8.self)
    }

    private mutating func token(_ kind: TokenKind, from start: Int) -> Token {
        Token(
            kind: kind, text: text(from: start), range: converter.range(start, position, lineHint: &lineHint))
    }

    private mutating func invalid(_ id: DiagnosticID, _ message: String, from start: Int) -> Token {
        report(id, message, start: start, end: position)
        return token(.invalid, from: start)
    }

    private mutating func report(
        _ id: DiagnosticID, _ message: String, start: Int, end: Int, notes: [String] = []
    ) {
        diagnostics.append(
            Diagnostic(id, message, at: converter.range(start, end, lineHint: &lineHint), notes: notes))
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0-9.
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
