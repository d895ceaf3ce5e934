/// Field numbers 1 to 15 belong to what every record has; each kind numbers its own fields
/// from 16.
enum CommonField {
    static let created = 1
    static let updated = 2
    static let tag = 3
    static let attribute = 4
}

/// The fields every record has, as read from its binary form.
struct CommonFields {
    var created = Timestamp(microseconds: 0)
    var updated = Timestamp(microseconds: 0)
    var tags: [String] = []
    var attrs: [String: FieldValue] = [:]

    /// Reads the field if it is a common one; returns false for a kind's own field.
    mutating func read(_ number: Int, from reader: inout RecordReader) throws(StoreError) -> Bool {
        switch number {
        case CommonField.created: created = try reader.readTimestamp()
        case CommonField.updated: updated = try reader.readTimestamp()
        case CommonField.tag: tags.append(try reader.readString())
        case CommonField.attribute:
            let (name, value) = try reader.readAttribute()
            attrs[name] = value
        default: return false
        }
        return true
    }

    /// Gives `record` its id and these fields.
    func apply<R: Record>(to record: inout R, id: Int64) {
        record.id = id
        record.created = created
        record.updated = updated
        record.tags = tags
        record.attrs = attrs
    }

    static func write(_ record: some Record, into writer: inout RecordWriter) {
        writer.write(CommonField.created, record.created.microseconds)
        writer.write(CommonField.updated, record.updated.microseconds)
        writer.write(CommonField.tag, tags: record.tags)
        writer.write(CommonField.attribute, attrs: record.attrs)
    }
}

extension RecordReader {
    /// Reads every field of a record: the common ones into `common`, the kind's own through
    /// `own`. `ownWires` gives the wire type of the kind's fields 16, 17, ...; a field whose
    /// wire type differs is damage, and numbers past the list (written by a newer version)
    /// are skipped.
    mutating func readFields(
        into common: inout CommonFields,
        ownWires: [WireType],
        mask: UInt64 = .max,
        _ own: (Int, inout RecordReader) throws(StoreError) -> Void
    ) throws(StoreError) {
        while let (number, wire) = try nextField() {
            if mask != .max, number < 64, mask & (1 << UInt64(number)) == 0 {
                try skip(wire: wire)
                continue
            }
            let expected: WireType? =
                switch number {
                case CommonField.created, CommonField.updated: .varint
                case CommonField.tag, CommonField.attribute: .bytes
                case 16..<(16 + ownWires.count): ownWires[number - 16]
                default: nil
                }
            guard let expected else {
                try skip(wire: wire)
                continue
            }
            guard expected.rawValue == wire else {
                throw corrupt("has field \(number) with wire type \(wire), expected \(expected.rawValue)")
            }
            if try common.read(number, from: &self) { continue }
            try own(number, &self)
        }
    }
}
