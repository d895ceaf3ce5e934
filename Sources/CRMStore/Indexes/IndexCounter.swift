import LMDB

/// Counts the entries of one index range for many values of one key part: how many of a
/// customer's interactions lie in a span, for every customer a query tests. The key around
/// the varying part is built once, and one cursor is kept and moved, so that each count is a
/// seek and a few steps, with nothing allocated.
///
/// Valid only in the transaction that made it.
public final class IndexCounter {
    private let cursor: any StorageCursor
    /// The encoded parts before and after the varying one.
    private let before: [UInt8]
    private let after: [UInt8]
    /// The encoded lower bound of the next part (empty for none) and upper bound (nil: the
    /// end of the prefix).
    private let lowerSuffix: [UInt8]
    private let upperSuffix: [UInt8]?
    private let layout: KeyLayout
    /// Reused key buffers.
    private var lower: [UInt8] = []
    private var upper: [UInt8] = []

    /// A counter over `index` with its leading parts equal to `equal`, where the part at
    /// `varying` takes the value given to each `count`, and the next part within `bounds`;
    /// nil when a value cannot be a key part.
    public init?(
        _ transaction: ReadTransaction, index: IndexSchema, equal: [FieldValue], varying: Int,
        then bounds: PartBounds?
    ) throws {
        let layout = transaction.tables.layout
        guard varying < equal.count, equal.count <= index.parts.count,
            let before = IndexKey.prefix(index, Array(equal[..<varying]), layout)
        else { return nil }
        var after = OrderedKey()
        for position in (varying + 1)..<equal.count {
            let field = index.partFields[position]
            let type = field.type == .tags ? FieldType.text : field.type
            guard IndexKey.append(equal[position], type, index.parts[position].transform, layout, to: &after)
            else {
                return nil
            }
        }
        var lowerSuffix = OrderedKey()
        var upperSuffix: OrderedKey? = nil
        if let bounds {
            guard equal.count < index.parts.count, case .range(let low, let high) = bounds else { return nil }
            let field = index.partFields[equal.count]
            let transform = index.parts[equal.count].transform
            if let low, !IndexKey.append(low, field.type, transform, layout, to: &lowerSuffix) { return nil }
            if let high {
                var suffix = OrderedKey()
                guard IndexKey.append(high, field.type, transform, layout, to: &suffix) else { return nil }
                upperSuffix = suffix
            }
        }
        self.before = before.bytes
        self.after = after.bytes
        self.lowerSuffix = lowerSuffix.bytes
        self.upperSuffix = upperSuffix?.bytes
        self.layout = layout
        cursor = try transaction.storage.cursor(
            try transaction.indexHandle(StoreSchema.ordinal(index.kind, index.position)))
    }

    /// How many entries the range holds for `value` of the varying part, counting at most
    /// `limit`.
    public func count(_ value: Int64, atMost limit: Int = .max) throws -> Int {
        guard limit > 0 else { return 0 }
        lower.removeAll(keepingCapacity: true)
        lower += before
        var key = OrderedKey(appendingTo: &lower)
        IndexKey.appendInteger(value, layout, to: &key)
        key.give(back: &lower)
        lower += after
        upper.removeAll(keepingCapacity: true)
        upper += lower
        if let upperSuffix {
            upper += upperSuffix
        } else if let successor = KeyRange.successor(ofPrefix: upper) {
            upper = successor
        } else {
            upper.removeAll()
        }
        let unbounded = upperSuffix == nil && upper.isEmpty
        lower += lowerSuffix
        var count = 0
        var entry = try lower.withUnsafeBytes { try cursor.seek(atLeast: $0) }
        while let current = entry, unbounded || compareBytes(current.key, upper) < 0 {
            count += 1
            if count >= limit { break }
            entry = try cursor.next()
        }
        return count
    }
}
