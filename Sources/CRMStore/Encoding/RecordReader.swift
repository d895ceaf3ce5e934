import LMDB

/// Reads the binary form that `RecordWriter` writes, checking every length and value, so
/// that damaged bytes give a `.corrupt` error and never a crash.
struct RecordReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int
    /// What is being read, for messages: "customer 42".
    private let subject: RecordSubject

    /// A reader over a whole record; checks the format byte.
    init(record bytes: UnsafeRawBufferPointer, subject: RecordSubject) throws(StoreError) {
        self.bytes = bytes
        self.offset = 0
        self.subject = subject
        guard let version = bytes.first else { throw corrupt("is empty") }
        guard version == RecordWriter.formatVersion else {
            if version > RecordWriter.formatVersion {
                throw StoreError(
                    .unsupportedFormat,
                    "\(subject) was written by a newer version (record format \(version)); "
                        + "upgrade this program to read it"
                )
            }
            throw corrupt("has an unknown record format \(version)")
        }
        offset = 1
    }

    /// A reader over a payload that holds no format byte (a history entry's values).
    init(payload bytes: UnsafeRawBufferPointer, subject: RecordSubject) {
        self.bytes = bytes
        self.offset = 0
        self.subject = subject
    }

    var isAtEnd: Bool { offset >= bytes.count }

    func corrupt(_ problem: String) -> StoreError {
        StoreError(.corrupt, "\(subject) is damaged: it \(problem) (at byte \(offset))")
    }

    /// The next field's number and wire type, or nil at the end.
    mutating func nextField() throws(StoreError) -> (number: Int, wire: UInt8)? {
        guard !isAtEnd else { return nil }
        let tag = try readVarint()
        guard tag >> 3 <= UInt64(Int32.max) else { throw corrupt("has a bad field number") }
        return (Int(tag >> 3), UInt8(tag & 7))
    }

    /// Skips a field this version does not know.
    mutating func skip(wire: UInt8) throws(StoreError) {
        switch wire {
        case WireType.varint.rawValue: _ = try readVarint()
        case WireType.bytes.rawValue: _ = try readBytes()
        default: throw corrupt("has an unknown wire type \(wire)")
        }
    }

    @inline(__always)
    mutating func readVarint() throws(StoreError) -> UInt64 {
        // Most values (codes, lengths, common fields' tags) fit in one byte, and the tags of
        // a kind's own fields (numbers from 16) in two.
        if offset < bytes.count, bytes[offset] < 0x80 {
            offset += 1
            return UInt64(bytes[offset - 1])
        }
        if offset + 1 < bytes.count, bytes[offset + 1] < 0x80 {
            let value = UInt64(bytes[offset] & 0x7F) | UInt64(bytes[offset + 1]) << 7
            offset += 2
            return value
        }
        return try readLongVarint()
    }

    private mutating func readLongVarint() throws(StoreError) -> UInt64 {
        // Timestamps take 7 or 8 bytes: with 8 bytes left, find the last byte of the number
        // in one 64-bit load and gather its 7-bit groups with masks and shifts, instead of
        // a loop with a bounds check per byte. Longer numbers take the loop below.
        if bytes.count - offset >= 8, let base = bytes.baseAddress {
            let word = UInt64(littleEndian: (base + offset).loadUnaligned(as: UInt64.self))
            let stops = ~word & 0x8080_8080_8080_8080
            if stops != 0 {
                let length = (stops.trailingZeroBitCount + 1) / 8
                var x = word & 0x7F7F_7F7F_7F7F_7F7F
                if length < 8 { x &= (1 << UInt64(8 * length)) - 1 }
                x = (x & 0x007F_007F_007F_007F) | ((x & 0x7F00_7F00_7F00_7F00) >> 1)
                x = (x & 0x0000_3FFF_0000_3FFF) | ((x & 0x3FFF_0000_3FFF_0000) >> 2)
                x = (x & 0x0000_0000_0FFF_FFFF) | ((x & 0x0FFF_FFFF_0000_0000) >> 4)
                offset += length
                return x
            }
        }
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { throw corrupt("ends inside a number") }
            let byte = bytes[offset]
            offset += 1
            guard shift < 64 else { throw corrupt("has a number longer than 64 bits") }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    mutating func readInt64() throws(StoreError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func readBool() throws(StoreError) -> Bool {
        switch try readVarint() {
        case 0: false
        case 1: true
        default: throw corrupt("has a boolean that is neither 0 nor 1")
        }
    }

    mutating func readTimestamp() throws(StoreError) -> Timestamp {
        Timestamp(microseconds: try readInt64())
    }

    mutating func readEnum<E: RecordEnum>(_ type: E.Type) throws(StoreError) -> E {
        let code = try readVarint()
        guard code <= UInt64(UInt8.max), let value = E(code: UInt8(code)) else {
            throw corrupt("has an unknown \(E.label) code \(code)")
        }
        return value
    }

    /// A length-prefixed run of bytes, in place.
    mutating func readBytes() throws(StoreError) -> UnsafeRawBufferPointer {
        let length = try readVarint()
        guard length <= UInt64(bytes.count - offset) else { throw corrupt("has a length past its end") }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + Int(length))])
        offset += Int(length)
        return slice
    }

    mutating func readString() throws(StoreError) -> String {
        let slice = try readBytes()
        guard let text = UTF8Text.decode(slice) else {
            throw corrupt("has text that is not UTF-8")
        }
        return text
    }

    mutating func readDecimal() throws(StoreError) -> ExactDecimal {
        var payload = RecordReader(payload: try readBytes(), subject: subject)
        guard !payload.isAtEnd else { throw corrupt("has an empty decimal") }
        let scale = payload.bytes[payload.offset]
        payload.offset += 1
        let units = try payload.readInt64()
        guard payload.isAtEnd, let decimal = ExactDecimal(units: units, scale: scale) else {
            throw corrupt("has a bad decimal")
        }
        return decimal
    }

    /// One custom field: its name and value.
    mutating func readAttribute() throws(StoreError) -> (String, FieldValue) {
        var payload = RecordReader(payload: try readBytes(), subject: subject)
        let name = try payload.readString()
        let value = try payload.readValue()
        guard payload.isAtEnd else { throw corrupt("has bytes after a custom field") }
        return (name, value)
    }

    /// A value with its type byte before it.
    mutating func readValue() throws(StoreError) -> FieldValue {
        guard offset < bytes.count else { throw corrupt("ends before a value") }
        let typeByte = bytes[offset]
        offset += 1
        switch ValueType(rawValue: typeByte) {
        case .null: return .null
        case .bool:
            guard offset < bytes.count, bytes[offset] <= 1 else { throw corrupt("has a bad boolean") }
            offset += 1
            return .bool(bytes[offset - 1] == 1)
        case .integer: return .integer(try readInt64())
        case .decimal:
            guard offset < bytes.count else { throw corrupt("ends inside a decimal") }
            let scale = bytes[offset]
            offset += 1
            guard let decimal = ExactDecimal(units: try readInt64(), scale: scale) else {
                throw corrupt("has a decimal with scale \(scale)")
            }
            return .decimal(decimal)
        case .string: return .string(try readString())
        case .timestamp: return .timestamp(try readTimestamp())
        case .symbol: return .symbol(try readString())
        case .list:
            let count = try readVarint()
            guard count <= UInt64(bytes.count - offset) else { throw corrupt("has a list past its end") }
            var items: [String] = []
            for _ in 0..<count { items.append(try readString()) }
            return .list(items)
        case .real: return .real(Double(bitPattern: try readVarint()))
        case .duration: return .duration(try readInt64())
        case nil: throw corrupt("has an unknown value type \(typeByte)")
        }
    }
}

/// What a reader reads, for messages: "customer 42". Kept as its parts and put into words
/// only when an error needs them, so that reading a record builds no string it does not keep.
struct RecordSubject: CustomStringConvertible {
    let text: String
    let id: Int64?

    init(_ text: String, id: Int64? = nil) {
        self.text = text
        self.id = id
    }

    var description: String { id.map { "\(text) \($0)" } ?? text }
}
