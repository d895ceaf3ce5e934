import CRMQuery
import TestSupport
import Testing

/// Fragments random scripts are built from: every kind of token, good and bad.
private let fragments: [String] =
    Lexer.keywords + [
        "customer", "customers", "interactions", "promise", "tier", "vip", "customer.tier", "attrs.region",
        "客户", "名字", "avg", "min", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "*", "=", "!=", "<", "<=",
        ">",
        ">=", "42", "-7", "1200.50", "\"text\"", "\"中文\"", "\"bad \\q\"", "\"open", "2026-12-01",
        "2026-12-01T17:00", "2026-13-01", "+24h", "-30d", "+5bd", "+5", "$name", "$1", "$", "#", "!", "\n",
        "\n\n",
        "-- comment\n", "\u{0}", "\u{FFFD}", "😀", "\t",
    ]

private let seeds: [String] = [
    #"insert customer {name: "Acme Ltd", tier: vip, city: "Xi'an", tags: [steel, north]}"#,
    "get customer 1 with interactions(order by at desc limit 5), promises(where status = pending)",
    "find promises where overdue and customer.tier in (key, vip) order by due",
    "find customers where none(interactions where at in last 90 days)",
    "find interactions where kind = survey group by customer select customer.name, avg(score), count()",
    #"update promises where overdue and owner = "li.wei" set owner = "wang.fang""#,
    "delete customer 1 cascade -- comment",
    "begin\nupdate promise 3 set status = broken\ncommit",
    "explain find promises where count(promises where due < 2026-12-01T17:00:00+08:00) >= $n",
    "find customers where\n  tier = vip and\n  (city = \"客户\" or name starts with \"A\")",
]

/// Checks the invariants every parse must keep and returns whether the input was valid.
@discardableResult
private func checkInvariants(_ source: String) -> Bool {
    let result = Parser.parse(source)
    let length = source.utf8.count
    for diagnostic in result.diagnostics {
        let range = diagnostic.range
        guard range.start.offset >= 0, range.start.offset <= range.end.offset, range.end.offset <= length,
            range.start.line >= 1, range.start.column >= 1, !diagnostic.message.isEmpty
        else {
            Issue.record("bad diagnostic \(diagnostic) for \(source.debugDescription)")
            return false
        }
    }
    if result.diagnostics.isEmpty {
        // Nothing may be silently dropped: every significant token lies inside a statement.
        let tokens = Lexer.tokenize(source).tokens.filter {
            ![.newline, .semicolon, .endOfFile].contains($0.kind)
        }
        let ranges = result.script.statements.map(\.range.byteRange)
        for token in tokens where !ranges.contains(where: { $0.contains(token.range.start.offset) }) {
            Issue.record("token \(token) outside every statement in \(source.debugDescription)")
            return false
        }
    }
    _ = completeness(of: source)
    return result.diagnostics.isEmpty
}

@Test func randomTokenSequencesNeverCrashAndAlwaysExplainThemselves() {
    var rng = SplitMix64(seed: 0xC0FFEE)
    var invalid = 0
    for _ in 0..<20_000 {
        let count = Int.random(in: 1...14, using: &rng)
        var source = ""
        for _ in 0..<count {
            source += fragments[Int.random(in: 0..<fragments.count, using: &rng)]
            if Bool.random(using: &rng) { source += " " }
        }
        if !checkInvariants(source) { invalid += 1 }
    }
    #expect(invalid > 10_000)
}

@Test func randomMutationsOfValidStatementsNeverCrash() {
    var rng = SplitMix64(seed: 42)
    let alphabet = Array("abz019 ()[]{},:;.=<>!\"\\$+-*#\n\t客é\u{0}\u{FFFD}")
    var invalid = 0
    for _ in 0..<20_000 {
        var characters = Array(seeds[Int.random(in: 0..<seeds.count, using: &rng)])
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            guard !characters.isEmpty else { break }
            let position = Int.random(in: 0..<characters.count, using: &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0:
                characters.remove(at: position)
            case 1:
                characters.insert(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)], at: position)
            default:
                let other = Int.random(in: 0..<characters.count, using: &rng)
                characters.swapAt(position, other)
            }
        }
        if !checkInvariants(String(characters)) { invalid += 1 }
    }
    #expect(invalid > 5_000)
}

@Test func randomBytesNeverCrash() {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<3_000 {
        let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
            UInt8.random(in: 0...255, using: &rng)
        }
        let result = Parser.parse(bytes: bytes)
        let length = result.source.utf8.count
        #expect(result.diagnostics.allSatisfy { $0.range.end.offset <= length })
        if bytes.contains(0) { #expect(result.diagnostics.contains { $0.id == .nulCharacter }) }
    }
}

@Test func pathologicalInputsTerminateWithoutExhaustingTheStack() throws {
    let nested = String(repeating: "(", count: 60) + "a = 1" + String(repeating: ")", count: 60)
    #expect(Parser.parse("find customers where " + nested).diagnostics.isEmpty)
    let deep = String(repeating: "(", count: 5_000) + "a = 1" + String(repeating: ")", count: 5_000)
    #expect(Parser.parse("find customers where " + deep).diagnostics.map(\.id) == [.statementTooComplex])
    #expect(
        Parser.parse("find customers where " + String(repeating: "not ", count: 5_000) + "a").diagnostics.map(
            \.id)
            == [.statementTooComplex])
    let anys = String(repeating: "any(x where ", count: 3_000) + "a" + String(repeating: ")", count: 3_000)
    #expect(Parser.parse("find customers where " + anys).diagnostics.map(\.id) == [.statementTooComplex])
    let lists = "insert customer " + String(repeating: "{a: ", count: 5_000)
    #expect(Parser.parse(lists).diagnostics.map(\.id).contains(.statementTooComplex))
    #expect(!Parser.parse(String(repeating: ")", count: 5_000)).diagnostics.isEmpty)
    let long = "find customers where " + Array(repeating: "a = 1", count: 900).joined(separator: " and ")
    #expect(Parser.parse(long).script.statements.count == 1)
    let tooLong = "find customers where " + Array(repeating: "a = 1", count: 5_000).joined(separator: " or ")
    let diagnostic = try #require(Parser.parse(tooLong + "\nget customer 1").diagnostics.first)
    #expect(diagnostic.id == .statementTooComplex)
    #expect(Parser.parse(tooLong + "\nget customer 1").script.statements.count == 1)
}
