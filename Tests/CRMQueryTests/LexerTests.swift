import CRMQuery
import TestSupport
import Testing

/// The token kinds of `source`, without the final end-of-file token.
private func kinds(_ source: String) -> [TokenKind] {
    Lexer.tokenize(source).tokens.map(\.kind).filter { $0 != .endOfFile }
}

private let lexerCases: [(source: String, kinds: [TokenKind])] = [
    ("find FIND Find", [.keyword(.find), .keyword(.find), .keyword(.find)]),
    ("customer.tier", [.identifier("customer"), .dot, .identifier("tier")]),
    (
        "attrs.region _x a1",
        [.identifier("attrs"), .dot, .identifier("region"), .identifier("_x"), .identifier("a1")]
    ),
    (#""plain""#, [.string("plain")]),
    (#""a\"b\\c\nd\te\u{4E2D}""#, [.string("a\"b\\c\nd\te中")]),
    ("\"two\nlines\"", [.string("two\nlines")]),
    (
        "42 -7 1200.50 -0.5 007",
        [.integer("42"), .integer("-7"), .decimal("1200.50"), .decimal("-0.5"), .integer("007")]
    ),
    (
        "2026-12-01 2026-12-01T17:00 2026-12-01T17:00:00Z 2026-12-01T17:00:00+08:00 2024-02-29",
        [
            .date("2026-12-01"), .dateTime("2026-12-01T17:00"), .dateTime("2026-12-01T17:00:00Z"),
            .dateTime("2026-12-01T17:00:00+08:00"), .date("2024-02-29"),
        ]
    ),
    (
        "+24h -30d +2w -3mo +1y +90min +5bd",
        [
            .offset(RelativeOffset(isNegative: false, amount: 24, unit: .hours)),
            .offset(RelativeOffset(isNegative: true, amount: 30, unit: .days)),
            .offset(RelativeOffset(isNegative: false, amount: 2, unit: .weeks)),
            .offset(RelativeOffset(isNegative: true, amount: 3, unit: .months)),
            .offset(RelativeOffset(isNegative: false, amount: 1, unit: .years)),
            .offset(RelativeOffset(isNegative: false, amount: 90, unit: .minutes)),
            .offset(RelativeOffset(isNegative: false, amount: 5, unit: .businessDays)),
        ]
    ),
    ("$name $1 $客户", [.parameter(.named("name")), .parameter(.positional(1)), .parameter(.named("客户"))]),
    (
        "{ } ( ) [ ] , : ; . *",
        [
            .leftBrace, .rightBrace, .leftParen, .rightParen, .leftBracket, .rightBracket, .comma, .colon,
            .semicolon, .dot, .star,
        ]
    ),
    ("= != < <= > >=", [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual]),
    ("a<=b", [.identifier("a"), .lessEqual, .identifier("b")]),
    ("a -- comment ; \"x\nb", [.identifier("a"), .newline, .identifier("b")]),
    ("-- only a comment", []),
    ("a\r\n\nb", [.identifier("a"), .newline, .newline, .identifier("b")]),
    ("客户 \"北京市朝阳区\"", [.identifier("客户"), .string("北京市朝阳区")]),
    ("名字_1 café", [.identifier("名字_1"), .identifier("café")]),
    ("a\u{3000}b\u{00A0}c", [.identifier("a"), .identifier("b"), .identifier("c")]),
    (
        "now today Yesterday TOMORROW",
        [.keyword(.now), .keyword(.today), .keyword(.yesterday), .keyword(.tomorrow)]
    ),
    ("true false null", [.keyword(.true), .keyword(.false), .keyword(.null)]),
    ("# @ 😀", [.invalid, .invalid, .invalid]),
    ("a\u{0}b", [.identifier("a"), .invalid, .identifier("b")]),
    (
        "+5 5bd 12abc 2026-13-01 $",
        [
            .plus, .integer("5"),
            .interval(RelativeOffset(isNegative: false, amount: 5, unit: .businessDays)),
            .invalid, .invalid, .invalid,
        ]
    ),
    (
        "a+b - c*2/d -1 -2d 24bh",
        [
            .identifier("a"), .plus, .identifier("b"), .minus, .identifier("c"), .star, .integer("2"), .slash,
            .identifier("d"), .integer("-1"),
            .offset(RelativeOffset(isNegative: true, amount: 2, unit: .days)),
            .interval(RelativeOffset(isNegative: false, amount: 24, unit: .businessHours)),
        ]
    ),
    ("99999999999999999999d", [.invalid]),
]

@Test(arguments: lexerCases)
func tokenKinds(source: String, expected: [TokenKind]) {
    #expect(kinds(source) == expected)
}

@Test(arguments: [
    ("find customers", 0),
    ("\"a\\q\"", 1),
    ("\"open", 1),
    ("# @", 2),
    ("a\u{0}b", 1),
    ("\"nul\u{0}in string\"", 1),
])
func lexerDiagnosticCount(source: String, count: Int) {
    #expect(Lexer.tokenize(source).diagnostics.count == count)
}

@Test func keywordsAreCaseInsensitiveAndKeepTheirText() throws {
    let token = try #require(Lexer.tokenize("WHERE").tokens.first)
    #expect(token.kind == .keyword(.where))
    #expect(token.text == "WHERE")
    #expect(Lexer.keywords.contains("where"))
    #expect(Lexer.keywords == Lexer.keywords.sorted())
    #expect(!Lexer.keywords.contains("customer"))
}

@Test func positionsCountCharactersNotBytes() {
    let tokens = Lexer.tokenize("客户 x\n  \"é\" y").tokens
    let starts = tokens.map { ($0.range.start.line, $0.range.start.column, $0.range.start.offset) }
    #expect(starts[0] == (1, 1, 0) && starts[1] == (1, 4, 7))
    #expect(starts[2] == (1, 5, 8))  // the newline
    #expect(starts[3] == (2, 3, 11) && starts[4] == (2, 7, 16))
    #expect(tokens[3].range.end.column == 6)
}

@Test func invalidUTF8BytesAreDiagnosedNotFatal() throws {
    let bytes: [UInt8] =
        Array("find customers where name = ".utf8) + [0xFF, 0xC3] + Array(" and x = \"a".utf8)
        + [0xE2, 0x82] + Array("\"".utf8)
    var lexer = Lexer(bytes: bytes)
    let (tokens, diagnostics) = lexer.tokenizeAll()
    #expect(tokens.last?.kind == .endOfFile)
    #expect(diagnostics.map(\.id).filter { $0 == .invalidUTF8 }.count >= 2)
    let result = Parser.parse(bytes: bytes)
    #expect(!result.diagnostics.isEmpty)
    let length = result.source.utf8.count
    #expect(result.diagnostics.allSatisfy { $0.range.start.offset >= 0 && $0.range.end.offset <= length })
    let decoded = String(decoding: [0x66, 0x69, 0x6E, 0x64, 0x20, 0xC0, 0xAF], as: UTF8.self)
    #expect(Parser.parse(decoded).diagnostics.contains { $0.id == .invalidUTF8 })
}

@Test func nulBytesAreDiagnosed() {
    let result = Parser.parse("find customers\u{0} where x = \"a\u{0}\"")
    #expect(result.diagnostics.filter { $0.id == .nulCharacter }.count == 2)
}

@Test func unterminatedStringPointsAtTheOpeningQuote() throws {
    let diagnostic = try #require(Lexer.tokenize("x = \"abc\n def").diagnostics.first)
    #expect(diagnostic.id == .unterminatedString)
    #expect(diagnostic.range.start.column == 5 && diagnostic.range.end.column == 6)
}

@Suite("Source locations with a line hint")
struct SourceLocationHintTests {
    @Test func aHintNeverChangesTheAnswer() {
        let text = "find customers\n\nget customer 1 -- 西安\r\nupdate promise 3 set note = \"é\"\n\nx"
        let converter = SourceLocationConverter(text)
        var random = SplitMix64(seed: 3)
        for start in [0, 5, 40] {
            var hint = start
            for _ in 0..<400 {
                let offset = Int(random.next() % UInt64(text.utf8.count + 3)) - 1
                let hinted = converter.location(at: offset, lineHint: &hint)
                #expect(hinted == converter.location(at: offset), "offset \(offset), hint from \(start)")
            }
        }
        var hint = 0
        let inOrder = (0...text.utf8.count).map { converter.location(at: $0, lineHint: &hint) }
        #expect(inOrder == (0...text.utf8.count).map { converter.location(at: $0) })
    }
}
