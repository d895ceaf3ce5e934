import CRMQuery
import Testing

/// Invalid statements: the first diagnostic's id and its range, marked in the source as `⟨...⟩`
/// (`⟨⟩` marks a point, such as just after the last token when the input ends too early).
private let invalidStatements: [(marked: String, id: DiagnosticID)] = [
    ("⟨fnd⟩ customers", .unknownKeyword),
    ("⟨)⟩", .expectedStatement),
    ("⟨frobnicate⟩ customers", .expectedStatement),
    ("find ⟨custmer⟩ where x = 1", .unknownEntity),
    ("find ⟨where⟩ x = 1", .expectedEntity),
    ("find customers ⟨wher⟩ x = 1", .unknownKeyword),
    ("find customers where x =⟨⟩", .expectedValue),
    ("find customers where ⟨)⟩", .expectedExpression),
    ("find customers where⟨⟩", .expectedExpression),
    ("find customers where tier = vip and⟨⟩", .expectedExpression),
    ("find customers where (a = 1⟨⟩", .expectedToken),
    ("find customers where x in (1, ⟨)⟩", .expectedValue),
    ("find customers where name starts ⟨\"A\"⟩", .expectedKeyword),
    ("find customers where email is ⟨empty⟩", .expectedKeyword),
    ("find customers where x not ⟨like⟩ 3", .expectedKeyword),
    ("find customers order ⟨name⟩", .expectedKeyword),
    ("find customers order by⟨⟩", .expectedFieldName),
    ("find customers select name,⟨⟩", .expectedFieldName),
    ("find customers where a = 1 ⟨where⟩ b = 2", .duplicateClause),
    ("find customers limit 1 ⟨limit⟩ 2", .duplicateClause),
    ("find customers limit ⟨-1⟩", .expectedInteger),
    ("find customers limit ⟨ten⟩", .expectedInteger),
    ("find customers where last ⟨fortnight⟩ = 1", .expectedTimeUnit),
    ("find customers where at in last 3 ⟨years⟩", .expectedTimeUnit),
    ("find promises where count(promises) ⟨3⟩", .expectedOperator),
    ("find promises where any ⟨promises⟩", .expectedToken),
    ("find promises where any(promises ⟨status⟩ = kept)", .expectedToken),
    ("get customer ⟨x⟩", .expectedInteger),
    ("get customer ⟨99999999999999999999⟩", .numberOutOfRange),
    ("get customer 1 ⟨42⟩", .unexpectedToken),
    ("get customer 1 with interactions(⟨limt⟩ 5)", .unknownKeyword),
    ("history promise⟨⟩", .expectedInteger),
    ("update promise 3 ⟨sett⟩ status = kept", .unknownKeyword),
    ("update promise 3 ⟨status⟩ = kept", .expectedKeyword),
    ("update promise ⟨status⟩ = kept", .expectedInteger),
    ("update promise 3 set status ⟨kept⟩", .expectedToken),
    ("delete customer 1 ⟨cascde⟩", .unknownKeyword),
    ("insert customer ⟨name⟩", .expectedToken),
    ("insert customer {⟨5⟩: 1}", .expectedFieldName),
    ("insert customer {name ⟨\"x\"⟩}", .expectedToken),
    ("insert customer {name: \"x\" ⟨tier⟩: vip}", .expectedToken),
    ("insert customer {name: ⟨\"⟩Acme", .unterminatedString),
    ("insert customer {name: \"a⟨\\q⟩\"}", .invalidEscape),
    ("insert customer {name: \"a⟨\\u{110000}⟩\"}", .invalidEscape),
    ("insert customer {name: \"a⟨\\u⟩00e9\"}", .invalidEscape),
    ("explain ⟨begin⟩", .invalidExplain),
    ("explain ⟨explain⟩ find customers", .invalidExplain),
    ("find customers where x = ⟨2026-13-01⟩", .invalidDate),
    ("find customers where x = ⟨2026-02-30⟩", .invalidDate),
    ("find customers where x = ⟨2026-12-01T25:00⟩", .invalidDate),
    ("find customers where x = ⟨2026-1-5⟩", .invalidDate),
    ("find customers where x = ⟨+⟩5", .expectedValue),
    ("find customers where x = ⟨+5q⟩", .invalidOffset),
    ("find customers where x = ⟨5q⟩", .invalidNumber),
    ("find customers where x = 1 +⟨⟩", .expectedValue),
    ("find customers where x = (1 + 2⟨⟩", .expectedToken),
    ("find customers where x = 2 * ⟨*⟩ 3", .expectedValue),
    ("find customers where x = days(late_by⟨⟩", .expectedToken),
    ("find customers where x = days(late_by ⟨y⟩)", .expectedToken),
    ("find customers select sum(amount) ⟨*⟩ 2", .unexpectedToken),
    ("find customers where x = ⟨12abc⟩", .invalidNumber),
    ("find customers where x = ⟨$⟩", .invalidParameter),
    ("find customers where x = ⟨$0⟩", .invalidParameter),
    ("find customers where ⟨#⟩", .invalidCharacter),
    ("find customers where a ⟨!⟩ b", .invalidCharacter),
    ("find customers where 客户 = ⟨@⟩", .invalidCharacter),
    ("find customers where x = ⟨\u{0}⟩", .nulCharacter),
    ("find customers where x = ⟨\u{FFFD}⟩", .invalidUTF8),
    ("find customers where\n  tier =⟨⟩\nget customer 1", .expectedValue),
    // A line that starts with a clause keyword continues the statement before it (so
    // `find customers` then `where tier = vip` is one statement); where the clause does not
    // fit that statement, the error points at it.
    ("get customer 1\n⟨where⟩ tier = vip", .unexpectedToken),
    ("insert customer {name: \"A\"}\n⟨select⟩ name", .unexpectedToken),
]

