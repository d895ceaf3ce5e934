/// The kind of a token, with its decoded payload where it has one.
public enum TokenKind: Sendable, Hashable, CustomStringConvertible {
    /// A keyword such as `where` (any case).
    case keyword(Keyword)
    /// A bare word that is not a keyword: a field, relation, entity, enum value or tag.
    case identifier(String)
    /// A double-quoted string, escapes decoded.
    case string(String)
    /// An integer, its text kept exactly (`42`, `-7`).
    case integer(String)
    /// A decimal, its text kept exactly (`1200.50`).
    case decimal(String)
    /// A date, `2026-12-01`.
    case date(String)
    /// A date and time, `2026-12-01T17:00:00+08:00`.
    case dateTime(String)
    /// A relative offset, `+24h`.
    case offset(RelativeOffset)
    /// A length of time without a sign, `2bd` (in `due + 2bd`); its offset is never negative.
    case interval(RelativeOffset)
    /// `$name` or `$1`.
    case parameter(Parameter)
    /// `{`.
    case leftBrace
    /// `}`.
    case rightBrace
    /// `(`.
    case leftParen
    /// `)`.
    case rightParen
    /// `[`.
    case leftBracket
    /// `]`.
    case rightBracket
    /// `,`.
    case comma
    /// `:`.
    case colon
    /// `;`.
    case semicolon
    /// `.`.
    case dot
    /// `*`: multiplication, and `count(*)`.
    case star
    /// `+`, when not the sign of a number or offset.
    case plus
    /// `-`, when not the sign of a number or offset.
    case minus
    /// `/`.
    case slash
    /// `=`.
    case equal
    /// `!=`.
    case notEqual
    /// `<`.
    case less
    /// `<=`.
    case lessEqual
    /// `>`.
    case greater
    /// `>=`.
    case greaterEqual
    /// A line break: ends a statement that is complete.
    case newline
    /// Text that is not a token; the lexer has already reported a diagnostic for it.
    case invalid
    /// The end of the input.
    case endOfFile

    /// A short name for messages: `'where'`, `identifier 'vip'`, `end of input`.
    public var description: String {
        switch self {
        case .keyword(let keyword): return "'\(keyword)'"
        case .identifier(let name): return "'\(name)'"
        case .string: return "a string"
        case .integer(let text), .decimal(let text): return "number \(text)"
        case .date(let text), .dateTime(let text): return "date \(text)"
        case .offset(let offset): return "offset \(offset)"
        case .interval(let offset): return "length of time \(offset.amount)\(offset.unit.rawValue)"
        case .parameter(let parameter): return "parameter \(parameter)"
        case .newline: return "end of line"
        case .invalid: return "invalid text"
        case .endOfFile: return "end of input"
        default: return "'\(punctuation ?? "")'"
        }
    }

    /// The spelling of punctuation and operator tokens; `nil` for the others.
    public var punctuation: String? {
        switch self {
        case .leftBrace: return "{"
        case .rightBrace: return "}"
        case .leftParen: return "("
        case .rightParen: return ")"
        case .leftBracket: return "["
        case .rightBracket: return "]"
        case .comma: return ","
        case .colon: return ":"
        case .semicolon: return ";"
        case .dot: return "."
        case .star: return "*"
        case .plus: return "+"
        case .minus: return "-"
        case .slash: return "/"
        case .equal: return "="
        case .notEqual: return "!="
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        default: return nil
        }
    }

    /// The comparison this token stands for, if it is one.
    public var comparison: ComparisonOperator? {
        switch self {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterOrEqual
        default: return nil
        }
    }
}
