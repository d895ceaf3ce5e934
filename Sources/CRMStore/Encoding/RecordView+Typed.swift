import LMDB

/// Typed reads of one field by slot, for decoding a typed record (`Customer`) straight from
/// its bytes: no `FieldValue` is built between the bytes and the property, so a get by id
/// makes only the strings the record holds.
extension RecordView {
    /// The error for a required field that is absent.
    func missing(slot: Int) -> StoreError {
        let name = schema.bySlot.element(at: slot).flatMap { $0?.name } ?? "field \(slot + 1)"
        return StoreError(.corrupt, "\(schema.kind.rawValue) \(id) is damaged: it has no \(name)")
    }

    /// The text in `slot`, or nil when absent.
    ///
    /// - Throws: `.corrupt` when the bytes are not UTF-8.
    @inline(__always)
    func string(slot: Int) throws(StoreError) -> String? {
        guard let payload = try payload(slot: slot) else { return nil }
        guard let text = UTF8Text.decode(payload) else { throw damage(slot: slot) }
        return text
    }

    /// The boolean in `slot`, or nil when absent.
    func bool(slot: Int) throws(StoreError) -> Bool? {
        guard let payload = try payload(slot: slot) else { return nil }
        guard payload.count == 1, payload[0] <= 1 else { throw damage(slot: slot) }
        return payload[0] == 1
    }

    /// The exact decimal in `slot`, or nil when absent.
    func decimal(slot: Int) throws(StoreError) -> ExactDecimal? {
        guard let payload = try payload(slot: slot) else { return nil }
        guard payload.count >= 2,
            let units = RecordFormat.integer(UnsafeRawBufferPointer(rebasing: payload[1...])),
            let decimal = ExactDecimal(units: units, scale: payload[0])
        else { throw damage(slot: slot) }
        return decimal
    }

    /// The enum code in `slot` (below `count`, the number of cases), or nil when absent.
    @inline(__always)
    func code(slot: Int, count: Int) throws(StoreError) -> Int? {
        guard let payload = try payload(slot: slot) else { return nil }
        guard payload.count == 1, Int(payload[0]) < count else { throw damage(slot: slot) }
        return Int(payload[0])
    }

    /// The tags in `slot`; empty when absent.
    func tags(slot: Int) throws(StoreError) -> [String] {
        guard let payload = try payload(slot: slot) else { return [] }
        var reader = RecordReader(payload: payload, subject: RecordSubject(schema.kind.rawValue, id: id))
        var tags: [String] = []
        while !reader.isAtEnd { tags.append(try reader.readString()) }
        return tags
    }
}
