/// Writes the binary form of a record: a format byte, then numbered fields.
///
/// The layout is protocol-buffer-like so that a record can gain fields without rewriting
/// the file: each field is a varint tag (`number << 3 | wire type`) then its payload, and a
/// reader skips the numbers it does not know. Wire type 0 is a varint (signed values
/// zigzag-encoded); wire type 2 is a length-prefixed run of bytes. Absent optional fields
/// are not written at all.
struct RecordWriter {
    /// The version of the record layout; a reader refuses records of a newer one.
    static let formatVersion: UInt8 = 1

    private(set) var bytes: [UInt8]

    init() {
        bytes = [Self.formatVersion]
        bytes.reserveCapacity(128)
    }

    /// A writer whose bytes start with the format byte `format` (a history entry's).
    init(format: UInt8) {
        bytes = [format]
        bytes.reserveCapacity(128)
    }

    /// A writer of bare values, with no format byte: a history entry's values, a record's
    /// tags and custom fields.
    init(payloadOnly: Void) {
        bytes = []
    }

    mutating func write(_ field: Int, _ value: Int64) {
        writeTag(field, wire: .varint)
        writeVarint(zigzag(value))
    }

    mutating func write(_ field: Int, _ value: Int64?) {
        if let value { write(field, value) }
    }

    mutating func write(_ field: Int, _ value: Bool) {
        writeTag(field, wire: .varint)
        writeVarint(value ? 1 : 0)
    }

    mutating func write(_ field: Int, _ value: Timestamp?) {
        if let value { write(field, value.microseconds) }
    }

    mutating func write(_ field: Int, _ value: some RecordEnum) {
        writeTag(field, wire: .varint)
        writeVarint(UInt64(value.code))
    }

    mutating func write(_ field: Int, _ value: (some RecordEnum)?) {
        if let value { write(field, value) }
    }

    mutating func write(_ field: Int, _ value: String?) {
        guard let value else { return }
        writeTag(field, wire: .bytes)
        writeVarint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    mutating func write(_ field: Int, _ value: ExactDecimal?) {
        guard let value else { return }
        writeTag(field, wire: .bytes)
        let start = reserveLength()
        bytes.append(value.scale)
        writeVarint(zigzag(value.units))
        fillLength(from: start)
    }

    /// Writes each tag as a repeated field.
    mutating func write(_ field: Int, tags: [String]) {
        for tag in tags { write(field, tag) }
    }

    /// Writes each custom field as a repeated field: name, a type byte, the value.
    mutating func write(_ field: Int, attrs: [String: FieldValue]) {
        // Sorted, so that equal records always encode to equal bytes.
        for (name, value) in attrs.sorted(by: { $0.key < $1.key }) {
            writeTag(field, wire: .bytes)
            let start = reserveLength()
            writeVarint(UInt64(name.utf8.count))
            bytes.append(contentsOf: name.utf8)
            writeValue(value)
            fillLength(from: start)
        }
    }

    /// Writes a value with a type byte before it: for custom fields and history.
    mutating func writeValue(_ value: FieldValue) {
        bytes.append(ValueType(value).rawValue)
        switch value {
        case .null: break
        case .bool(let flag): bytes.append(flag ? 1 : 0)
        case .integer(let number): writeVarint(zigzag(number))
        case .decimal(let decimal):
            bytes.append(decimal.scale)
            writeVarint(zigzag(decimal.units))
        case .string(let text), .symbol(let text): writeString(text)
        case .timestamp(let time): writeVarint(zigzag(time.microseconds))
        case .list(let items):
            writeVarint(UInt64(items.count))
            for item in items { writeString(item) }
        case .real(let number): writeVarint(number.bitPattern)
        case .duration(let microseconds): writeVarint(zigzag(microseconds))
        }
    }

    mutating func writeString(_ text: String) {
        writeVarint(UInt64(text.utf8.count))
        bytes.append(contentsOf: text.utf8)
    }

    mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private mutating func writeTag(_ field: Int, wire: WireType) {
        writeVarint(UInt64(field) << 3 | UInt64(wire.rawValue))
    }

    /// Leaves room for a one-byte length and returns where the payload starts.
    private mutating func reserveLength() -> Int {
        bytes.append(0)
        return bytes.count
    }

    /// Writes the payload's length before it, widening the varint when it needs more bytes.
    private mutating func fillLength(from start: Int) {
        var length = UInt64(bytes.count - start)
        var varint: [UInt8] = []
        while length >= 0x80 {
            varint.append(UInt8(truncatingIfNeeded: length) | 0x80)
            length >>= 7
        }
        varint.append(UInt8(length))
        bytes.replaceSubrange((start - 1)..<start, with: varint)
    }

    private func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }
}

/// How a field's payload is laid out.
enum WireType: UInt8 {
    /// A varint.
    case varint = 0
    /// A varint length, then that many bytes.
    case bytes = 2
}

/// The type byte before a value in custom fields and history entries.
enum ValueType: UInt8 {
    case null = 0
    case bool = 1
    case integer = 2
    case decimal = 3
    case string = 4
    case timestamp = 5
    case symbol = 6
    case list = 7
    case real = 8
    case duration = 9

    init(_ value: FieldValue) {
        self =
            switch value {
            case .null: .null
            case .bool: .bool
            case .integer: .integer
            case .decimal: .decimal
            case .string: .string
            case .timestamp: .timestamp
            case .symbol: .symbol
            case .list: .list
            case .real: .real
            case .duration: .duration
            }
    }
}
