import CRMQuery
import CRMStore

/// A statement's condition prepared once for testing many candidates: the common forms on
/// the record's own fields (`subject contains "refund"`, `kind = complaint`, `at in last 30
/// days`, `status in (...)`) read the record's bytes in place, with no string made and
/// nothing allocated per candidate; every other form goes through `Evaluator`, with the same
/// meaning (three-valued logic, text compared ignoring case).
///
/// The in-place tests are plain values in one array (`Test`), walked by one switch: nested
/// closures or an indirect enum would cost reference counting per candidate.
struct Condition {
    /// The in-place tests, all of which must hold.
    private let tests: [Test]
    /// Every needle and text the tests compare with, end to end.
    private let texts: [UInt8]
    /// The id sets `idIn` tests look in.
    private let idSets: [IDSet]
    /// The conjuncts with no in-place form, evaluated by `Evaluator` on the record.
    private let others: [BoundPredicate]
    /// Each test's conjunct, for a candidate that is not read in place.
    private let predicates: [BoundPredicate]

    /// One in-place test of a stored field.
    private struct Test {
        enum Kind: UInt8 {
            /// Text contains `texts[start..<start+count]` (ASCII, lower-cased).
            case textContains
            /// Text equals (`negated`: differs from) `texts[start..<start+count]`.
            case textEquals
            /// An enum's position compared with `number` by `op`.
            case enumCompare
            /// An enum's position is (`negated`: is not) a set bit of `number`.
            case enumIn
            /// An integer, reference or time compared with `number` by `op`.
            case integerCompare
            /// A time in [`number`, `upper`) by `op` (see `BoundPredicate.timeRange`).
            case timeRange
            /// A reference is in `idSets[start]`.
            case idIn
        }

        let kind: Kind
        /// The field's slot in the record (`FieldSchema.slot`).
        let slot: Int
        /// For enums: the position of the field's default, read when the field is absent
        /// (-1 when it has none).
        let defaultCode: Int
        let op: ComparisonOperator
        let number: Int64
        let upper: Int64
        let start: Int
        let count: Int
        let negated: Bool
        /// The conjunct it tests, in `predicates`.
        let predicate: Int
    }

    /// The condition that all of `predicates` hold (true when there are none).
    init(all conditions: [BoundPredicate]) {
        var tests: [Test] = []
        var texts: [UInt8] = []
        var idSets: [IDSet] = []
        var others: [BoundPredicate] = []
        var predicates: [BoundPredicate] = []
        for conjunct in conditions.flatMap(\.conjuncts) {
            if let test = Self.test(conjunct, predicate: predicates.count, texts: &texts, idSets: &idSets) {
                tests.append(test)
                predicates.append(conjunct)
            } else {
                others.append(conjunct)
            }
        }
        self.tests = tests
        self.texts = texts
        self.idSets = idSets
        self.others = others
        self.predicates = predicates
    }

    /// Whether `record` passes: the condition is true.
    @inline(__always)
    func passes(_ record: AnyRecord, in context: ExecutionContext) throws -> Bool {
        try truth(record, in: context) == true
    }

    /// The condition's truth for `record`: true, false, or nil for unknown.
    func truth(_ record: AnyRecord, in context: ExecutionContext) throws -> Bool? {
        var result: Bool? = true
        if !tests.isEmpty {
            if case .view(let view) = record.storage {
                for test in tests {
                    switch try truth(test, view, record, context) {
                    case false?: return false
                    case nil: result = nil
                    case true?: break
                    }
                }
            } else {
                for test in tests {
                    switch try Evaluator.truth(predicates[test.predicate], record, in: context) {
                    case false?: return false
                    case nil: result = nil
                    case true?: break
                    }
                }
            }
        }
        for other in others {
            switch try Evaluator.truth(other, record, in: context) {
            case false?: return false
            case nil: result = nil
            case true?: break
            }
        }
        return result
    }

