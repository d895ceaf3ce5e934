import CRMQuery
import Foundation
import Testing

/// The grammar text with `/* ... */` comments removed.
private func grammarRules() throws -> String {
    let root = try #require(packageRoot(), "package root not found above \(#filePath)")
    let text = try String(contentsOf: root.appendingPathComponent("Grammar/crm.ebnf"), encoding: .utf8)
    var output = ""
    var rest = Substring(text)
    while let open = rest.range(of: "/*") {
        output += rest[..<open.lowerBound]
        guard let close = rest[open.upperBound...].range(of: "*/") else { break }
        rest = rest[close.upperBound...]
    }
    return output + rest
}

/// Every match of the first capture group of `pattern` in `text`.
private func captures(_ pattern: String, in text: String) throws -> [String] {
    let regex = try NSRegularExpression(pattern: pattern)
    let range = NSRange(text.startIndex..., in: text)
    return regex.matches(in: text, range: range).compactMap { match in
        Range(match.range(at: 1), in: text).map { String(text[$0]) }
    }
}

@Test func everyLexerKeywordIsInTheGrammarAndViceVersa() throws {
    let rules = try grammarRules()
    let quoted = Set(try captures("'([A-Za-z_]+)'", in: rules))
    let keywords = Set(Lexer.keywords)
    #expect(keywords.subtracting(quoted).sorted() == [], "keywords missing from Grammar/crm.ebnf")
    #expect(quoted.subtracting(keywords).sorted() == [], "quoted words in the grammar that are not keywords")
    #expect(quoted.count > 40)
}

@Test func everyRuleReferencedIsDefined() throws {
    let rules = try grammarRules()
    let defined = Set(try captures("(?m)^([A-Za-z][A-Za-z-]*)\\s*::=", in: rules))
    let withoutLiterals = try NSRegularExpression(pattern: "'[^']*'|\"[^\"]*\"|\\[[^\\]]*\\]|#x[0-9A-Fa-f]+")
        .stringByReplacingMatches(
            in: rules, range: NSRange(rules.startIndex..., in: rules), withTemplate: " ")
    let referenced = Set(try captures("([a-z][a-z-]*[a-z])", in: withoutLiterals))
    #expect(referenced.subtracting(defined).sorted() == [])
    #expect(defined.isSuperset(of: ["script", "statement", "find", "expression", "condition", "time-range"]))
}

@Test func softKeywordsInTheGrammarMatchTheLexer() throws {
    let rules = try grammarRules()
    let line = try #require(rules.range(of: "soft-keyword    ::=").map { rules[$0.upperBound...] })
    let body = line.prefix { $0 != ":" }.split(separator: "\n").prefix(2).joined(separator: " ")
    let words = Set(try captures("'([a-z]+)'", in: body))
    #expect(words == Set(Keyword.soft.map(\.rawValue)))
}
