import LMDB

/// One change to a record: when, what kind of change, and each field's old and new value.
public struct HistoryEntry: Equatable, Sendable {
    /// What happened to the record.
    public enum Operation: UInt8, Sendable {
        /// The record was inserted; every field's old value is null. Stored without its
        /// values, which `ReadTransaction.history` rebuilds (see `HistoryReplay`).
        case insert = 1
        /// Some fields changed.
        case update = 2
        /// The record was deleted; every field's new value is null.
        case delete = 3
        /// The customer and everything of theirs was erased (cascade delete); the entry
        /// holds no field values.
        case erase = 4
    }

    /// One field's change.
    public struct Change: Equatable, Sendable {
        /// The field's name: `status`, `tags`, `attrs.region`.
        public let field: String
        /// The value before; null on insert.
        public let old: FieldValue
        /// The value after; null on delete.
        public let new: FieldValue
    }

    /// The kind of record changed.
    public let kind: RecordKind
    /// The record's id.
    public let id: Int64
    /// A store-wide number that orders all history entries.
    public let sequence: UInt64
    /// When the change was committed (the store's clock).
    public let time: Timestamp
    /// What kind of change it was.
    public let operation: Operation
    /// The fields that changed.
    public let changes: [Change]

    static func keyPrefix(_ kind: RecordKind, _ id: Int64) -> [UInt8] {
        var key = OrderedKey(capacity: 17)
        key.append(kind.code)
        key.append(id)
        return key.bytes
    }

    var key: [UInt8] {
        var key = OrderedKey(capacity: 17)
        key.append(kind.code)
        key.append(id)
        key.appendBigEndian(sequence)
        return key.bytes
    }

    init(
        kind: RecordKind, id: Int64, sequence: UInt64, time: Timestamp, operation: Operation,
        changes: [Change]
    ) {
        self.kind = kind
        self.id = id
        self.sequence = sequence
        self.time = time
        self.operation = operation
        self.changes = changes
    }

    /// This entry with `changes` in place of its own.
    func with(changes: [Change]) -> HistoryEntry {
        HistoryEntry(
            kind: kind, id: id, sequence: sequence, time: time, operation: operation, changes: changes)
    }

    /// The format of an entry written with a checksum: the format byte, the values as in format
    /// 1 (time, operation, count, then field, old and new of each change), then the CRC32C of
    /// the entry's key and of every byte before it (`Checksum`). Entries of format 1, written
    /// before checksums (on 2026-12-02 and before), have none and are read as they are. 2 and
    /// 1 lie two flipped bits apart, so one flipped bit never turns a checked entry into one
    /// read unchecked.
    static let checkedFormat: UInt8 = 2

    /// The stored form, its checksum tied to the entry's key.
    func encoded() -> [UInt8] {
        var writer = RecordWriter(format: Self.checkedFormat)
        writer.writeValue(.timestamp(time))
        writer.writeValue(.integer(Int64(operation.rawValue)))
        writer.writeVarint(UInt64(changes.count))
        for change in changes {
            writer.writeString(change.field)
            writer.writeValue(change.old)
            writer.writeValue(change.new)
        }
        var bytes = writer.bytes
        let crc = key.withUnsafeBytes { key in
            bytes.withUnsafeBytes { body in Checksum.value(key: key, body) }
        }
        Checksum.append(crc, to: &bytes)
        return bytes
    }

    /// The entry stored as `value` under `key`; the checksum of an entry that has one is
    /// checked first.
    ///
    /// - Throws: `StoreError` `.corrupt` for damaged bytes ("history entry 7 of customer 42 is
    ///   damaged (checksum)").
    init(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws {
        var keyReader = OrderedKeyReader(key)
        let code = try keyReader.readByte()
        guard let kind = RecordKind(code: code) else {
            throw StoreError(.corrupt, "a history key names an unknown record kind \(code)")
        }
        self.kind = kind
        self.id = try keyReader.readInt64()
        self.sequence = try keyReader.readBigEndian()
        let subject = RecordSubject("history entry \(sequence) of \(kind.rawValue)", id: id)
        var reader: RecordReader
        if value.first == Self.checkedFormat {
            guard let crc = Checksum.stored(in: value), value.count > Checksum.size,
                Checksum.value(key: key, Checksum.body(of: value)) == crc
            else { throw StoreError(.corrupt, "\(subject) is damaged (checksum)") }
            reader = RecordReader(
                payload: UnsafeRawBufferPointer(rebasing: value[1..<(value.count - Checksum.size)]),
                subject: subject)
        } else {
            reader = try RecordReader(record: value, subject: subject)
        }
        guard case .timestamp(let time) = try reader.readValue(),
            case .integer(let rawOperation) = try reader.readValue(),
            let operation = Operation(rawValue: UInt8(truncatingIfNeeded: rawOperation))
        else { throw reader.corrupt("has a bad time or operation") }
        self.time = time
        self.operation = operation
        let count = try reader.readVarint()
        var changes: [Change] = []
        for _ in 0..<min(count, UInt64(value.count)) {
            changes.append(
                Change(
                    field: try reader.readString(), old: try reader.readValue(), new: try reader.readValue()))
        }
        guard reader.isAtEnd, changes.count == count else {
            throw reader.corrupt("has a bad list of changes")
        }
        self.changes = changes
    }
}
