import CRMQuery
import CRMStore

/// How a statement finds its candidate records: by id, through one index (one walk per
/// combination of values of its leading parts, perhaps within a range of the next part),
/// or by reading the whole table.
enum AccessPath: Sendable {
    case ids([Int64])
    case table
    /// Walks `index`: for each of `prefixes` (values of its leading parts, in part order),
    /// the entries whose next part lies within `bounds`.
    case index(IndexSchema, prefixes: [[FieldValue]], bounds: PartBounds?)

    /// The field the walk yields records in order of, after the fixed parts (with `id`
    /// breaking ties): a time for `(customer, at)` with the customer fixed; `id` for a
    /// table, or an index whose every part is fixed to one value.
    func orderedField(in schema: RecordSchema) -> FieldRef? {
        switch self {
        case .table: return .id
        case .ids(let ids): return ids == ids.sorted() ? .id : nil
        case .index(let index, let prefixes, _):
            // Several ranges come in this order too, merged (`RecordScan`), when each fixes
            // the same parts.
            guard let fixed = prefixes.first?.count, prefixes.allSatisfy({ $0.count == fixed }) else {
                return nil
            }
            if fixed == index.parts.count { return .id }
            let part = index.parts[fixed]
            guard part.transform == .value, let field = schema.field(part.field), field.type != .tags else {
                return nil
            }
            return .stored(field)
        }
    }

    /// The access path in words, for `explain`.
    func describe(format: (Timestamp) -> String) -> String {
        switch self {
        case .ids(let ids): return "primary key (id in \(ids.map(String.init).joined(separator: ", ")))"
        case .table: return "full table scan"
        case .index(let index, let prefixes, let bounds):
            var parts: [String] = []
            for (position, part) in index.parts.enumerated() where position < (prefixes.first?.count ?? 0) {
                let values = prefixes.map { $0[position] }
                let shown = Self.unique(values).map { Self.text($0, format) }
                let name = part.field == "tags" ? "tags contains" : part.field
                if case .enumeration(let type) = index.partFields[position].type,
                    shown.count == type.names.count,
                    shown.count > 1
                {
                    // Every value: a skip scan, one walk per value.
                    parts.append("every \(part.field)")
                } else if case .symbol = values[0] {
                    parts.append("\(part.field) in \(shown.joined(separator: ", "))")
                } else if shown.count == 1 {
                    parts.append(part.field == "tags" ? "\(name) \(shown[0])" : "\(name) = \(shown[0])")
                } else {
                    parts.append("\(part.field) in (\(shown.joined(separator: ", ")))")
                }
            }
            let next =
                index.parts.count > (prefixes.first?.count ?? 0)
                ? index.parts[prefixes.first?.count ?? 0].field : ""
            switch bounds {
            case .prefix(let text): parts.append("\(next) starts with \"\(text)\"")
            case .range(let lower, let upper):
                if let lower { parts.append("\(next) >= \(Self.text(lower, format))") }
                if let upper { parts.append("\(next) < \(Self.text(upper, format))") }
            case nil: break
            }
            return "index \(index.name) (" + (parts.isEmpty ? "all" : parts.joined(separator: ", ")) + ")"
        }
    }

    private static func text(_ value: FieldValue, _ format: (Timestamp) -> String) -> String {
        switch value {
        case .string(let text): "\"\(text)\""
        case .timestamp(let time):
            time.microseconds == .min || time.microseconds == .max ? String(describing: value) : format(time)
        default: value.description
        }
    }

    private static func unique(_ values: [FieldValue]) -> [FieldValue] {
        var seen = Set<FieldValue>()
        return values.filter { seen.insert($0).inserted }
    }
}
