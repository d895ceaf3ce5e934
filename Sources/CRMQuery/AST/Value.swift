/// An operand or field value: a literal, a bare word, a parameter, a time, a list or an object,
/// or a computation over them (`due + 2bd`, `amount * 0.005 * days(late_by)`).
public struct Value: Sendable, Equatable, CustomStringConvertible {
    /// What kind of value this is.
    public enum Kind: Sendable, Equatable {
        /// An integer, with its literal text (`42`, `-7`).
        case integer(String)
        /// A decimal, with its exact literal text (`1200.50`): the engine converts it exactly.
        case decimal(String)
        /// A string literal, escapes already decoded.
        case string(String)
        /// `true` or `false`.
        case boolean(Bool)
        /// `null`.
        case null
        /// A bare word or dotted path: a field, or an enum value or tag (`vip`).
        case path(Path)
        /// `$name` or `$1`.
        case parameter(Parameter)
        /// A time point or range.
        case time(TimeLiteral)
        /// `[a, b]`, for tags.
        case list([Value])
        /// `{key: value, ...}`, for `attrs`.
        case object([Field])
        /// A length of time without a sign, such as `2bd` in `due + 2bd`.
        case interval(RelativeOffset)
        /// `left OP right`.
        indirect case arithmetic(ArithmeticOperator, Value, Value)
        /// `-value`.
        indirect case negation(Value)
        /// `name(arguments)`.
        case call(FunctionCall)
    }

    /// What kind of value this is.
    public var kind: Kind
    /// Where the value is.
    public var range: SourceRange

    /// The value in dump form: strings quoted and escaped, lists in `[...]`, objects in `{...}`.
    public var description: String {
        switch kind {
        case .integer(let text), .decimal(let text): return text
        case .string(let text): return Value.quoted(text)
        case .boolean(let value): return value ? "true" : "false"
        case .null: return "null"
        case .path(let path): return path.description
        case .parameter(let parameter): return parameter.description
        case .time(let time): return time.description
        case .list(let values): return "[" + values.map(\.description).joined(separator: " ") + "]"
        case .object(let fields): return "{" + fields.map(\.description).joined(separator: " ") + "}"
        case .interval(let offset): return "\(offset.amount)\(offset.unit.rawValue)"
        case .arithmetic(let op, let left, let right): return "(\(op) \(left) \(right))"
        case .negation(let operand): return "(- \(operand))"
        case .call(let call): return call.description
        }
    }

    /// Whether the value is computed: arithmetic, a function call, or a length of time (which
    /// only means something added to a time or compared with a duration).
    public var isComputed: Bool {
        switch kind {
        case .interval, .arithmetic, .negation, .call: return true
        default: return false
        }
    }

    /// `text` in double quotes with `"`, `\`, newline, tab and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}