@Test(arguments: invalidStatements)
func invalidStatementDiagnostics(marked: String, id: DiagnosticID) throws {
    let source = MarkedSource(marked)
    let result = Parser.parse(source.text)
    let first = try #require(result.diagnostics.first, "no diagnostic for \(source)")
    #expect(first.id == id, "\(first)")
    #expect(first.range.start.offset == source.start, "\(first)")
    #expect(first.range.end.offset == source.end, "\(first)")
    #expect(first.range.start.line == source.line)
    #expect(first.range.start.column == source.column)
    #expect(!first.message.isEmpty)
    #expect(completeness(of: source.text) != .complete)
}

@Test(arguments: [
    ("fnd customers", "find"),
    ("find custmers", "customers"),
    ("find customers wher x = 1", "where"),
    ("find customers where a = 1 ordr by a", "order"),
    ("get customer 1 wth promises", "with"),
    ("update promise 3 st status = kept", "set"),
])
func didYouMeanSuggestions(source: String, suggestion: String) throws {
    let diagnostic = try #require(Parser.parse(source).diagnostics.first)
    #expect(diagnostic.suggestion == suggestion)
    #expect(diagnostic.fullMessage.hasSuffix("(did you mean '\(suggestion)'?)"))
}

@Test func valueMessageSaysWhatWouldBeRight() throws {
    let diagnostic = try #require(Parser.parse("find customers where tier = ,").diagnostics.first)
    #expect(
        diagnostic.message
            == "expected a value after '=' (a number, a quoted string, a date or a bare word), found ','")
}

@Test func recoveryReportsEveryBadStatementAndKeepsTheGoodOnes() {
    let source = """
        find customers where tier = vip
        fnd customers
        get customer 1
        find custmers where x = 1
        count promises where overdue
        update promise 3 set
        delete interaction 9
        """
    let result = Parser.parse(source)
    #expect(result.diagnostics.map(\.id) == [.unknownKeyword, .unknownEntity, .expectedFieldName])
    #expect(result.diagnostics.map(\.range.start.line) == [2, 4, 6])
    #expect(
        result.script.statements.map(\.dump) == [
            "(find customer (where (= tier vip)))", "(get customer 1)", "(count promise (where overdue))",
            "(delete interaction 9)",
        ])
}

@Test func recoveryInsideAnUnclosedBracketResumesAtTheNextStatementLine() {
    let source = "insert customer {name: \"A\", tier: \nfind customers where (a = 1\nget customer 2"
    let result = Parser.parse(source)
    #expect(result.diagnostics.count == 2)
    #expect(result.script.statements.map(\.dump) == ["(get customer 2)"])
}

@Test func lexerErrorsAreNotReportedTwice() {
    let result = Parser.parse("find customers where x = #")
    #expect(result.diagnostics.map(\.id) == [.invalidCharacter])
}

@Test func diagnosticCatalogIsSortedAndUnique() {
    let ids = DiagnosticID.allCases.map(\.rawValue)
    #expect(ids == ids.sorted())
    #expect(Set(ids).count == ids.count)
    #expect(ids.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "-" || $0.isNumber } })
}

/// SQL habits: a statement written the SQL way gets the same statement in this language as
/// its suggestion.
@Test(arguments: [
    ("select * from customers", "find customers"),
    (
        "SELECT name, city FROM customers WHERE tier = vip ORDER BY name",
        "find customers WHERE tier = vip ORDER BY name select name, city"
    ),
    ("select count(*) from interactions group by kind", "find interactions group by kind select count(*)"),
    ("select id from promise\nwhere overdue", "find promises where overdue select id"),
    ("delete from promises where status = cancelled", "delete promises where status = cancelled"),
    ("DELETE FROM promises", "delete promises"),
    ("insert into customer (name) values (\"A\")", "insert customer {name: \"...\"}"),
])
func sqlWrittenStatementsSuggestTheirTranslation(source: String, suggestion: String) throws {
    let diagnostic = try #require(Parser.parse(source).diagnostics.first)
    #expect(diagnostic.id == .expectedStatement)
    #expect(diagnostic.suggestion == suggestion)
    #expect(diagnostic.range.start.offset == 0)
}

/// Words compared as the language compares them: in any case, and by Unicode's rules for
/// a name that is not ASCII (the Kelvin sign lowercases to k).
@Test(
    arguments: [
        ("attrs", "attrs", true), ("ATTRS", "attrs", true), ("Attrs", "attrs", true),
        ("attr", "attrs", false),
        ("attrss", "attrs", false), ("", "attrs", false), ("ätrs", "attrs", false), ("a\u{212A}", "ak", true),
    ] as [(String, StaticString, Bool)])
func identifiersCompareInAnyCase(name: String, word: StaticString, same: Bool) {
    #expect(Identifier.same(name, word) == same, "\(name)")
    #expect(Identifier.same(name, word) == (name.lowercased() == "\(word)"), "the same as lowercased() ==")
}

@Test func selectWithoutFromSaysWhereSelectGoes() throws {
    let diagnostic = try #require(Parser.parse("select name").diagnostics.first)
    #expect(diagnostic.id == .expectedStatement)
    #expect(diagnostic.suggestion == nil)
    #expect(diagnostic.message.contains("find ENTITY"))
}
