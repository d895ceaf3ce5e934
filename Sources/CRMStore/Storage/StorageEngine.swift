import LMDB

/// An ordered key-value store with named tables, one writer at a time and many readers: all
/// that records, indexes and history need from storage.
///
/// Keys are byte strings ordered as unsigned bytes, a prefix before every longer key that
/// starts with it (`[0x01] < [0x01, 0x00] < [0x02] < [0x80]`): `memcmp`, then the shorter
/// first, which is LMDB's default order and `KeyRange`'s. A key is 1 to `maxKeySize` bytes; a
/// value is any number of bytes (empty ones too, up to 1 MiB at least).
///
/// Work happens in transactions that live inside a closure:
///
///     let names = try engine.table("names", create: true)
///     try engine.write { tx in try tx.put(names, key: [1], value: Array("Ada".utf8)) }
///     let name = try engine.read { tx in try tx.get(names, key: [1]).map { Array($0) } }
///
/// - A read sees one committed state for the whole of its closure, whatever other threads
///   commit meanwhile, and never waits for the writer.
/// - One write runs at a time; `write` waits for another thread's to finish. A write sees its
///   own changes at once; other transactions see none of them until it commits, and then all.
///   When its closure throws, nothing it wrote is kept and the error comes out unchanged.
/// - Closures do not nest on one thread, except reads: starting a write, or opening a table,
///   inside a read or write closure of the same engine on the same thread throws
///   `.nestedTransaction` (a second write would wait for the one this thread holds, forever).
///   A read inside a write sees the committed state, not the write's changes.
/// - The engine is shared across threads. A reader, writer or cursor belongs to the thread
///   and the closure that received it: see `StorageReader` for how long the bytes it returns
///   stay valid.
///
/// `LMDBStorage` is the one implementation. Every implementation must pass the conformance
/// suite in `Tests/CRMStoreTests/StorageConformance.swift`; errors it reports are
/// `StorageError`s.
public protocol StorageEngine: AnyObject, Sendable {
    /// The longest key `put` accepts, in bytes (LMDB: 511). Reads accept longer keys and find
    /// nothing under them.
    var maxKeySize: Int { get }

    /// Opens the table called `name`, creating it (empty, committed at once) when it does not
    /// exist and `create` is true. Opening one name twice returns equal tables.
    ///
    /// Open every table at start-up, outside any read or write closure: inside one this
    /// throws `.nestedTransaction`. A table opened after a transaction began may not be usable
    /// in that transaction.
    ///
    /// - Throws: `StorageError` `.notFound` when there is no such table and `create` is false
    ///   (or the name belongs to something that is not a table), `.readOnly` when it must be
    ///   created in an engine that cannot write.
    func table(_ name: String, create: Bool) throws -> StorageTable

    /// The names of the tables that exist, in byte order of their UTF-8 form, as committed.
    /// An empty list means an empty store. Like `table(_:create:)`, call it outside closures.
    func tableNames() throws -> [String]

    /// Runs `body` in a read transaction that sees one committed state of every table.
    ///
    /// The reader is valid only during the closure; do not store it, return it or pass it to
    /// another thread (its calls then throw `.transactionEnded`).
    func read<R>(_ body: (any StorageReader) throws -> R) throws -> R

    /// Runs `body` in the write transaction and commits when it returns; when `body` (or the
    /// commit) throws, nothing it wrote is kept and the error is rethrown.
    ///
    /// `body` may run more than once: an implementation that must retry (LMDB when its map
    /// is full: it aborts, grows the map, and runs `body` again from the start) calls it again
    /// with a fresh writer. Keep it free of effects outside the transaction, or make them
    /// repeatable. The writer is valid only during the closure.
    ///
    /// - Throws: `StorageError` `.readOnly` for an engine that cannot write,
    ///   `.nestedTransaction` inside another closure of this engine on this thread, `.full`
    ///   when the data does not fit, and whatever `body` throws.
    @discardableResult
    func write<R>(_ body: (any StorageWriter) throws -> R) throws -> R

    /// Makes every committed write durable, for implementations that may defer it (LMDB with
    /// relaxed durability); otherwise does nothing.
    func sync() throws

    /// Writes a consistent copy of the committed state to a new file at `path`, which the
    /// same implementation can open, while other transactions go on.
    ///
    /// - Throws: `StorageError` `.io` when `path` exists or cannot be written.
    func backup(to path: String) throws

    /// How much space the data takes and how much is set aside, for statistics.
    func usage() throws -> StorageUsage
}
