/// The three kinds of record a statement can name.
///
/// Written singular or plural in any case: `customer`, `Customers`, `PROMISE`.
public enum Entity: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A customer record.
    case customer
    /// An interaction (call, visit, complaint, ...) with a customer.
    case interaction
    /// A promise made to or by a customer.
    case promise
    /// A working calendar: working days and hours in a zone.
    case calendar
    /// Days off (or make-up working days) of a calendar.
    case holiday
    /// A service-level policy that makes promises when interactions come in.
    case policy
    /// A saved statement, run by name.
    case view

    /// Recognizes a singular or plural name, ignoring case; `nil` for anything else.
    public init?(name: String) {
        let lowered = name.lowercased()
        for entity in Entity.allCases where lowered == entity.rawValue || lowered == entity.plural {
            self = entity
            return
        }
        return nil
    }

    /// The entity's position in `allCases` (0 for customers), without searching it: tables
    /// of what is known per entity are arrays indexed by it.
    public var ordinal: Int {
        switch self {
        case .customer: 0
        case .interaction: 1
        case .promise: 2
        case .calendar: 3
        case .holiday: 4
        case .policy: 5
        case .view: 6
        }
    }

    /// The singular name, such as `customer`.
    public var singular: String { rawValue }

    /// The plural name, such as `customers`.
    public var plural: String { self == .policy ? "policies" : rawValue + "s" }

    /// Every accepted spelling in lower case, singular first: for did-you-mean suggestions.
    public static let spellings: [String] = allCases.flatMap { [$0.singular, $0.plural] }

    /// The singular name.
    public var description: String { rawValue }
}
