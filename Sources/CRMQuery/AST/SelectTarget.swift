/// What a `select` item or an `order by` key refers to: a path or an aggregate call.
public enum SelectTarget: Sendable, Equatable, CustomStringConvertible {
    /// A field or related field, such as `customer.name`.
    case path(Path)
    /// An aggregate such as `avg(score)`; `argument` is `nil` for `count()` and `count(*)`.
    case aggregate(AggregateFunction, argument: Path?, range: SourceRange)
    /// A computed value such as `amount * 0.005 * days(late_by)`.
    case expression(Value)

    /// Where the target is.
    public var range: SourceRange {
        switch self {
        case .path(let path): return path.range
        case .aggregate(_, _, let range): return range
        case .expression(let value): return value.range
        }
    }

    /// `customer.name`, `(avg score)`, `(count)` or `(* amount 0.005)`.
    public var description: String {
        switch self {
        case .path(let path): return path.description
        case .aggregate(let function, let argument, _):
            return "(" + function.rawValue + (argument.map { " \($0)" } ?? "") + ")"
        case .expression(let value): return value.description
        }
    }
}
