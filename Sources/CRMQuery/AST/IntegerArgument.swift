/// An integer written literally or as a parameter: a record id, a `limit` or an `offset`.
public struct IntegerArgument: Sendable, Equatable, CustomStringConvertible {
    /// How the integer is given.
    public enum Kind: Sendable, Equatable {
        /// A literal such as `42`.
        case literal(Int)
        /// `$id` or `$1`, bound at run time.
        case parameter(Parameter)
    }

    /// How the integer is given.
    public var kind: Kind
    /// Where it is.
    public var range: SourceRange

    /// The number or the parameter as written.
    public var description: String {
        switch kind {
        case .literal(let value): return "\(value)"
        case .parameter(let parameter): return parameter.description
        }
    }
}
