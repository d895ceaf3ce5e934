import LMDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A record read in place: its fields found through the header of its binary form
/// (`RecordFormat`) and decoded only when asked for, so that a query testing a condition on
/// one field of a million records builds no string it does not keep.
///
/// A view borrows its bytes from the store (the memory map) and is valid only while they
/// are: inside the transaction's closure, and only until that transaction writes or the
/// cursor that gave it moves on. Do not keep one longer; `copy(into:)` gives a view of a copy
/// in an arena, valid while the arena lives. A view of a record written by the first format
/// reads a rewritten copy kept in the transaction's arena.
///
/// A plain value: copying a view copies a few words and no reference count.
public struct RecordView {
    /// The record's id.
    public let id: Int64
    // SAFETY: schemas are built once, in static properties, and never freed.
    /// The kind's schema.
    public unowned(unsafe) let schema: RecordSchema
    private(set) var bytes: UnsafeRawBufferPointer
    /// Bit s set when the field of slot s is present.
    let bitmap: UInt64
    private let width: Int
    private let endsStart: Int
    private let dataStart: Int

    /// A view of `bytes`, the stored form of record `id` of the kind `schema` describes; a
    /// record of the first format is rewritten into `arena`.
    ///
    /// - Throws: `.corrupt` for a damaged header, `.unsupportedFormat` for a newer format.
    public init(id: Int64, bytes: UnsafeRawBufferPointer, schema: RecordSchema, arena: ByteArena)
        throws(StoreError)
    {
        if bytes.first == RecordFormat.legacy {
            try self.init(id: id, legacy: bytes, schema: schema, arena: arena)
        } else {
            try self.init(id: id, current: bytes, schema: schema)
        }
    }

    /// A view of a record of the first format, rewritten in the current one into `arena`.
    init(id: Int64, legacy bytes: UnsafeRawBufferPointer, schema: RecordSchema, arena: ByteArena)
        throws(StoreError)
    {
        let values = try LegacyRecord.values(id: id, bytes: bytes, schema: schema)
        try self.init(id: id, current: arena.keep(RecordEncoder.encode(values, schema)), schema: schema)
    }

    /// A view of bytes of the current format, whose checksum is checked first, or of format 2,
    /// which has none (any other format byte is an error).
    @inline(__always)
    init(id: Int64, current stored: UnsafeRawBufferPointer, schema: RecordSchema) throws(StoreError) {
        self.id = id
        self.schema = schema
        // The record is named only in an error: a scan makes a view per record.
        var subject: RecordSubject { RecordSubject(schema.kind.rawValue, id: id) }
        guard let format = stored.first else { throw Self.corrupt(subject, "is empty") }
        if format == RecordFormat.current {
            // Before anything is read from them: damaged bytes are never decoded as values.
            guard let crc = Checksum.stored(in: stored), stored.count >= 2 + Checksum.size,
                Checksum.record(schema.kind, id: id, Checksum.body(of: stored)) == crc
            else { throw StoreError(.corrupt, "\(subject) is damaged (checksum)") }
            bytes = Checksum.body(of: stored)
        } else if format == RecordFormat.unchecked {
            bytes = stored
        } else {
            if format > RecordFormat.current {
                throw StoreError(
                    .unsupportedFormat,
                    "\(subject) was written by a newer version (record format \(format)); upgrade this program to read it"
                )
            }
            throw Self.corrupt(subject, "has an unknown record format \(format)")
        }
        let bytes = self.bytes
        guard bytes.count >= 2, bytes[1] >> 4 <= 2, bytes[1] & 0x0F <= 8 else {
            throw Self.corrupt(subject, "has a damaged header")
        }
        width = 1 << Int(bytes[1] >> 4)
        let bitmapBytes = Int(bytes[1] & 0x0F)
        guard bytes.count >= 2 + bitmapBytes else { throw Self.corrupt(subject, "has a damaged header") }
        var bitmap: UInt64 = 0
        for index in 0..<bitmapBytes { bitmap |= UInt64(bytes[2 + index]) << UInt64(8 * index) }
        self.bitmap = bitmap
        endsStart = 2 + bitmapBytes
        let (tableBytes, overflow) = bitmap.nonzeroBitCount.multipliedReportingOverflow(by: width)
        dataStart = endsStart + tableBytes
        guard !overflow, dataStart <= bytes.count else { throw Self.corrupt(subject, "has a damaged header") }
        // Each field's offsets are checked when it is read (`payload(slot:)`), so that a
        // read of one field costs the same whatever the number of fields.
    }

