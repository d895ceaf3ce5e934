import LMDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Index entries a write transaction has added but not yet put into LMDB.
///
/// A load of 10,000 records adds their entries to each index in no useful order, and a put
/// at a random place in a large B-tree searches from the root and touches a new page each
/// time. Held back and put in key order through one cursor per index, consecutive entries
/// land on the page the cursor is already on. `WriteTransaction` drains an index's entries
/// before it reads or deletes entries of that index, when the write ends, and when the held
/// bytes pass a bound (a long atomic script keeps its heap bounded), so nothing ever sees an
/// index without them.
struct PendingIndexPuts: IndexEntrySink {
    /// One index's held-back entries: each key and then its value, end to end, and where
    /// each entry lies. Flat storage keeps the sort free of reference counting, which an
    /// array of arrays is not.
    private struct Keys {
        var bytes: [UInt8] = []
        var spans: [Span] = []
    }

    private struct Span {
        let start: Int
        let count: Int
        let valueCount: Int
        /// The key's first 8 bytes as a big-endian integer (zero-padded): most comparisons in
        /// the sort are decided by these alone, without a call to `memcmp`.
        let head: UInt64

        var key: Range<Int> { start..<start + count }
        var value: Range<Int> { start + count..<start + count + valueCount }
    }

    private var keys = [Keys](repeating: Keys(), count: StoreSchema.indexes.count)
    /// The ordinals of the indexes with entries held back, in the order they got their first:
    /// draining them all visits these alone.
    private var held: [Int] = []

    /// Holds back `entry`.
    mutating func add(_ entry: IndexEntry) {
        let ordinal = entry.ordinal
        if keys[ordinal].spans.isEmpty { held.append(ordinal) }
        keys[ordinal].spans.append(
            Span(
                start: keys[ordinal].bytes.count, count: entry.key.count, valueCount: entry.value.count,
                head: Self.head(entry.key, start: 0, count: entry.key.count)))
        keys[ordinal].bytes.append(contentsOf: entry.key)
        keys[ordinal].bytes.append(contentsOf: entry.value)
        byteCount += entry.key.count + entry.value.count
    }

    /// Holds back one entry of the index with `ordinal` (see `IndexEntrySink`), its key and
    /// value written straight into the index's buffer.
    mutating func add(ordinal: Int, _ write: (inout OrderedKey) -> Int) {
        if keys[ordinal].spans.isEmpty { held.append(ordinal) }
        let start = keys[ordinal].bytes.count
        var key = OrderedKey(appendingTo: &keys[ordinal].bytes)
        let keyCount = write(&key) - start
        let valueCount = key.bytes.count - start - keyCount
        let head = Self.head(key.bytes, start: start, count: keyCount)
        key.give(back: &keys[ordinal].bytes)
        keys[ordinal].spans.append(Span(start: start, count: keyCount, valueCount: valueCount, head: head))
        byteCount += keyCount + valueCount
    }

    /// Bytes held back in every index together (keys and values).
    private(set) var byteCount = 0

    /// Puts every held-back entry, in key order per index, and forgets them; calls
    /// `afterEachIndex` with the number of entries when an index's entries are in.
    mutating func drainAll(
        into writer: any StorageWriter, tables: Tables, afterEachIndex: (Int) -> Void = { _ in }
    ) throws {
        for ordinal in held.sorted() {
            try drain(ordinal, into: writer, tables: tables, afterEachIndex: afterEachIndex)
        }
    }

    /// Puts the entries held back for the index with `ordinal` alone, in key order, and
    /// forgets them. Entries of one index never meet another's, so a read of one index needs
    /// only its own: a script that updates customers between inserts of interactions then
    /// puts the interactions' entries in long sorted runs, not a few at a time.
    mutating func drain(
        _ ordinal: Int, into writer: any StorageWriter, tables: Tables,
        afterEachIndex: (Int) -> Void = { _ in }
    ) throws {
        guard !keys[ordinal].spans.isEmpty else { return }
        // Forget them first: after a failed put the transaction is aborted anyway, and a
        // second drain must not put the same entries again.
        var list = keys[ordinal]
        keys[ordinal] = Keys()
        held.removeAll { $0 == ordinal }
        byteCount -= list.bytes.count
        let cursor = try writer.cursor(tables.index(ordinal))
        try list.bytes.withUnsafeBytes { bytes in
            list.spans.sort { Self.precedes($0, $1, in: bytes) }
            for span in list.spans {
                try cursor.put(
                    key: UnsafeRawBufferPointer(rebasing: bytes[span.key]),
                    value: UnsafeRawBufferPointer(rebasing: bytes[span.value]))
            }
        }
        afterEachIndex(list.spans.count)
    }

    /// The first (up to) 8 bytes of a key as a big-endian integer, zero-padded.
    private static func head(_ bytes: [UInt8], start: Int, count: Int) -> UInt64 {
        var head: UInt64 = 0
        for offset in 0..<8 {
            head <<= 8
            if offset < count { head |= UInt64(bytes[start + offset]) }
        }
        return head
    }

    /// LMDB's default key order: bytes compared as unsigned, a prefix first.
    private static func precedes(_ left: Span, _ right: Span, in bytes: UnsafeRawBufferPointer) -> Bool {
        // Different heads order the keys as their bytes do; equal heads (or a short key
        // padded with zeros) need the full comparison.
        if left.head != right.head { return left.head < right.head }
        let shared = min(left.count, right.count)
        if shared > 0, let base = bytes.baseAddress {
            let order = memcmp(base + left.start, base + right.start, shared)
            if order != 0 { return order < 0 }
        }
        return left.count < right.count
    }
}
