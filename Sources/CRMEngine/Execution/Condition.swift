import CRMQuery
import CRMStore

/// A statement's condition prepared once for testing many candidates: the common forms on
/// the record's own fields (`subject contains "refund"`, `kind = complaint`, `at in last 30
/// days`, `status in (...)`) read the record's bytes in place, with no string made and
/// nothing allocated per candidate; every other form goes through `Evaluator`, with the same
/// meaning (three-valued logic, text compared ignoring case).
struct Condition {
    /// The condition's truth for a candidate: true, false, or nil for unknown.
    typealias Test = (AnyRecord, ExecutionContext) throws -> Bool?

    private let test: Test

    /// The condition that all of `predicates` hold (true when there are none).
    init(all predicates: [BoundPredicate]) {
        test = predicates.isEmpty ? { _, _ in true } : Self.compile(.and(predicates))
    }

    /// Whether `record` passes: the condition is true.
    @inline(__always)
    func passes(_ record: AnyRecord, in context: ExecutionContext) throws -> Bool {
        try test(record, context) == true
    }

    // MARK: - Compiling

    private static func compile(_ predicate: BoundPredicate) -> Test {
        switch predicate {
        case .and(let parts):
            let tests = parts.flatMap(\.conjuncts).map(compile)
            if tests.count == 1 { return tests[0] }
            return { record, context in
                var result: Bool? = true
                for test in tests {
                    switch try test(record, context) {
                    case false?: return false
                    case nil: result = nil
                    case true?: break
                    }
                }
                return result
            }
        case .or(let parts):
            let tests = parts.map(compile)
            return { record, context in
                var result: Bool? = false
                for test in tests {
                    switch try test(record, context) {
                    case true?: return true
                    case nil: result = nil
                    case false?: break
                    }
                }
                return result
            }
        case .not(let inner):
            let test = compile(inner)
            return { record, context in try test(record, context).map { !$0 } }
        case .constant(let flag):
            return { _, _ in flag }
        default:
            return inPlace(predicate) ?? { record, context in
                try Evaluator.truth(predicate, record, in: context)
            }
        }
    }

    /// A test that reads the record's bytes in place, for the forms that allow it; nil for
    /// other forms. A candidate that is not read in place (an index entry, values being
    /// written) goes through `Evaluator`.
    private static func inPlace(_ predicate: BoundPredicate) -> Test? {
        let generic: Test = { record, context in try Evaluator.truth(predicate, record, in: context) }
        switch predicate {
        case .contains(.path(let path), .constant(.string(let needle))):
            guard let field = local(path), field.type == .text, needle.utf8.allSatisfy({ $0 < 0x80 }) else {
                return nil
            }
            let folded = Array(needle.lowercased().utf8)
            return { record, context in
                guard case .view(let view) = record.storage else { return try generic(record, context) }
                guard let text = try view.text(field) else { return nil }
                return FoldedText.contains(text, foldedASCII: folded)
            }
        case .compare(.path(let path), let op, .constant(let constant)):
            guard let field = local(path), op == .equal || op == .notEqual || field.type != .text else {
                return nil
            }
            switch (field.type, constant) {
            case (.enumeration(let type), .symbol(let name)):
                guard let code = type.position(of: name) else { return nil }
                return { record, context in
                    guard case .view(let view) = record.storage else { return try generic(record, context) }
                    guard let stored = try view.code(field) else { return nil }
                    return op.holds(stored < code ? -1 : (stored == code ? 0 : 1))
                }
            case (.integer, .integer), (.reference, .integer), (.timestamp, .timestamp):
                let number: Int64
                switch constant {
                case .integer(let value): number = value
                case .timestamp(let time): number = time.microseconds
                default: return nil
                }
                return { record, context in
                    guard case .view(let view) = record.storage else { return try generic(record, context) }
                    guard let stored = try view.integer(field) else { return nil }
                    return op.holds(stored < number ? -1 : (stored == number ? 0 : 1))
                }
            case (.text, .string(let text)) where text.utf8.allSatisfy({ $0 < 0x80 }):
                let folded = Array(text.lowercased().utf8)
                return { record, context in
                    guard case .view(let view) = record.storage else { return try generic(record, context) }
                    guard let stored = try view.text(field) else { return nil }
                    guard let equal = FoldedText.equals(stored, foldedASCII: folded) else {
                        return try generic(record, context)
                    }
                    return equal == (op == .equal)
                }
            default: return nil
            }
        case .inList(.path(let path), let items, let negated):
            guard let field = local(path), case .enumeration(let type) = field.type, type.names.count <= 64
            else {
                return nil
            }
            var codes: UInt64 = 0
            for item in items {
                guard case .symbol(let name) = item, let code = type.position(of: name) else { return nil }
                codes |= 1 << UInt64(code)
            }
            return { [codes] record, context in
                guard case .view(let view) = record.storage else { return try generic(record, context) }
                guard let stored = try view.code(field) else { return nil }
                return (codes & (1 << UInt64(stored)) != 0) != negated
            }
        case .timeRange(.path(let path), let op, let range):
            guard let field = local(path), field.type == .timestamp else { return nil }
            let (lower, upper) = (range.lowerBound.microseconds, range.upperBound.microseconds)
            return { record, context in
                guard case .view(let view) = record.storage else { return try generic(record, context) }
                guard let time = try view.integer(field) else { return nil }
                switch op {
                case .equal: return time >= lower && time < upper
                case .notEqual: return !(time >= lower && time < upper)
                case .less: return time < lower
                case .lessOrEqual: return time < upper
                case .greater: return time >= upper
                case .greaterOrEqual: return time >= lower
                }
            }
        case .idIn(let field, let ids):
            return { record, context in
                guard case .view(let view) = record.storage else { return try generic(record, context) }
                guard let id = try view.integer(field) else { return nil }
                return ids.contains(id)
            }
        default:
            return nil
        }
    }

    /// The record's own stored field at the end of `path`, or nil.
    private static func local(_ path: BoundPath) -> FieldSchema? {
        guard path.isLocal, case .stored(let field) = path.field.ref else { return nil }
        return field
    }
}
