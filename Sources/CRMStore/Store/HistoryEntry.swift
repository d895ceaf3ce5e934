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

    func encoded() -> [UInt8] {
        var writer = RecordWriter()
        writer.writeValue(.timestamp(time))
        writer.writeValue(.integer(Int64(operation.rawValue)))
        writer.writeVarint(UInt64(changes.count))
        for change in changes {
            writer.writeString(change.field)
            writer.writeValue(change.old)
            writer.writeValue(change.new)
        }
        return writer.bytes
    }

    init(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws {
        var keyReader = OrderedKeyReader(key)
        let code = try keyReader.readByte()
        guard let kind = RecordKind(code: code) else {
            throw StoreError(.corrupt, "a history key names an unknown record kind \(code)")
        }
        self.kind = kind
        self.id = try keyReader.readInt64()
        self.sequence = try keyReader.readBigEndian()
        var reader = try RecordReader(
            record: value, subject: RecordSubject("history entry \(sequence) of \(kind.rawValue)", id: id))
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
