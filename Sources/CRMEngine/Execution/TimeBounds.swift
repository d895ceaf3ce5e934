import CRMQuery
import CRMStore

/// The span of times a set of conditions allows for one of the record's own time fields:
/// what an index on (..., time) can seek to instead of reading everything.
struct TimeBounds {
    var lower = Timestamp(microseconds: .min)
    var upper = Timestamp(microseconds: .max)
    /// The conditions the bounds came from: an index scan within the bounds satisfies them.
    var used: [Int] = []

    var range: Range<Timestamp> { lower < upper ? lower..<upper : lower..<lower }
    var isBounded: Bool { !used.isEmpty }

    /// Gathers the bounds that `conjuncts` put on `field`.
    init(_ field: FieldSchema, in conjuncts: [BoundPredicate]) {
        for (index, conjunct) in conjuncts.enumerated() {
            switch conjunct {
            case .timeRange(.path(let path), let op, let span)
            where path.isLocal && path.field.ref == .stored(field):
                switch op {
                case .equal: narrow(span.lowerBound, span.upperBound)
                case .less: narrow(nil, span.lowerBound)
                case .lessOrEqual: narrow(nil, span.upperBound)
                case .greater: narrow(span.upperBound, nil)
                case .greaterOrEqual: narrow(span.lowerBound, nil)
                case .notEqual: continue
                }
            case .compare(.path(let path), let op, .constant(.timestamp(let time)))
            where path.isLocal && path.field.ref == .stored(field):
                let next = time.adding(microseconds: 1)
                switch op {
                case .equal: narrow(time, next)
                case .less: narrow(nil, time)
                case .lessOrEqual: narrow(nil, next)
                case .greater: narrow(next, nil)
                case .greaterOrEqual: narrow(time, nil)
                case .notEqual: continue
                }
            default: continue
            }
            used.append(index)
        }
    }

    private mutating func narrow(_ from: Timestamp?, _ to: Timestamp?) {
        if let from, from > lower { lower = from }
        if let to, to < upper { upper = to }
    }
}
