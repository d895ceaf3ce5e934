/// Reads a record of the first binary form (format 1, written before 2026-12-02): a format
/// byte, then protocol-buffer-like fields, each a varint tag (`number << 3 | wire type`) and
/// a zigzag varint or a length-prefixed payload; tags and custom fields repeated.
///
/// Only reading: such records are rewritten in the current form when the store is opened
/// for writing, and read through this while it is open read-only.
enum LegacyRecord {
    /// The values of record `id`, whose first-format bytes are `bytes`.
    ///
    /// - Throws: `.corrupt` for damaged bytes, a field of the wrong wire type, or a
    ///   required field that is missing.
    static func values(id: Int64, bytes: UnsafeRawBufferPointer, schema: RecordSchema) throws(StoreError)
        -> RecordValues
    {
        var reader = try RecordReader(record: bytes, subject: RecordSubject(schema.kind.rawValue, id: id))
        var values = RecordValues(schema, id: id)
        var tags: [String] = []
        while let (number, wire) = try reader.nextField() {
            if number == CommonField.attributes {
                guard wire == WireType.bytes.rawValue else {
                    throw reader.corrupt("has damaged custom fields")
                }
                let (name, value) = try reader.readAttribute()
                values.attrs[name] = value
                continue
            }
            guard number >= 1, number <= 64,
                let field = schema.bySlot.element(at: FieldSchema.slot(ofNumber: number)) ?? nil
            else {
                // A field of a later version: skipped, as the format promised.
                try reader.skip(wire: wire)
                continue
            }
            let expected: WireType =
                switch field.type {
                case .text, .decimal, .tags: .bytes
                default: .varint
                }
            guard expected.rawValue == wire else {
                throw reader.corrupt(
                    "has field \(number) with wire type \(wire), expected \(expected.rawValue)")
            }
            switch field.type {
            case .text: values.slots[field.slot] = .string(try reader.readString())
            case .integer, .reference: values.slots[field.slot] = .integer(try reader.readInt64())
            case .timestamp: values.slots[field.slot] = .timestamp(try reader.readTimestamp())
            case .boolean: values.slots[field.slot] = .bool(try reader.readBool())
            case .decimal: values.slots[field.slot] = .decimal(try reader.readDecimal())
            case .tags: tags.append(try reader.readString())
            case .enumeration(let type):
                let code = try reader.readVarint()
                guard code < UInt64(type.names.count) else {
                    throw reader.corrupt("has an unknown \(type.label) code \(code)")
                }
                values.slots[field.slot] = .symbol(type.names[Int(code)])
            case .attributes, .custom, .real, .duration:
                try reader.skip(wire: wire)
            }
        }
        if !tags.isEmpty { values.slots[CommonField.tags - 1] = .list(tags) }
        for field in schema.fields where values.slots[field.slot] == .null {
            if field.required && field.number >= CommonField.firstOwn {
                throw reader.corrupt("has no \(field.name)")
            }
            values.slots[field.slot] = field.defaultValue
        }
        return values
    }
}

extension Array {
    /// The element at `index`, or nil when out of range.
    func element(at index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
