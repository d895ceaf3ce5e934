/// Every kind's schema, and every index numbered across kinds: the store's tables follow
/// from it (one per kind, one per index, one per summary).
public enum StoreSchema {
    /// The schema of every kind, in `RecordKind.allCases` order.
    public static let kinds: [RecordSchema] = RecordKind.allCases.map(\.schema)

    /// Every index of every kind; an index's position here is its ordinal.
    public static let indexes: [IndexSchema] = kinds.flatMap(\.indexes)

    /// Every summary of every kind.
    public static let summaries: [SummarySchema] = kinds.flatMap(\.summaries)

    /// The ordinal of each kind's first index, by `RecordKind.code`.
    private static let firstOrdinal: [Int] = {
        var first = [Int](repeating: 0, count: 256)
        var next = 0
        for schema in kinds {
            first[Int(schema.kind.code)] = next
            next += schema.indexes.count
        }
        return first
    }()

    /// The ordinal of the `position`th index of `kind`.
    @inline(__always)
    static func ordinal(_ kind: RecordKind, _ position: Int) -> Int {
        firstOrdinal[Int(kind.code)] + position
    }

    /// The ordinal of the index called `name`, or nil.
    public static func ordinal(of name: String) -> Int? {
        indexes.firstIndex { $0.name == name }
    }
}
