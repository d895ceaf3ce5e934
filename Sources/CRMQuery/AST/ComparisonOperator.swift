/// A comparison: `= != < <= > >=`.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `=`.
    case equal = "="
    /// `!=`.
    case notEqual = "!="
    /// `<`.
    case less = "<"
    /// `<=`.
    case lessOrEqual = "<="
    /// `>`.
    case greater = ">"
    /// `>=`.
    case greaterOrEqual = ">="

    /// The operator as written.
    public var description: String { rawValue }
}
