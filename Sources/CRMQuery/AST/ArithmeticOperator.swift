/// An arithmetic operator: `+ - * /`. `*` and `/` bind tighter than `+` and `-`; all four
/// group from the left (`a - b - c` is `(a - b) - c`).
public enum ArithmeticOperator: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `+`.
    case add = "+"
    /// `-`.
    case subtract = "-"
    /// `*`.
    case multiply = "*"
    /// `/`.
    case divide = "/"

    /// The symbol.
    public var description: String { rawValue }
}
