/// `name(arguments)` in a value: `days(late_by)`, `working_days(made, due, "cn")`,
/// `round(amount * 0.005, 2)`. The parser keeps any name; the engine knows the functions.
public struct FunctionCall: Sendable, Equatable, CustomStringConvertible {
    /// The name as written.
    public var name: String
    /// Where the name is.
    public var nameRange: SourceRange
    /// The arguments, in order.
    public var arguments: [Value]

    /// A call of `name` at `nameRange` with `arguments`.
    public init(name: String, nameRange: SourceRange, arguments: [Value]) {
        self.name = name
        self.nameRange = nameRange
        self.arguments = arguments
    }

    /// `(days late_by)`.
    public var description: String {
        "(" + ([name] + arguments.map(\.description)).joined(separator: " ") + ")"
    }
}
