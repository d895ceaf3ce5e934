/// Writes a record's values in the current binary form (see `RecordFormat`).
struct RecordEncoder {
    /// The bytes of `values`, a record of the kind `schema` describes, with the checksum that
    /// ties them to its kind and id.
    static func encode(_ values: RecordValues, _ schema: RecordSchema) -> [UInt8] {
        var data: [UInt8] = []
        data.reserveCapacity(128)
        // The end of each present field's bytes, by rank: at most 64 slots, kept on the stack.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 64) { ends in
            var count = 0
            var bitmap: UInt64 = 0
            let createdSlot = CommonField.created - 1
            let created: FieldValue = createdSlot < values.slots.count ? values.slots[createdSlot] : .null
            let fields = schema.bySlot
            for slot in 0..<min(fields.count, 64) {
                let start = data.count
                if slot == CommonField.attributes - 1 {
                    guard !values.attrs.isEmpty else { continue }
                    writeAttributes(values.attrs, into: &data)
                } else {
                    guard let field = fields[slot] else { continue }
                    let value = values.slots[slot]
                    if case .null = value { continue }
                    if !field.required, field.hasDefault, value == field.defaultValue { continue }
                    // `updated` equal to `created` (a record never changed) takes no space.
                    if field.number == CommonField.updated, case .timestamp(let time) = value,
                        case .timestamp(let createdTime) = created, time == createdTime
                    {
                        continue
                    }
                    write(value, of: field.type, into: &data)
                    guard data.count > start else { continue }
                }
                bitmap |= 1 << UInt64(slot)
                ends[count] = data.count
                count += 1
            }
            let width: (code: UInt8, bytes: Int) =
                data.count <= Int(UInt8.max) ? (0, 1) : data.count <= Int(UInt16.max) ? (1, 2) : (2, 4)
            let bitmapBytes = bitmap == 0 ? 0 : (64 - bitmap.leadingZeroBitCount + 7) / 8
            let body = 2 + bitmapBytes + count * width.bytes + data.count
            let total = body + Checksum.size
            return [UInt8](unsafeUninitializedCapacity: total) { bytes, initialized in
                bytes[0] = RecordFormat.current
                bytes[1] = width.code << 4 | UInt8(bitmapBytes)
                var offset = 2
                for index in 0..<bitmapBytes {
                    bytes[offset] = UInt8(truncatingIfNeeded: bitmap >> UInt64(8 * index))
                    offset += 1
                }
                for rank in 0..<count {
                    for index in 0..<width.bytes {
                        bytes[offset] = UInt8(truncatingIfNeeded: ends[rank] >> (8 * index))
                        offset += 1
                    }
                }
                data.withUnsafeBufferPointer { data in
                    for index in data.indices { bytes[offset + index] = data[index] }
                }
                let crc = Checksum.record(
                    values.kind, id: values.id,
                    UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: bytes[..<body])))
                Checksum.write(crc, into: bytes, at: body)
                initialized = total
            }
        }
    }

    /// Appends the bytes of one field's value; nothing for a value not of the type (the
    /// caller validated the values, so this does not happen).
    static func write(_ value: FieldValue, of type: FieldType, into data: inout [UInt8]) {
        switch (type, value) {
        case (.text, .string(let text)):
            data.append(contentsOf: text.utf8)
        case (.integer, .integer(let number)), (.reference, .integer(let number)):
            writeInteger(number, into: &data)
        case (.timestamp, .timestamp(let time)):
            writeInteger(time.microseconds, into: &data)
        case (.enumeration(let type), .symbol(let name)):
            if let position = type.position(of: name) { data.append(UInt8(truncatingIfNeeded: position)) }
        case (.boolean, .bool(let flag)):
            data.append(flag ? 1 : 0)
        case (.decimal, .decimal(let decimal)):
            data.append(decimal.scale)
            writeInteger(decimal.units, into: &data)
        case (.decimal, .integer(let whole)):
            data.append(0)
            writeInteger(whole, into: &data)
        case (.tags, .list(let tags)):
            var writer = RecordWriter(payloadOnly: ())
            for tag in tags { writer.writeString(tag) }
            data.append(contentsOf: writer.bytes)
        default:
            break
        }
    }

    @inline(__always)
    static func writeInteger(_ value: Int64, into data: inout [UInt8]) {
        let count = RecordFormat.byteCount(value)
        let bits = UInt64(bitPattern: value)
        for index in 0..<count { data.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * index))) }
    }

    private static func writeAttributes(_ attrs: [String: FieldValue], into data: inout [UInt8]) {
        var writer = RecordWriter(payloadOnly: ())
        // Sorted, so that equal records always encode to equal bytes.
        for (name, value) in attrs.sorted(by: { $0.key < $1.key }) {
            writer.writeString(name)
            writer.writeValue(value)
        }
        data.append(contentsOf: writer.bytes)
    }
}
