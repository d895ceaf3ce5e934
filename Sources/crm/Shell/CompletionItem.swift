import CRMQuery

/// One unit of a statement being typed, for completion: a token, or a dotted path
/// (`customer.tier`) made of several.
struct CompletionItem {
    /// The token (the first, for a path).
    let token: Token
    /// The path's text, for a name or dotted path; nil for keywords, punctuation and values.
    let path: String?

    /// The keyword, if the item is one.
    var keyword: Keyword? { path == nil ? token.keyword : nil }

    /// Whether the item is `punctuation`.
    func isPunctuation(_ kind: TokenKind) -> Bool { token.kind == kind }

    /// Whether the item opens a bracket.
    var opens: Bool {
        token.kind == .leftParen || token.kind == .leftBrace || token.kind == .leftBracket
    }

    /// Whether the item closes a bracket.
    var closes: Bool {
        token.kind == .rightParen || token.kind == .rightBrace || token.kind == .rightBracket
    }

    /// Whether the item is a comparison operator.
    var isOperator: Bool { token.kind.comparison != nil }

    /// Whether the item is an integer.
    var isNumber: Bool {
        if case .integer = token.kind { return true }
        return false
    }

    /// The items of `tokens`: line breaks dropped, names joined with their `.field` parts,
    /// and the soft keyword `by` a name (the interaction field) unless it follows `order` or
    /// `group`.
    static func items(of tokens: [Token]) -> [CompletionItem] {
        var items: [CompletionItem] = []
        var index = 0
        let significant = tokens.filter { $0.kind != .newline && $0.kind != .endOfFile }
        while index < significant.count {
            let token = significant[index]
            guard var path = name(token, after: items.last) else {
                items.append(CompletionItem(token: token, path: nil))
                index += 1
                continue
            }
            index += 1
            while index + 1 < significant.count, significant[index].kind == .dot {
                path += "." + significant[index + 1].text
                index += 2
            }
            items.append(CompletionItem(token: token, path: path))
        }
        return items
    }

    /// The name `token` stands for where a name may come: identifiers, and `by` when it is
    /// not part of `order by` or `group by`.
    private static func name(_ token: Token, after previous: CompletionItem?) -> String? {
        switch token.kind {
        case .identifier(let name): return name
        case .keyword(.by):
            let keyword = previous?.keyword
            return keyword == .order || keyword == .group ? nil : token.text
        default: return nil
        }
    }
}
