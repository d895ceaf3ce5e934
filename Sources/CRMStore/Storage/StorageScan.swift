import LMDB

/// A walk over the entries of one table whose keys lie in a range, forwards or backwards, on
/// a cursor.
///
///     var scan = try tx.scan(index, .prefix([7]))
///     while let entry = try scan.next() { ... }
///
/// Each entry's bytes are valid until the next call of `next()` (the cursor moves), the next
/// write in the transaction, or its end. Many short walks may share one cursor, one after
/// another: `StorageScan(cursor: kept, range: range)`.
///
/// A class, so that the walk's state changes in place: a struct kept in another object would
/// pay a runtime exclusivity check on every step.
public final class StorageScan {
    private let cursor: any StorageCursor
    /// The keys the walk covers.
    public let range: KeyRange
    /// Whether the walk goes from the largest key down.
    public let reverse: Bool
    private var started = false
    private var done = false

    /// A walk of `range` on `cursor`, which it moves; only one walk may use a cursor at a time.
    public init(cursor: any StorageCursor, range: KeyRange, reverse: Bool = false) {
        self.cursor = cursor
        self.range = range
        self.reverse = reverse
    }

    /// The next entry in the range, or nil at its end (and on every call after that).
    public func next() throws -> StorageEntry? {
        guard !done else { return nil }
        let entry = started ? try step() : try start()
        started = true
        guard let entry, range.contains(entry.key) else {
            done = true
            return nil
        }
        return entry
    }

    private func step() throws -> StorageEntry? {
        reverse ? try cursor.previous() : try cursor.next()
    }

    private func start() throws -> StorageEntry? {
        guard reverse else {
            return range.lower.isEmpty ? try cursor.first() : try cursor.seek(atLeast: range.lower)
        }
        guard let upper = range.upper else { return try cursor.last() }
        // The first key at or past the end of the range; the walk starts just before it.
        return try cursor.seek(atLeast: upper) != nil ? try cursor.previous() : try cursor.last()
    }
}