    private static func corrupt(_ subject: RecordSubject, _ problem: String) -> StoreError {
        StoreError(.corrupt, "\(subject) is damaged: it \(problem)")
    }

    @inline(__always)
    private static func load(_ bytes: UnsafeRawBufferPointer, _ offset: Int, _ width: Int) -> Int {
        switch width {
        case 1: Int(bytes[offset])
        case 2: Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
        default:
            Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16
                | Int(bytes[offset + 3]) << 24
        }
    }

    /// A view of a copy of the bytes kept in `arena`, to keep past the walk that read it.
    public func copy(into arena: ByteArena) -> RecordView {
        var copy = self
        copy.bytes = arena.keep(bytes)
        return copy
    }

    // MARK: - Fields

    /// The bytes of the field in `slot`, or nil when it is absent.
    ///
    /// - Throws: `.corrupt` when the record's offsets do not fit its bytes.
    @inline(__always)
    public func payload(slot: Int) throws(StoreError) -> UnsafeRawBufferPointer? {
        guard slot < 64, bitmap & (1 << UInt64(slot)) != 0 else { return nil }
        let rank = (bitmap & ((1 << UInt64(slot)) - 1)).nonzeroBitCount
        let end = Self.load(bytes, endsStart + rank * width, width)
        let start = rank == 0 ? 0 : Self.load(bytes, endsStart + (rank - 1) * width, width)
        guard start <= end, end <= bytes.count - dataStart else {
            throw StoreError(
                .corrupt, "\(schema.kind.rawValue) \(id) is damaged: it has a field past its end")
        }
        return UnsafeRawBufferPointer(rebasing: bytes[(dataStart + start)..<(dataStart + end)])
    }

    /// Whether `field` is present (not null, not at its default).
    public func has(_ field: FieldSchema) -> Bool {
        field.slot < 64 && bitmap & (1 << UInt64(field.slot)) != 0
    }

    /// The value of `field`: its default when absent.
    ///
    /// - Throws: `.corrupt` when its bytes are not a value of its type.
    public func value(_ field: FieldSchema) throws(StoreError) -> FieldValue {
        guard let payload = try payload(slot: field.slot) else {
            if let slot = field.absentSlot, let stand = schema.bySlot.element(at: slot).flatMap({ $0 }) {
                return try value(stand)
            }
            return field.defaultValue
        }
        return try decode(payload, as: field)
    }

    /// The text of a text field in place, or nil when absent: to compare without making a
    /// string.
    @inline(__always)
    public func text(_ field: FieldSchema) throws(StoreError) -> UnsafeRawBufferPointer? {
        try payload(slot: field.slot)
    }

    /// An integer, reference or timestamp field as its integer, or nil when absent.
    public func integer(_ field: FieldSchema) throws(StoreError) -> Int64? {
        try integer(slot: field.slot)
    }

    /// The integer, reference or timestamp field in `slot` as its integer, or nil when absent.
    @inline(__always)
    public func integer(slot: Int) throws(StoreError) -> Int64? {
        guard let payload = try payload(slot: slot) else { return nil }
        guard let number = RecordFormat.integer(payload) else { throw damage(slot: slot) }
        return number
    }

    /// The bytes of an integer, reference or timestamp field (``payload(slot:)``) as its
    /// integer; nil when they are not one (the record is damaged: see ``damage(slot:)``).
    @inline(__always)
    public static func integer(payload: UnsafeRawBufferPointer) -> Int64? {
        RecordFormat.integer(payload)
    }

    /// The error for the field in `slot` whose bytes cannot be read.
    public func damage(slot: Int) -> StoreError {
        let name = schema.bySlot.element(at: slot).flatMap { $0?.name } ?? "field \(slot + 1)"
        return StoreError(.corrupt, "\(schema.kind.rawValue) \(id) is damaged: its \(name) cannot be read")
    }