    @inline(__always)
    private func truth(_ test: Test, _ view: RecordView, _ record: AnyRecord, _ context: ExecutionContext)
        throws
        -> Bool?
    {
        switch test.kind {
        case .textContains:
            guard let text = try view.payload(slot: test.slot) else { return nil }
            return texts.withUnsafeBufferPointer { all in
                FoldedText.contains(
                    text,
                    foldedASCII: UnsafeBufferPointer(rebasing: all[test.start..<test.start + test.count]))
            }
        case .textEquals:
            guard let text = try view.payload(slot: test.slot) else { return nil }
            let same = texts.withUnsafeBufferPointer { all in
                FoldedText.equals(
                    text,
                    foldedASCII: UnsafeBufferPointer(rebasing: all[test.start..<test.start + test.count]))
            }
            // Text that is not ASCII is compared as strings.
            guard let same else {
                return try Evaluator.truth(predicates[test.predicate], record, in: context)
            }
            return same != test.negated
        case .enumCompare, .enumIn:
            let code: Int
            if let payload = try view.payload(slot: test.slot) {
                guard payload.count == 1 else { throw view.damage(slot: test.slot) }
                code = Int(payload[0])
            } else {
                guard test.defaultCode >= 0 else { return nil }
                code = test.defaultCode
            }
            if test.kind == .enumIn {
                return (code < 64 && test.number & (1 << Int64(code)) != 0) != test.negated
            }
            return test.op.holds(code < Int(test.number) ? -1 : (code == Int(test.number) ? 0 : 1))
        case .integerCompare:
            guard let stored = try view.integer(slot: test.slot) else { return nil }
            return test.op.holds(stored < test.number ? -1 : (stored == test.number ? 0 : 1))
        case .timeRange:
            guard let time = try view.integer(slot: test.slot) else { return nil }
            let inside = time >= test.number && time < test.upper
            switch test.op {
            case .equal: return inside
            case .notEqual: return !inside
            case .less: return time < test.number
            case .lessOrEqual: return time < test.upper
            case .greater: return time >= test.upper
            case .greaterOrEqual: return time >= test.number
            }
        case .idIn:
            guard let id = try view.integer(slot: test.slot) else { return nil }
            return idSets[test.start].contains(id)
        }
    }

    // MARK: - Compiling

    /// The in-place test of `predicate`, or nil when it has none.
    private static func test(
        _ predicate: BoundPredicate, predicate index: Int, texts: inout [UInt8], idSets: inout [IDSet]
    ) -> Test? {
        func make(
            _ kind: Test.Kind, _ field: FieldSchema, op: ComparisonOperator = .equal, number: Int64 = 0,
            upper: Int64 = 0, text: [UInt8] = [], set: IDSet? = nil, negated: Bool = false
        ) -> Test {
            var start = texts.count
            if let set {
                start = idSets.count
                idSets.append(set)
            } else {
                texts += text
            }
            var defaultCode = -1
            if case .enumeration(let type) = field.type, case .symbol(let name) = field.defaultValue {
                defaultCode = type.position(of: name) ?? -1
            }
            return Test(
                kind: kind, slot: field.slot, defaultCode: defaultCode, op: op, number: number, upper: upper,
                start: start, count: text.count, negated: negated, predicate: index)
        }
        switch predicate {
        case .contains(.path(let path), .constant(.string(let needle))):
            guard let field = local(path), field.type == .text, needle.utf8.allSatisfy({ $0 < 0x80 }) else {
                return nil
            }
            return make(.textContains, field, text: Array(needle.lowercased().utf8))
        case .compare(.path(let path), let op, .constant(let constant)):
            guard let field = local(path) else { return nil }
            switch (field.type, constant) {
            case (.enumeration(let type), .symbol(let name)):
                guard let code = type.position(of: name) else { return nil }
                return make(.enumCompare, field, op: op, number: Int64(code))
            case (.integer, .integer(let number)), (.reference, .integer(let number)):
                return make(.integerCompare, field, op: op, number: number)
            case (.timestamp, .timestamp(let time)):
                return make(.integerCompare, field, op: op, number: time.microseconds)
            case (.text, .string(let text))
            where (op == .equal || op == .notEqual) && text.utf8.allSatisfy({ $0 < 0x80 }):
                return make(.textEquals, field, text: Array(text.lowercased().utf8), negated: op == .notEqual)
            default: return nil
            }
        case .inList(.path(let path), let items, let negated):
            guard let field = local(path), case .enumeration(let type) = field.type, type.names.count <= 63
            else {
                return nil
            }
            var codes: Int64 = 0
            for item in items {
                guard case .symbol(let name) = item, let code = type.position(of: name) else { return nil }
                codes |= 1 << Int64(code)
            }
            return make(.enumIn, field, number: codes, negated: negated)
        case .timeRange(.path(let path), let op, let range):
            guard let field = local(path), field.type == .timestamp else { return nil }
            return make(
                .timeRange, field, op: op, number: range.lowerBound.microseconds,
                upper: range.upperBound.microseconds)
        case .idIn(let field, let ids):
            return make(.idIn, field, set: ids)
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
