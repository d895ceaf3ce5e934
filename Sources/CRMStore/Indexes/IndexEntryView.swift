import LMDB

/// What one index entry tells about its record, read in place: the fields its key parts
/// hold as they are, the fields its value carries, and the field its filter fixes. A query
/// whose conditions read only these (`customer` for `customer.tier = vip`, `kind` and `at`
/// for a timeline) needs no read of the record itself.
public struct IndexEntryView {
    // SAFETY: declared schemas are built once, in static properties, and never freed; a
    // custom field's is held by the transaction (`ReadTransaction.customFields`), which
    // outlives every entry read in it.
    /// The index.
    public unowned(unsafe) let index: IndexSchema
    /// The record's id.
    public let id: Int64
    private(set) var key: UnsafeRawBufferPointer
    private(set) var value: UnsafeRawBufferPointer
    /// How the store writes integers in keys.
    let layout: KeyLayout

    /// The entry with its bytes copied into `arena`, to keep past the walk that read it.
    public func copy(into arena: ByteArena) -> IndexEntryView {
        var copy = self
        copy.key = arena.keep(key)
        copy.value = arena.keep(value)
        return copy
    }

    /// The names of the fields an entry of `index` gives back.
    public static func coveredFields(of index: IndexSchema) -> Set<String> {
        var fields = Set(index.parts.filter { $0.transform == .value }.map(\.field))
        fields.formUnion(index.carried)
        if let filter = index.filter { fields.insert(filter.field) }
        return fields.subtracting(["tags"])
    }

    /// The value of `field` as the entry gives it, or nil when the entry does not hold it
    /// (or cannot be read: then the caller reads the record, which reports any damage).
    public func value(_ field: FieldSchema) -> FieldValue? {
        if let filter = index.filter, filter.field == field.name { return filter.value }
        var reader = OrderedKeyReader(key, offset: index.keyPrefix.count)
        do {
            for (part, partField) in zip(index.parts, index.partFields) {
                let read = try IndexKey.read(partField.type, part.transform, layout, from: &reader)
                if partField === field { return read }
            }
        } catch { return nil }
        if let position = index.carriedFields.firstIndex(where: { $0 === field }) {
            var carried = OrderedKeyReader(value)
            do {
                for _ in 0..<position { _ = try IndexKey.readInteger(layout, from: &carried) }
                return .integer(try IndexKey.readInteger(layout, from: &carried))
            } catch { return nil }
        }
        return nil
    }
}
