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
}
