/// A table of a `StorageEngine`: an opaque handle, valid for the life of the engine that
/// opened it and only with that engine.
///
/// Get one from `StorageEngine.table(_:create:)`; callers never make one.
public struct StorageTable: Hashable, Sendable {
    /// The table's name.
    public let name: String
    /// The implementation's number for the table (LMDB: its place in the engine's list of
    /// open tables); meaningless to callers.
    public let id: Int

    /// A table called `name` that the implementation knows as `id`. For implementations of
    /// `StorageEngine` only.
    public init(name: String, id: Int) {
        self.name = name
        self.id = id
    }

    /// A table a read-only store does not have because a later version added it (a kind
    /// of record the file's writer did not know): it reads as empty, and any write to it
    /// is refused as `.readOnly`.
    public static func absent(_ name: String) -> StorageTable { StorageTable(name: name, id: -1) }

    /// Whether this is an `absent(_:)` table.
    public var isAbsent: Bool { id == -1 }
}

/// The cursor of an absent table: on nothing, and refusing writes.
final class AbsentTableCursor: StorageCursor {
    let table: String

    init(table: String) { self.table = table }

    func first() throws -> StorageEntry? { nil }
    func last() throws -> StorageEntry? { nil }
    func next() throws -> StorageEntry? { nil }
    func previous() throws -> StorageEntry? { nil }
    func seek(atLeast key: UnsafeRawBufferPointer) throws -> StorageEntry? { nil }

    func put(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws {
        throw StorageError(.readOnly, "the table \(table) does not exist in this read-only store")
    }

    func deleteCurrent() throws {
        throw StorageError(.readOnly, "the table \(table) does not exist in this read-only store")
    }
}