    /// An enum field's position in its declared order (its default's when absent).
    public func code(_ field: FieldSchema) throws(StoreError) -> Int? {
        guard let payload = try payload(slot: field.slot) else {
            if case .symbol(let name) = field.defaultValue, case .enumeration(let type) = field.type {
                return type.position(of: name)
            }
            return nil
        }
        guard payload.count == 1, case .enumeration(let type) = field.type, Int(payload[0]) < type.names.count
        else { throw damaged(field) }
        return Int(payload[0])
    }

    /// The custom field `name`, without decoding the others; null when absent.
    public func attribute(_ name: String) throws(StoreError) -> FieldValue {
        guard let payload = try payload(slot: CommonField.attributes - 1) else { return .null }
        var reader = RecordReader(payload: payload, subject: RecordSubject(schema.kind.rawValue, id: id))
        var wanted = name
        while !reader.isAtEnd {
            let key = try reader.readBytes()
            let matches = wanted.withUTF8 { name in
                name.count == key.count && (name.isEmpty || Self.sameBytes(UnsafeRawBufferPointer(name), key))
            }
            if matches { return try reader.readValue() }
            _ = try reader.readValue()
        }
        return .null
    }

    /// Whether two runs of bytes of the same length are equal.
    private static func sameBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard let x = a.baseAddress, let y = b.baseAddress else { return a.count == b.count }
        return memcmp(x, y, a.count) == 0
    }

    /// Every custom field.
    public func attributes() throws(StoreError) -> [String: FieldValue] {
        guard let payload = try payload(slot: CommonField.attributes - 1) else { return [:] }
        var reader = RecordReader(payload: payload, subject: RecordSubject(schema.kind.rawValue, id: id))
        var attrs: [String: FieldValue] = [:]
        while !reader.isAtEnd {
            let name = try reader.readString()
            attrs[name] = try reader.readValue()
        }
        return attrs
    }

    /// Every stored value.
    ///
    /// - Throws: `.corrupt` for damaged bytes or a required field that is missing.
    public func values() throws(StoreError) -> RecordValues {
        var values = RecordValues(schema, id: id)
        for field in schema.fields {
            let value = try value(field)
            if value == .null, field.required {
                throw StoreError(
                    .corrupt, "\(schema.kind.rawValue) \(id) is damaged: it has no \(field.name)")
            }
            values.slots[field.slot] = value
        }
        values.attrs = try attributes()
        return values
    }

    private func damaged(_ field: FieldSchema) -> StoreError {
        StoreError(.corrupt, "\(schema.kind.rawValue) \(id) is damaged: its \(field.name) cannot be read")
    }

    private func decode(_ payload: UnsafeRawBufferPointer, as field: FieldSchema) throws(StoreError)
        -> FieldValue
    {
        switch field.type {
        case .text:
            guard let text = UTF8Text.decode(payload) else { throw damaged(field) }
            return .string(text)
        case .integer, .reference:
            guard let number = RecordFormat.integer(payload) else { throw damaged(field) }
            return .integer(number)
        case .timestamp:
            guard let number = RecordFormat.integer(payload) else { throw damaged(field) }
            return .timestamp(Timestamp(microseconds: number))
        case .enumeration(let type):
            guard payload.count == 1, Int(payload[0]) < type.names.count else { throw damaged(field) }
            return .symbol(type.names[Int(payload[0])])
        case .boolean:
            guard payload.count == 1, payload[0] <= 1 else { throw damaged(field) }
            return .bool(payload[0] == 1)
        case .decimal:
            guard payload.count >= 2,
                let units = RecordFormat.integer(UnsafeRawBufferPointer(rebasing: payload[1...])),
                let decimal = ExactDecimal(units: units, scale: payload[0])
            else { throw damaged(field) }
            return .decimal(decimal)
        case .tags:
            var reader = RecordReader(payload: payload, subject: RecordSubject(schema.kind.rawValue, id: id))
            var tags: [String] = []
            while !reader.isAtEnd { tags.append(try reader.readString()) }
            return .list(tags)
        case .attributes, .custom, .real, .duration:
            throw damaged(field)
        }
    }
}
