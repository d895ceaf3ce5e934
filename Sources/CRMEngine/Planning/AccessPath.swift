import CRMQuery
import CRMStore

/// How a statement finds its candidate records: by id, through one index (with a value and
/// perhaps a time span), or by reading the whole table.
enum AccessPath: Sendable {
    case ids([Int64])
    case table
    case customersByTier([CustomerTier])
    case customersByStatus([CustomerStatus])
    case customersByName(String)
    case customersByNamePrefix(String)
    case customersByEmail(String)
    case customersByPhone(String)
    case customersByOwner(String)
    case customersByCity(String)
    case customersByTag(String)
    case interactionsByCustomer(Int64, Range<Timestamp>?)
    case interactionsByKind([InteractionKind], Range<Timestamp>?)
    case interactionsByTime(Range<Timestamp>?)
    case promisesByCustomer(Int64, Range<Timestamp>?)
    case promisesByStatus([PromiseStatus], Range<Timestamp>?)
    case promisesByOwner(String, Range<Timestamp>?)
    case promisesByInteraction(Int64)

    /// Whether the path walks one index range whose order, after the equality part, is the
    /// record's time field (`at` or `due`), so that an `order by` on that field needs no sort.
    var timeOrderedField: FieldID? {
        switch self {
        case .interactionsByCustomer, .interactionsByTime: .at
        case .interactionsByKind(let kinds, _): kinds.count == 1 ? .at : nil
        case .promisesByCustomer, .promisesByOwner: .due
        case .promisesByStatus(let statuses, _): statuses.count == 1 ? .due : nil
        default: nil
        }
    }

    /// Whether the path yields records in id order (the table, or one value of an index whose
    /// entries tie-break by id).
    var idOrdered: Bool {
        switch self {
        case .table: true
        case .ids(let ids): ids == ids.sorted()
        case .customersByTier(let tiers): tiers.count == 1
        case .customersByStatus(let statuses): statuses.count == 1
        case .customersByEmail, .customersByPhone, .customersByOwner, .customersByCity, .customersByTag,
            .customersByName, .promisesByInteraction:
            true
        default: false
        }
    }

    /// The access path in words, for `explain`.
    func describe(format: (Timestamp) -> String) -> String {
        func span(_ range: Range<Timestamp>?, _ field: String) -> String {
            guard let range else { return "" }
            var parts: [String] = []
            if range.lowerBound.microseconds != .min {
                parts.append("\(field) >= \(format(range.lowerBound))")
            }
            if range.upperBound.microseconds != .max {
                parts.append("\(field) < \(format(range.upperBound))")
            }
            return parts.isEmpty ? "" : ", " + parts.joined(separator: ", ")
        }
        func names<E: RecordEnum>(_ values: [E]) -> String { values.map(\.name).joined(separator: ", ") }
        switch self {
        case .ids(let ids): return "primary key (id in \(ids.map(String.init).joined(separator: ", ")))"
        case .table: return "full table scan"
        case .customersByTier(let tiers): return "index customer.tier (tier in \(names(tiers)))"
        case .customersByStatus(let statuses): return "index customer.status (status in \(names(statuses)))"
        case .customersByName(let name): return "index customer.name (name = \"\(name)\")"
        case .customersByNamePrefix(let prefix): return "index customer.name (name starts with \"\(prefix)\")"
        case .customersByEmail(let email): return "index customer.email (email = \"\(email)\")"
        case .customersByPhone(let phone): return "index customer.phone (phone = \"\(phone)\")"
        case .customersByOwner(let owner): return "index customer.owner (owner = \"\(owner)\")"
        case .customersByCity(let city): return "index customer.city (city = \"\(city)\")"
        case .customersByTag(let tag): return "index customer.tag (tags contains \"\(tag)\")"
        case .interactionsByCustomer(let id, let range):
            return "index interaction.customer_at (customer = \(id)\(span(range, "at")))"
        case .interactionsByKind(let kinds, let range):
            return "index interaction.kind_at (kind in \(names(kinds))\(span(range, "at")))"
        case .interactionsByTime(let range):
            let text = span(range, "at")
            return "index interaction.at (" + (text.isEmpty ? "all" : String(text.dropFirst(2))) + ")"
        case .promisesByCustomer(let id, let range):
            return "index promise.customer_due (customer = \(id)\(span(range, "due")))"
        case .promisesByStatus(let statuses, let range):
            return "index promise.status_due (status in \(names(statuses))\(span(range, "due")))"
        case .promisesByOwner(let owner, let range):
            return "index promise.owner_due (owner = \"\(owner)\"\(span(range, "due")))"
        case .promisesByInteraction(let id): return "index promise.interaction (interaction = \(id))"
        }
    }
}
