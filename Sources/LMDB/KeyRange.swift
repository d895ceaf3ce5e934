/// A range of keys by byte order: from `lower` (inclusive) up to `upper` (exclusive).
public struct KeyRange: Sendable, Equatable {
    /// The smallest key in the range.
    public var lower: [UInt8]
    /// The first key past the range; nil for no upper bound.
    public var upper: [UInt8]?

    /// Keys from `lower` (inclusive) to `upper` (exclusive; nil for no bound).
    public init(from lower: [UInt8], upTo upper: [UInt8]?) {
        self.lower = lower
        self.upper = upper
    }

    /// Every key.
    public static let all = KeyRange(from: [], upTo: nil)

    /// Every key that starts with `prefix`.
    public static func prefix(_ prefix: [UInt8]) -> KeyRange {
        KeyRange(from: prefix, upTo: successor(ofPrefix: prefix))
    }

    /// Whether `key` lies in the range.
    public func contains(_ key: UnsafeRawBufferPointer) -> Bool {
        if compareBytes(key, lower) < 0 { return false }
        if let upper, compareBytes(key, upper) >= 0 { return false }
        return true
    }

    /// The smallest key greater than every key that starts with `prefix`, or nil when there
    /// is none (an empty prefix, or one of only 0xFF bytes).
    public static func successor(ofPrefix prefix: [UInt8]) -> [UInt8]? {
        var bytes = prefix
        while let last = bytes.last {
            if last < 0xFF {
                bytes[bytes.count - 1] = last + 1
                return bytes
            }
            bytes.removeLast()
        }
        return nil
    }
}

/// Compares bytes as LMDB's default key order does: memcmp, then the shorter first.
public func compareBytes(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Int {
    b.withUnsafeBytes { bBytes in compareBytes(a, bBytes) }
}

/// Compares bytes as LMDB's default key order does: memcmp, then the shorter first.
public func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let common = min(a.count, b.count)
    for i in 0..<common where a[i] != b[i] {
        return a[i] < b[i] ? -1 : 1
    }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}

/// A walk over the entries of one database whose keys lie in a range, forwards or backwards.
///
///     var scan = try tx.scan(db, .prefix([7]))
///     while let entry = try scan.next() { ... }
public struct RangeScan {
    private let cursor: Cursor
    /// The keys the walk covers.
    public let range: KeyRange
    /// Whether the walk goes from the largest key down.
    public let reverse: Bool
    private var started = false
    private var done = false

    init(cursor: Cursor, range: KeyRange, reverse: Bool) {
        self.cursor = cursor
        self.range = range
        self.reverse = reverse
    }

    /// The next entry in the range, or nil at its end.
    public mutating func next() throws -> Cursor.Entry? {
        guard !done else { return nil }
        let entry = started ? try step() : try start()
        started = true
        guard let entry, range.contains(entry.key) else {
            done = true
            return nil
        }
        return entry
    }

    private func step() throws -> Cursor.Entry? {
        reverse ? try cursor.previous() : try cursor.next()
    }

    private func start() throws -> Cursor.Entry? {
        guard reverse else {
            return range.lower.isEmpty ? try cursor.first() : try cursor.seek(atLeast: range.lower)
        }
        guard let upper = range.upper else { return try cursor.last() }
        // The first key at or past the end of the range; the walk starts just before it.
        return try cursor.seek(atLeast: upper) != nil ? try cursor.previous() : try cursor.last()
    }
}
