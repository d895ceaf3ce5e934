/// The records an `update` or `delete` touches: one by id, or all that match a condition.
public enum RecordTarget: Sendable, Equatable, CustomStringConvertible {
    /// A single record, `update promise 3`.
    case id(IntegerArgument)
    /// Every match, `update promises where overdue`.
    case filter(Expression)

    /// The id, or `(where ...)`.
    public var description: String {
        switch self {
        case .id(let id): return id.description
        case .filter(let filter): return "(where \(filter))"
        }
    }
}
