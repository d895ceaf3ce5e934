import CRMStore
import Dispatch
import Foundation
import LMDB  // For KeyRange only: the suite knows engines through the protocols alone.
import Synchronization
import TestSupport
import Testing

/// The behaviour every `StorageEngine` must show, written against the protocols alone, so
/// that the suite runs unchanged for any implementation: give it a way to make a fresh place
/// for data and to open (and reopen) an engine there, and run every `Check`.
///
///     @Test(arguments: StorageConformance.Check.allCases)
///     func conforms(_ check: StorageConformance.Check) throws {
///         try StorageConformance(newLocation: { ... }).run(check)
///     }
///
/// An engine must hold at least 24 tables and values of 1 MiB and more.
struct StorageConformance: Sendable {
    /// A fresh, empty place for an engine's data, and how to open an engine on it.
    struct Location {
        /// Opens an engine on the location; called again to reopen it after the first engine
        /// is gone.
        let open: () throws -> any StorageEngine
        /// Whatever must outlive every engine opened here (a temporary directory).
        let owner: AnyObject?
    }

    /// Makes a new, empty location.
    let newLocation: @Sendable () throws -> Location

    /// One property of the contract, checked on a fresh engine.
    enum Check: String, CaseIterable, Sendable {
        case keysSortAsUnsignedBytesWithPrefixesFirst
        case pointGetHitsMissesAndSeesItsOwnWrites
        case putOverwritesAndNoOverwriteKeepsAndAppendIsAHint
        case deleteHitsAndMisses
        case rangeScansForwardAndBackward
        case cursorOnAnEmptyTableFindsNothing
        case cursorMovesAndSeeks
        case deleteCurrentDuringAWalk
        case cursorPutsInAscendingOrder
        case clearEmptiesOneTable
        case entryCountFollowsWrites
        case aWriteThatThrowsLeavesNothing
        case uncommittedWritesAreInvisibleToOtherThreads
        case aReaderKeepsItsSnapshotWhileAWriterCommits
        case manyReadersSeeOnlyWholeWrites
        case writesRunOneAtATime
        case nestedWritesAndTableOpensAreErrors
        case readersAndCursorsThrowAfterTheirClosure
        case largeValuesRoundTrip
        case emptyAndOverlongKeys
        case manyTablesKeepTheirOwnEntries
        case reopeningSeesCommittedData
        case syncAndUsage
        case randomOperationsMatchASortedModel
    }

    /// Runs `check` on fresh engines.
    func run(_ check: Check) throws {
        switch check {
        case .keysSortAsUnsignedBytesWithPrefixesFirst: try keysSortAsUnsignedBytesWithPrefixesFirst()
        case .pointGetHitsMissesAndSeesItsOwnWrites: try pointGetHitsMissesAndSeesItsOwnWrites()
        case .putOverwritesAndNoOverwriteKeepsAndAppendIsAHint:
            try putOverwritesAndNoOverwriteKeepsAndAppendIsAHint()
        case .deleteHitsAndMisses: try deleteHitsAndMisses()
        case .rangeScansForwardAndBackward: try rangeScansForwardAndBackward()
        case .cursorOnAnEmptyTableFindsNothing: try cursorOnAnEmptyTableFindsNothing()
        case .cursorMovesAndSeeks: try cursorMovesAndSeeks()
        case .deleteCurrentDuringAWalk: try deleteCurrentDuringAWalk()
        case .cursorPutsInAscendingOrder: try cursorPutsInAscendingOrder()
        case .clearEmptiesOneTable: try clearEmptiesOneTable()
        case .entryCountFollowsWrites: try entryCountFollowsWrites()
        case .aWriteThatThrowsLeavesNothing: try aWriteThatThrowsLeavesNothing()
        case .uncommittedWritesAreInvisibleToOtherThreads: try uncommittedWritesAreInvisibleToOtherThreads()
        case .aReaderKeepsItsSnapshotWhileAWriterCommits: try aReaderKeepsItsSnapshotWhileAWriterCommits()
        case .manyReadersSeeOnlyWholeWrites: try manyReadersSeeOnlyWholeWrites()
        case .writesRunOneAtATime: try writesRunOneAtATime()
        case .nestedWritesAndTableOpensAreErrors: try nestedWritesAndTableOpensAreErrors()
        case .readersAndCursorsThrowAfterTheirClosure: try readersAndCursorsThrowAfterTheirClosure()
        case .largeValuesRoundTrip: try largeValuesRoundTrip()
        case .emptyAndOverlongKeys: try emptyAndOverlongKeys()
        case .manyTablesKeepTheirOwnEntries: try manyTablesKeepTheirOwnEntries()
        case .reopeningSeesCommittedData: try reopeningSeesCommittedData()
        case .syncAndUsage: try syncAndUsage()
        case .randomOperationsMatchASortedModel: try randomOperationsMatchASortedModel()
        }
    }

    // MARK: - Order, gets, puts, deletes

    func keysSortAsUnsignedBytesWithPrefixesFirst() throws {
        try withEngine { engine in
            let table = try engine.table("order", create: true)
            let sorted: [[UInt8]] = [
                [0x00], [0x00, 0x00], [0x01], [0x01, 0x00], [0x01, 0xFF], [0x7F], [0x80], [0x80, 0x00, 0x01],
                [0xFF], [0xFF, 0xFF, 0xFF], Array("a".utf8), Array("ab".utf8), Array("abc".utf8),
                Array("b".utf8),
            ].sorted { $0.lexicographicallyPrecedes($1) }
            // Spelled out, so that the expectation does not rest on the sort above alone.
            #expect(sorted.first == [0x00] && sorted.last == [0xFF, 0xFF, 0xFF])
            #expect(sorted.firstIndex(of: [0x7F]).map { $0 + 1 } == sorted.firstIndex(of: [0x80]))
            var rng = SplitMix64(seed: 7)
            try engine.write { tx throws in
                for key in sorted.shuffled(using: &rng) { try tx.put(table, key: key, value: key + [0xEE]) }
            }
            try engine.read { tx throws in
                var forward: [[UInt8]] = []
                let cursor = try tx.cursor(table)
                var entry = try cursor.first()
                while let current = entry {
                    forward.append(Array(current.key))
                    #expect(Array(current.value) == Array(current.key) + [0xEE])
                    entry = try cursor.next()
                }
                #expect(forward == sorted)
                var backward: [[UInt8]] = []
                entry = try cursor.last()
                while let current = entry {
                    backward.append(Array(current.key))
                    entry = try cursor.previous()
                }
                #expect(backward == sorted.reversed())
                #expect(try keys(tx.scan(table)) == sorted)
                #expect(try keys(tx.scan(table, .all, reverse: true)) == sorted.reversed())
            }
        }
    }

    func pointGetHitsMissesAndSeesItsOwnWrites() throws {
        try withEngine { engine in
            let table = try engine.table("gets", create: true)
            let other = try engine.table("other", create: true)
            try engine.write { tx throws in
                try tx.put(table, key: [1], value: [10, 11])
                try tx.put(table, key: [2], value: [])
                try tx.put(table, key: [1, 0], value: [12])
                try tx.put(other, key: [3], value: [13])
            }
            try engine.read { tx throws in
                #expect(try tx.get(table, key: [1]).map(Array.init) == [10, 11])
                let empty = try tx.get(table, key: [2])
                #expect(empty != nil && empty?.count == 0, "an empty value is a hit, not a miss")
                #expect(try tx.get(table, key: [1, 0]).map(Array.init) == [12])
                #expect(try tx.get(table, key: [3]) == nil, "a key of another table")
                #expect(try tx.get(table, key: [1, 0, 0]) == nil)
                #expect(try tx.get(table, key: [0]) == nil)
                #expect(try tx.get(other, key: [1]) == nil)
                #expect(try tx.get(other, key: [3]).map(Array.init) == [13])
                // The pointer form, with a key built on the stack.
                let bits = UInt32(0x0102_0304).bigEndian
                #expect(try withUnsafeBytes(of: bits) { try tx.get(table, key: $0) } == nil)
            }
            try engine.write { tx throws in
                try tx.put(table, key: [5], value: [50])
                #expect(try tx.get(table, key: [5]).map(Array.init) == [50], "a write sees its own put")
                try tx.delete(table, key: [1])
                #expect(try tx.get(table, key: [1]) == nil, "a write sees its own delete")
                try tx.put(table, key: [2], value: [20])
                #expect(try tx.get(table, key: [2]).map(Array.init) == [20])
            }
            try engine.read { tx throws in
                #expect(
                    try entries(tx.scan(table)) == [Pair([1, 0], [12]), Pair([2], [20]), Pair([5], [50])])
            }
        }
    }

    func putOverwritesAndNoOverwriteKeepsAndAppendIsAHint() throws {
        try withEngine { engine in
            let table = try engine.table("puts", create: true)
            try engine.write { tx throws in
                #expect(try tx.put(table, key: [1], value: [1]))
                #expect(try tx.put(table, key: [1], value: [2]), "an overwrite")
                #expect(try tx.get(table, key: [1]).map(Array.init) == [2])
                #expect(try !tx.put(table, key: [1], value: [3], flags: .noOverwrite))
                #expect(try tx.get(table, key: [1]).map(Array.init) == [2], ".noOverwrite keeps the value")
                #expect(try tx.put(table, key: [2], value: [4], flags: .noOverwrite))
                #expect(try tx.put(table, key: [3], value: [5], flags: .append), "in order")
                #expect(try tx.put(table, key: [0], value: [6], flags: .append), "out of order: still stored")
                #expect(
                    try tx.put(table, key: [3], value: [7], flags: .append), "equal to the last: replaced")
                #expect(try !tx.put(table, key: [3], value: [8], flags: [.append, .noOverwrite]))
                #expect(try tx.put(table, key: [0, 5], value: [9], flags: [.append, .noOverwrite]))
                #expect(try tx.put(table, key: [9], value: [10], flags: [.append, .noOverwrite]))
                #expect(try !tx.put(table, key: [0, 5], value: [11], flags: [.append, .noOverwrite]))
            }
            try engine.read { tx throws in
                let expected = [
                    Pair([0], [6]), Pair([0, 5], [9]), Pair([1], [2]), Pair([2], [4]), Pair([3], [7]),
                    Pair([9], [10]),
                ]
                #expect(try entries(tx.scan(table)) == expected)
                #expect(try tx.entryCount(table) == 6)
            }
        }
    }

    func deleteHitsAndMisses() throws {
        try withEngine { engine in
            let table = try engine.table("deletes", create: true)
            try engine.write { tx throws in
                for key: UInt8 in 1...3 { try tx.put(table, key: [key], value: [key]) }
            }
            try engine.write { tx throws in
                #expect(try tx.delete(table, key: [2]))
                #expect(try !tx.delete(table, key: [2]), "already gone")
                #expect(try !tx.delete(table, key: [4]))
                #expect(try !tx.delete(table, key: [1, 0]), "a longer key that only starts with one stored")
            }
            try engine.read { tx throws in
                #expect(try keys(tx.scan(table)) == [[1], [3]])
            }
        }
    }

    // MARK: - Range scans and cursors

    func rangeScansForwardAndBackward() throws {
        try withEngine { engine in
            let table = try engine.table("ranges", create: true)
            let empty = try engine.table("empty", create: true)
            let stored: [[UInt8]] = [
                [0x10], [0x10, 0x00], [0x10, 0x01], [0x10, 0xFF], [0x11], [0x20], [0x20, 0x05], [0xFF],
                [0xFF, 0xFF],
            ]
            try engine.write { tx throws in
                for key in stored.reversed() { try tx.put(table, key: key, value: key + [0xAA]) }
            }
            let cases: [(KeyRange, [[UInt8]], String)] = [
                (.all, stored, "everything"),
                (KeyRange(from: [0x10, 0x01], upTo: nil), Array(stored[2...]), "from a key, open above"),
                (KeyRange(from: [], upTo: [0x11]), Array(stored[..<4]), "open below, to a key (excluded)"),
                (KeyRange(from: [0x10, 0x00], upTo: [0x20]), Array(stored[1...4]), "both ends keys"),
                (
                    KeyRange(from: [0x10, 0x80], upTo: [0x20, 0x00]), [[0x10, 0xFF], [0x11], [0x20]],
                    "ends between keys"
                ),
                (KeyRange(from: [0x11], upTo: [0x20, 0x05]), [[0x11], [0x20]], "upper end an existing key"),
                (.prefix([0x10]), Array(stored[..<4]), "a prefix"),
                (.prefix([0x20]), [[0x20], [0x20, 0x05]], "a prefix that is a key"),
                (.prefix([0xFF]), [[0xFF], [0xFF, 0xFF]], "a prefix of 0xFF: no upper bound"),
                (.prefix([0x30]), [], "a prefix of nothing"),
                (KeyRange(from: [0x21], upTo: [0xFF]), [], "between keys"),
                (KeyRange(from: [0x20], upTo: [0x20]), [], "empty"),
                (KeyRange(from: [0x30], upTo: [0x10]), [], "upside down"),
                (KeyRange(from: [0xFF, 0xFF, 0x00], upTo: nil), [], "past the last key"),
                (KeyRange(from: [], upTo: [0x00]), [], "before the first key"),
                (KeyRange(from: [], upTo: [0xFF, 0xFF, 0x00]), stored, "upper end past the last key"),
                (KeyRange(from: [0x00], upTo: [0x10, 0x00]), [[0x10]], "one key"),
            ]
            try engine.read { tx throws in
                for (range, expected, label) in cases {
                    var scan = try tx.scan(table, range)
                    var forward: [[UInt8]] = []
                    while let entry = try scan.next() {
                        forward.append(Array(entry.key))
                        #expect(Array(entry.value) == Array(entry.key) + [0xAA], "\(label)")
                    }
                    let afterEnd = try scan.next()
                    #expect(afterEnd == nil, "\(label): ended for good")
                    #expect(forward == expected, "\(label), forward")
                    #expect(
                        try keys(tx.scan(table, range, reverse: true)) == expected.reversed(),
                        "\(label), backward")
                    #expect(try keys(tx.scan(empty, range)).isEmpty, "\(label), empty table")
                    #expect(
                        try keys(tx.scan(empty, range, reverse: true)).isEmpty,
                        "\(label), empty table backward")
                }
                // Short walks one after another on one cursor.
                let kept = try tx.cursor(table)
                for (range, expected, label) in cases {
                    var scan = StorageScan(cursor: kept, range: range, reverse: true)
                    let walked = try keys(&scan)
                    #expect(walked == expected.reversed(), "\(label), reused cursor")
                }
            }
        }
    }

    func cursorOnAnEmptyTableFindsNothing() throws {
        try withEngine { engine in
            let table = try engine.table("empty", create: true)
            try engine.read { tx throws in
                let cursor = try tx.cursor(table)
                #expect(try cursor.first() == nil)
                #expect(try cursor.last() == nil)
                #expect(try cursor.next() == nil)
                #expect(try cursor.previous() == nil)
                #expect(try cursor.seek(atLeast: [1]) == nil)
                #expect(try cursor.seek(atLeast: []) == nil)
                #expect(try tx.cursor(table).next() == nil)
                #expect(try tx.cursor(table).previous() == nil)
            }
            expectError(.other, "deleteCurrent on no entry") {
                try engine.write { tx throws in try tx.cursor(table).deleteCurrent() }
            }
        }
    }

    func cursorMovesAndSeeks() throws {
        try withEngine { engine in
            let table = try engine.table("moves", create: true)
            try engine.write { tx throws in
                for key: [UInt8] in [[0x10], [0x20], [0x20, 0x00], [0x30]] {
                    try tx.put(table, key: key, value: [key.count == 1 ? key[0] : 0x21])
                }
            }
            try engine.read { tx throws in
                #expect(try keyOf(tx.cursor(table).next()) == [0x10], "next on a new cursor is first")
                #expect(try keyOf(tx.cursor(table).previous()) == [0x30], "previous on a new cursor is last")
                let cursor = try tx.cursor(table)
                let first = try cursor.first()
                #expect(keyOf(first) == [0x10] && first.map { Array($0.value) } == [0x10])
                #expect(try keyOf(cursor.next()) == [0x20])
                let third = try cursor.next()
                #expect(keyOf(third) == [0x20, 0x00] && third.map { Array($0.value) } == [0x21])
                #expect(try keyOf(cursor.previous()) == [0x20])
                #expect(try keyOf(cursor.last()) == [0x30])
                #expect(try keyOf(cursor.previous()) == [0x20, 0x00])
                #expect(try keyOf(cursor.last()) == [0x30])
                #expect(try cursor.next() == nil, "past the end")
                #expect(try keyOf(cursor.first()) == [0x10])
                #expect(try cursor.previous() == nil, "before the start")
                #expect(try keyOf(cursor.seek(atLeast: [0x20])) == [0x20], "an exact key")
                #expect(try keyOf(cursor.seek(atLeast: [0x20, 0x00, 0x00])) == [0x30], "past a longer key")
                #expect(try keyOf(cursor.seek(atLeast: [0x15])) == [0x20], "between keys")
                #expect(try keyOf(cursor.previous()) == [0x10], "previous after a seek")
                #expect(try keyOf(cursor.seek(atLeast: [0x00])) == [0x10], "before every key")
                #expect(try keyOf(cursor.seek(atLeast: [])) == [0x10], "the empty key is below every key")
                #expect(try cursor.seek(atLeast: [0x31]) == nil, "past every key")
                #expect(try keyOf(cursor.seek(atLeast: [0x20, 0x00])) == [0x20, 0x00])
                #expect(try keyOf(cursor.next()) == [0x30])
            }
        }
    }

    func deleteCurrentDuringAWalk() throws {
        try withEngine { engine in
            let table = try engine.table("walk", create: true)
            let history = try engine.table("history", create: true)
            try engine.write { tx throws in
                for key: UInt8 in 1...10 { try tx.put(table, key: [key], value: [key]) }
                for key: [UInt8] in [[1, 0], [1, 1], [1, 2], [2, 0], [2, 1], [2, 2], [3]] {
                    try tx.put(history, key: key, value: [])
                }
            }
            try engine.write { tx throws in
                // Every other entry, walking forwards: next() after a delete gives the follower.
                let cursor = try tx.cursor(table)
                var entry = try cursor.first()
                var deleteThis = true
                while let current = entry {
                    if deleteThis {
                        let deleted = Array(current.key)
                        try cursor.deleteCurrent()
                        entry = try cursor.next()
                        #expect(keyOf(entry) == (deleted[0] < 10 ? [deleted[0] + 1] : nil))
                    } else {
                        entry = try cursor.next()
                    }
                    deleteThis.toggle()
                }
                #expect(try keys(tx.scan(table)) == [[2], [4], [6], [8], [10]])
                // previous() after a delete gives the entry before the deleted one.
                #expect(try keyOf(cursor.seek(atLeast: [6])) == [6])
                try cursor.deleteCurrent()
                #expect(try keyOf(cursor.previous()) == [4])
                #expect(try keyOf(cursor.next()) == [8])
                // The last entry, then the first.
                #expect(try keyOf(cursor.last()) == [10])
                try cursor.deleteCurrent()
                #expect(try cursor.next() == nil)
                #expect(try keyOf(cursor.first()) == [2])
                try cursor.deleteCurrent()
                #expect(try cursor.previous() == nil)
                #expect(try keys(tx.scan(table)) == [[4], [8]])

                // A prefix range, as history erases one record's entries.
                let range = KeyRange.prefix([2])
                let walker = try tx.cursor(history)
                var position = try walker.seek(atLeast: range.lower)
                var deleted = 0
                while let current = position, range.contains(current.key) {
                    try walker.deleteCurrent()
                    deleted += 1
                    position = try walker.next()
                }
                #expect(deleted == 3)
                #expect(keyOf(position) == [3])
            }
            try engine.read { tx throws in
                #expect(try keys(tx.scan(table)) == [[4], [8]])
                #expect(try keys(tx.scan(history)) == [[1, 0], [1, 1], [1, 2], [3]])
            }
            expectError(.other, "a second deleteCurrent without a move") {
                try engine.write { tx throws in
                    let cursor = try tx.cursor(table)
                    _ = try cursor.first()
                    try cursor.deleteCurrent()
                    try cursor.deleteCurrent()
                }
            }
            try engine.read { tx throws in #expect(try keys(tx.scan(table)) == [[4], [8]]) }
        }
    }

    func cursorPutsInAscendingOrder() throws {
        try withEngine { engine in
            let table = try engine.table("bulk", create: true)
            let count = 2_000
            try engine.write { tx throws in
                let cursor = try tx.cursor(table)
                for i in 0..<count {
                    let key = [UInt8(i >> 8), UInt8(i & 0xFF)]
                    let value = [UInt8(truncatingIfNeeded: i &* 7)]
                    try key.withUnsafeBytes { k in
                        try value.withUnsafeBytes { v in try cursor.put(key: k, value: v) }
                    }
                }
                #expect(try cursor.next() == nil, "the cursor stays on the last key put")
                try [UInt8]([0x00, 0x05]).withUnsafeBytes { k in
                    try [UInt8]([0xEE]).withUnsafeBytes { v in try cursor.put(key: k, value: v) }
                }
                try [UInt8]([0x00, 0x05, 0x01]).withUnsafeBytes { k in
                    try [UInt8]([0xEF]).withUnsafeBytes { v in try cursor.put(key: k, value: v) }
                }
                #expect(try keyOf(cursor.next()) == [0x00, 0x06], "a put out of order, then next()")
            }
            try engine.read { tx throws in
                #expect(try tx.entryCount(table) == count + 1)
                var expected: [[UInt8]] = (0..<count).map { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
                expected.insert([0x00, 0x05, 0x01], at: 6)
                #expect(try keys(tx.scan(table)) == expected)
                #expect(try tx.get(table, key: [0x00, 0x05]).map(Array.init) == [0xEE], "replaced")
                #expect(
                    try tx.get(table, key: [0x07, 0xCF]).map(Array.init) == [
                        UInt8(truncatingIfNeeded: 1999 &* 7)
                    ])
            }
            expectError(.readOnly, "a cursor put in a read") {
                try engine.read { tx throws in
                    try [UInt8]([9]).withUnsafeBytes { k in try tx.cursor(table).put(key: k, value: k) }
                }
            }
            expectError(.readOnly, "deleteCurrent in a read") {
                try engine.read { tx throws in
                    let cursor = try tx.cursor(table)
                    _ = try cursor.first()
                    try cursor.deleteCurrent()
                }
            }
        }
    }

    func clearEmptiesOneTable() throws {
        try withEngine { engine in
            let cleared = try engine.table("cleared", create: true)
            let kept = try engine.table("kept", create: true)
            try engine.write { tx throws in
                for i: UInt8 in 0..<100 {
                    try tx.put(cleared, key: [i], value: [i])
                    try tx.put(kept, key: [i], value: [i])
                }
            }
            try engine.write { tx throws in
                try tx.clear(cleared)
                #expect(try tx.entryCount(cleared) == 0)
                #expect(try tx.get(cleared, key: [5]) == nil)
                #expect(try tx.cursor(cleared).first() == nil)
                #expect(try tx.entryCount(kept) == 100)
                try tx.put(cleared, key: [7], value: [70])
            }
            try engine.read { tx throws in
                #expect(try entries(tx.scan(cleared)) == [Pair([7], [70])])
                #expect(try tx.entryCount(kept) == 100)
            }
            try engine.write { tx throws in try tx.clear(cleared) }
            try engine.write { tx throws in try tx.clear(cleared) }  // Clearing an empty table is fine.
            try engine.read { tx throws in #expect(try tx.entryCount(cleared) == 0) }
        }
    }

    func entryCountFollowsWrites() throws {
        try withEngine { engine in
            let table = try engine.table("counts", create: true)
            try engine.read { tx throws in #expect(try tx.entryCount(table) == 0) }
            try engine.write { tx throws in
                for i: UInt8 in 0..<3 { try tx.put(table, key: [i], value: []) }
                #expect(try tx.entryCount(table) == 3, "a write counts its own puts")
                try tx.put(table, key: [1], value: [1])
                try tx.put(table, key: [2], value: [2], flags: .noOverwrite)
                #expect(try tx.entryCount(table) == 3, "overwrites add nothing")
                try tx.delete(table, key: [0])
                try tx.delete(table, key: [9])
                #expect(try tx.entryCount(table) == 2)
            }
            try engine.read { tx throws in #expect(try tx.entryCount(table) == 2) }
        }
    }

    func aWriteThatThrowsLeavesNothing() throws {
        struct Boom: Error, Equatable { let id: Int }
        try withEngine { engine in
            let table = try engine.table("rollback", create: true)
            let other = try engine.table("other", create: true)
            try engine.write { tx throws in
                for i: UInt8 in 1...5 { try tx.put(table, key: [i], value: [i]) }
                try tx.put(other, key: [1], value: [1])
            }
            #expect(throws: Boom(id: 42), "the closure's error comes out unchanged") {
                try engine.write { tx throws in
                    try tx.put(table, key: [9], value: [9])
                    try tx.put(table, key: [1], value: [100])
                    try tx.delete(table, key: [2])
                    let cursor = try tx.cursor(table)
                    _ = try cursor.last()
                    try cursor.deleteCurrent()
                    try [UInt8]([8]).withUnsafeBytes { try cursor.put(key: $0, value: $0) }
                    try tx.clear(other)
                    throw Boom(id: 42)
                }
            }
            try engine.read { tx throws in
                #expect(try entries(tx.scan(table)) == (1...5).map { Pair([UInt8($0)], [UInt8($0)]) })
                #expect(try tx.entryCount(other) == 1)
            }
            // The engine writes on normally afterwards.
            try engine.write { tx throws in try tx.put(table, key: [6], value: [6]) }
            try engine.read { tx throws in #expect(try tx.entryCount(table) == 6) }
        }
    }

    // MARK: - Threads

    func uncommittedWritesAreInvisibleToOtherThreads() throws {
        try withEngine { engine in
            let table = try engine.table("isolation", create: true)
            try engine.write { tx throws in try tx.put(table, key: [1], value: [1]) }
            let written = DispatchSemaphore(value: 0)
            let commit = DispatchSemaphore(value: 0)
            let writer = BackgroundThread.start {
                var first = true
                try engine.write { tx throws in
                    try tx.put(table, key: [1], value: [2])
                    try tx.put(table, key: [2], value: [2])
                    // A repeated run (the engine retrying) does not wait again.
                    if first {
                        first = false
                        written.signal()
                        commit.wait()
                    }
                }
            }
            defer { commit.signal() }  // Never leave the writer waiting, whatever happens here.
            guard written.wait(timeout: .now() + 20) == .success else {
                Issue.record("the writer did not get to its put: \(writer.join() ?? "no error")")
                return
            }
            try engine.read { tx throws in
                #expect(try tx.get(table, key: [1]).map(Array.init) == [1], "the write has not committed")
                #expect(try tx.get(table, key: [2]) == nil)
                #expect(try tx.entryCount(table) == 1)
            }
            commit.signal()
            if let failure = writer.join() { Issue.record("the writer failed: \(failure)") }
            try engine.read { tx throws in
                #expect(try tx.get(table, key: [1]).map(Array.init) == [2], "committed")
                #expect(try tx.get(table, key: [2]).map(Array.init) == [2])
                #expect(try tx.entryCount(table) == 2)
            }
        }
    }

    func aReaderKeepsItsSnapshotWhileAWriterCommits() throws {
        try withEngine { engine in
            let table = try engine.table("snapshot", create: true)
            try engine.write { tx throws in
                for i: UInt8 in 0..<10 { try tx.put(table, key: [i], value: [1]) }
            }
            try engine.read { tx throws in
                #expect(try tx.get(table, key: [0]).map(Array.init) == [1])
                let writer = BackgroundThread.start {
                    try engine.write { tx throws in
                        for i: UInt8 in 0..<10 { try tx.put(table, key: [i], value: [2]) }
                        try tx.put(table, key: [10], value: [2])
                        try tx.delete(table, key: [5])
                    }
                }
                if let failure = writer.join() { Issue.record("the writer failed: \(failure)") }
                // Committed now, but not in this snapshot.
                #expect(try tx.get(table, key: [0]).map(Array.init) == [1])
                #expect(try tx.get(table, key: [5]).map(Array.init) == [1])
                #expect(try tx.get(table, key: [10]) == nil)
                #expect(try tx.entryCount(table) == 10)
                #expect(try entries(tx.scan(table)) == (0..<10).map { Pair([UInt8($0)], [1]) })
                // A read begun now sees the commit.
                let fresh = try readOnAnotherThread(engine) { tx in
                    try tx.get(table, key: [0]).map(Array.init)
                }
                #expect(fresh == [2])
            }
            try engine.read { tx throws in
                #expect(try tx.entryCount(table) == 10)
                #expect(try tx.get(table, key: [5]) == nil)
                #expect(try tx.get(table, key: [10]).map(Array.init) == [2])
            }
        }
    }

    func manyReadersSeeOnlyWholeWrites() throws {
        try withEngine { engine in
            let table = try engine.table("balance", create: true)
            try engine.write { tx throws in
                try tx.put(table, key: [1], value: Self.bytes(1_000))
                try tx.put(table, key: [2], value: Self.bytes(0))
            }
            let writes = 60
            let writer = BackgroundThread.start {
                for i in 0..<writes {
                    try engine.write { tx throws in
                        let a = Self.amount(try tx.get(table, key: [1]))
                        let b = Self.amount(try tx.get(table, key: [2]))
                        try tx.put(table, key: [1], value: Self.bytes(a - i))
                        try tx.put(table, key: [2], value: Self.bytes(b + i))
                        // Inserted in pairs: readers must never see an odd count.
                        try tx.put(table, key: [3, UInt8(i)], value: [])
                        try tx.put(table, key: [4, UInt8(i)], value: [])
                    }
                }
            }
            let readers = (0..<4).map { _ in
                BackgroundThread.start {
                    for _ in 0..<60 {
                        try engine.read { tx throws in
                            let a = Self.amount(try tx.get(table, key: [1]))
                            let b = Self.amount(try tx.get(table, key: [2]))
                            let count = try tx.entryCount(table)
                            var scanned = 0
                            var scan = try tx.scan(table, KeyRange(from: [3], upTo: [5]))
                            while try scan.next() != nil { scanned += 1 }
                            guard a + b == 1_000, count % 2 == 0, scanned == count - 2 else {
                                throw StorageError(
                                    .other, "saw half a write: \(a) + \(b), \(count), \(scanned)")
                            }
                        }
                    }
                }
            }
            for thread in [writer] + readers {
                if let failure = thread.join() { Issue.record("\(failure)") }
            }
            try engine.read { tx throws in #expect(try tx.entryCount(table) == 2 + 2 * writes) }
        }
    }

    private static func amount(_ bytes: UnsafeRawBufferPointer?) -> Int {
        guard let bytes, bytes.count == 8 else { return -1_000_000 }
        return Int(Int64(bigEndian: bytes.loadUnaligned(as: Int64.self)))
    }

    private static func bytes(_ value: Int) -> [UInt8] {
        withUnsafeBytes(of: Int64(value).bigEndian) { Array($0) }
    }

    func writesRunOneAtATime() throws {
        try withEngine { engine in
            let table = try engine.table("counter", create: true)
            try engine.write { tx throws in try tx.put(table, key: [1], value: [0, 0]) }
            let perThread = 40
            let writers = (0..<3).map { _ in
                BackgroundThread.start {
                    for _ in 0..<perThread {
                        try engine.write { tx throws in
                            // A read-modify-write: two at once would lose increments.
                            guard let bytes = try tx.get(table, key: [1]), bytes.count == 2 else {
                                throw StorageError(.other, "the counter is missing")
                            }
                            let value = Int(bytes[0]) << 8 | Int(bytes[1])
                            try tx.put(
                                table, key: [1], value: [UInt8((value + 1) >> 8), UInt8((value + 1) & 0xFF)])
                        }
                    }
                }
            }
            for writer in writers {
                if let failure = writer.join() { Issue.record("\(failure)") }
            }
            try engine.read { tx throws in
                #expect(try tx.get(table, key: [1]).map(Array.init) == [0, UInt8(3 * perThread)])
            }
        }
    }

    // MARK: - Misuse

    func nestedWritesAndTableOpensAreErrors() throws {
        try withEngine { engine in
            let table = try engine.table("nesting", create: true)
            try engine.write { tx throws in try tx.put(table, key: [1], value: [1]) }
            expectError(.nestedTransaction, "a write inside a write") {
                try engine.write { tx throws in
                    try tx.put(table, key: [2], value: [2])
                    try engine.write { inner throws in try inner.put(table, key: [3], value: [3]) }
                }
            }
            expectError(.nestedTransaction, "a write inside a read") {
                try engine.read { _ throws in
                    try engine.write { tx throws in try tx.put(table, key: [4], value: [4]) }
                }
            }
            expectError(.nestedTransaction, "a table opened inside a read") {
                try engine.read { _ throws in _ = try engine.table("later", create: true) }
            }
            expectError(.nestedTransaction, "a table opened inside a write") {
                try engine.write { _ throws in _ = try engine.table("nesting", create: false) }
            }
            expectError(.nestedTransaction, "tables listed inside a write") {
                try engine.write { _ throws in _ = try engine.tableNames() }
            }
            // Reads nest, and a read inside a write sees the committed state.
            try engine.read { outer throws in
                let inner = try engine.read { tx throws in try tx.get(table, key: [1]).map(Array.init) }
                #expect(inner == [1])
                #expect(try outer.get(table, key: [1]).map(Array.init) == [1])
            }
            try engine.write { tx throws in
                try tx.put(table, key: [1], value: [10])
                let committed = try engine.read { inner throws in
                    try inner.get(table, key: [1]).map(Array.init)
                }
                #expect(committed == [1], "a read inside a write sees what was committed")
                #expect(try tx.get(table, key: [1]).map(Array.init) == [10])
            }
            // Nothing of the refused writes was kept, and the engine works on.
            try engine.read { tx throws in
                #expect(try keys(tx.scan(table)) == [[1]])
                #expect(try tx.get(table, key: [1]).map(Array.init) == [10])
            }
            #expect(try engine.tableNames() == ["nesting"])
            _ = try engine.table("later", create: true)
            try engine.write { tx throws in try tx.put(table, key: [5], value: [5]) }
        }
    }

    func readersAndCursorsThrowAfterTheirClosure() throws {
        try withEngine { engine in
            let table = try engine.table("escape", create: true)
            try engine.write { tx throws in try tx.put(table, key: [1], value: [1]) }
            let reader = try engine.read { $0 }
            expectError(.transactionEnded, "get") { _ = try reader.get(table, key: [1]) }
            expectError(.transactionEnded, "get of an empty key") { _ = try reader.get(table, key: []) }
            expectError(.transactionEnded, "entryCount") { _ = try reader.entryCount(table) }
            expectError(.transactionEnded, "cursor") { _ = try reader.cursor(table) }
            expectError(.transactionEnded, "scan") {
                var scan = try reader.scan(table)
                _ = try scan.next()
            }
            let cursor = try engine.read { tx throws in
                let cursor = try tx.cursor(table)
                _ = try cursor.first()
                return cursor
            }
            expectError(.transactionEnded, "first") { _ = try cursor.first() }
            expectError(.transactionEnded, "last") { _ = try cursor.last() }
            expectError(.transactionEnded, "next") { _ = try cursor.next() }
            expectError(.transactionEnded, "previous") { _ = try cursor.previous() }
            expectError(.transactionEnded, "seek") { _ = try cursor.seek(atLeast: [1]) }
            let writer = try engine.write { $0 }
            expectError(.transactionEnded, "put") { try writer.put(table, key: [2], value: [2]) }
            expectError(.transactionEnded, "delete") { try writer.delete(table, key: [1]) }
            expectError(.transactionEnded, "delete of an empty key") { try writer.delete(table, key: []) }
            expectError(.transactionEnded, "clear") { try writer.clear(table) }
            expectError(.transactionEnded, "get in a write") { _ = try writer.get(table, key: [1]) }
            let writeCursor = try engine.write { tx throws in
                let cursor = try tx.cursor(table)
                _ = try cursor.first()
                return cursor
            }
            expectError(.transactionEnded, "cursor put") {
                try [UInt8]([3]).withUnsafeBytes { try writeCursor.put(key: $0, value: $0) }
            }
            expectError(.transactionEnded, "deleteCurrent") { try writeCursor.deleteCurrent() }
            expectError(.transactionEnded, "next in a write") { _ = try writeCursor.next() }
            try engine.read { tx throws in #expect(try entries(tx.scan(table)) == [Pair([1], [1])]) }
        }
    }

    // MARK: - Sizes

    func largeValuesRoundTrip() throws {
        try withEngine { engine in
            let table = try engine.table("large", create: true)
            let mebibyte = Self.randomBytes(1 << 20, seed: 1)
            let larger = Self.randomBytes((1 << 20) + 3, seed: 2)
            try engine.write { tx throws in
                try tx.put(table, key: [1], value: mebibyte)
                try tx.put(table, key: [2], value: larger)
                try tx.put(table, key: [3], value: [7])
                #expect(Self.same(try tx.get(table, key: [1]), mebibyte))
            }
            try engine.read { tx throws in
                #expect(Self.same(try tx.get(table, key: [1]), mebibyte))
                #expect(Self.same(try tx.get(table, key: [2]), larger))
                let cursor = try tx.cursor(table)
                #expect(Self.same(try cursor.first()?.value, mebibyte))
                #expect(Self.same(try cursor.next()?.value, larger))
                #expect(try cursor.next().map { Array($0.value) } == [7])
            }
            try engine.write { tx throws in
                try tx.put(table, key: [1], value: [1])
                try tx.put(table, key: [3], value: mebibyte)
            }
            try engine.read { tx throws in
                #expect(try tx.get(table, key: [1]).map(Array.init) == [1])
                #expect(Self.same(try tx.get(table, key: [3]), mebibyte))
                #expect(try tx.entryCount(table) == 3)
            }
        }
    }

    /// `count` random bytes, made eight at a time (a byte-wise loop is slow in debug builds).
    private static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                raw.storeBytes(of: rng.next(), toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            for index in offset..<raw.count { raw[index] = UInt8(truncatingIfNeeded: rng.next()) }
        }
        return bytes
    }

    /// Whether `bytes` holds exactly `expected` (with `memcmp`, for megabytes).
    private static func same(_ bytes: UnsafeRawBufferPointer?, _ expected: [UInt8]) -> Bool {
        guard let bytes, bytes.count == expected.count else { return false }
        return expected.withUnsafeBytes { wanted in
            guard let left = wanted.baseAddress, let right = bytes.baseAddress else { return bytes.isEmpty }
            return memcmp(left, right, bytes.count) == 0
        }
    }

    func emptyAndOverlongKeys() throws {
        try withEngine { engine in
            let table = try engine.table("keys", create: true)
            let limit = engine.maxKeySize
            #expect(limit >= 64)
            let longest = [UInt8](repeating: 0xAB, count: limit)
            let tooLong = longest + [0x00]
            try engine.write { tx throws in
                #expect(try tx.put(table, key: longest, value: [1]))
                try tx.put(table, key: [0xAC], value: [2])
            }
            expectError(.invalidKey, "an empty key") {
                try engine.write { tx throws in try tx.put(table, key: [], value: [1]) }
            }
            expectError(.invalidKey, "a key one byte too long") {
                try engine.write { tx throws in try tx.put(table, key: tooLong, value: [1]) }
            }
            expectError(.invalidKey, "an empty key through a cursor") {
                try engine.write { tx throws in
                    try [UInt8]().withUnsafeBytes { key in
                        try [UInt8]([1]).withUnsafeBytes { try tx.cursor(table).put(key: key, value: $0) }
                    }
                }
            }
            expectError(.invalidKey, "a key too long through a cursor") {
                try engine.write { tx throws in
                    try tooLong.withUnsafeBytes { key in
                        try [UInt8]([1]).withUnsafeBytes { try tx.cursor(table).put(key: key, value: $0) }
                    }
                }
            }
            try engine.read { tx throws in
                #expect(try tx.get(table, key: longest).map(Array.init) == [1])
                #expect(try tx.get(table, key: []) == nil, "no entry has an empty key")
                #expect(try tx.get(table, key: tooLong) == nil, "no entry has a key too long")
                let cursor = try tx.cursor(table)
                #expect(try keyOf(cursor.seek(atLeast: [])) == longest)
                #expect(
                    try keyOf(cursor.seek(atLeast: tooLong)) == [0xAC], "a seek past a key too long to store")
                #expect(try tx.entryCount(table) == 2)
            }
            try engine.write { tx throws in
                #expect(try !tx.delete(table, key: []))
                #expect(try !tx.delete(table, key: tooLong))
            }
            try engine.read { tx throws in #expect(try tx.entryCount(table) == 2) }
        }
    }

    // MARK: - Tables and files

    func manyTablesKeepTheirOwnEntries() throws {
        try withEngine { engine in
            #expect(try engine.tableNames() == [])
            let names = (0..<20).map { "table.\($0)" } + ["customer", "customer.summary", "index:name"]
            let tables = try names.map { try engine.table($0, create: true) }
            #expect(Set(tables).count == names.count)
            #expect(tables.map(\.name) == names)
            #expect(try engine.table(names[3], create: false) == tables[3], "opened again: the same table")
            #expect(try engine.table(names[3], create: true) == tables[3])
            expectError(.notFound, "a table never made") { _ = try engine.table("missing", create: false) }
            try engine.write { tx throws in
                for (i, table) in tables.enumerated() {
                    try tx.put(table, key: [1], value: [UInt8(i)])
                    for j in 0..<i { try tx.put(table, key: [2, UInt8(j)], value: []) }
                }
            }
            try engine.read { tx throws in
                for (i, table) in tables.enumerated() {
                    #expect(try tx.get(table, key: [1]).map(Array.init) == [UInt8(i)], "\(table.name)")
                    #expect(try tx.entryCount(table) == 1 + i, "\(table.name)")
                }
            }
            try engine.write { tx throws in try tx.clear(tables[5]) }
            try engine.read { tx throws in
                #expect(try tx.entryCount(tables[5]) == 0)
                #expect(try tx.entryCount(tables[6]) == 7)
            }
            #expect(try engine.tableNames() == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        }
    }

    func reopeningSeesCommittedData() throws {
        let location = try newLocation()
        try withExtendedLifetime(location) {
            do {
                let engine = try location.open()
                let kept = try engine.table("kept", create: true)
                let other = try engine.table("other", create: true)
                try engine.write { tx throws in
                    try tx.put(kept, key: [1], value: [42])
                    try tx.put(kept, key: [2], value: [43])
                    try tx.put(other, key: [1], value: [])
                }
                try? engine.write { tx throws in
                    try tx.put(kept, key: [3], value: [44])
                    throw StorageError(.other, "rolled back")
                }
                try engine.sync()
            }
            let engine = try location.open()
            #expect(try engine.tableNames() == ["kept", "other"])
            let kept = try engine.table("kept", create: false)
            let other = try engine.table("other", create: false)
            expectError(.notFound, "a table never made") { _ = try engine.table("never", create: false) }
            try engine.read { tx throws in
                #expect(try entries(tx.scan(kept)) == [Pair([1], [42]), Pair([2], [43])])
                #expect(try tx.entryCount(other) == 1)
            }
            try engine.write { tx throws in try tx.put(kept, key: [3], value: [45]) }
            try engine.read { tx throws in #expect(try tx.entryCount(kept) == 3) }
        }
    }

    func syncAndUsage() throws {
        try withEngine { engine in
            let table = try engine.table("usage", create: true)
            let before = try engine.usage()
            #expect(before.bytesUsed > 0)
            #expect(before.bytesAllocated >= before.bytesUsed)
            try engine.write { tx throws in
                for i in 0..<64 {
                    try tx.put(table, key: [UInt8(i)], value: [UInt8](repeating: UInt8(i), count: 4_096))
                }
            }
            try engine.sync()
            let after = try engine.usage()
            #expect(after.bytesUsed >= before.bytesUsed + 64 * 4_096)
            #expect(after.bytesAllocated >= after.bytesUsed)
        }
    }

    // MARK: - A model

    /// Thousands of random puts, deletes, gets, scans, cursor walks and deletes through
    /// cursors, in writes that commit or throw, each checked against a sorted model.
    func randomOperationsMatchASortedModel() throws {
        try withEngine { engine in
            let table = try engine.table("model", create: true)
            var model = SortedModel()
            var rng = SplitMix64(seed: 0x5EED_CAFE)
            struct Abandon: Error {}
            for round in 0..<30 {
                let startRNG = rng
                var roundRNG = startRNG
                var pending = model
                let abandon = round % 5 == 3
                do {
                    try engine.write { tx throws in
                        // A repeated run (the engine retrying) starts over.
                        roundRNG = startRNG
                        pending = model
                        for _ in 0..<100 {
                            try Self.randomOperation(tx, table, &pending, &roundRNG)
                        }
                        if abandon { throw Abandon() }
                    }
                    model = pending
                } catch is Abandon {
                    #expect(abandon)
                }
                rng = roundRNG
                try engine.read { tx throws in
                    #expect(try entries(tx.scan(table)) == model.pairs, "after round \(round)")
                    #expect(try tx.entryCount(table) == model.count)
                }
            }
            try engine.read { tx throws in
                #expect(try entries(tx.scan(table, .all, reverse: true)) == model.pairs.reversed())
                for _ in 0..<200 { try Self.randomRead(tx, table, model, &rng) }
            }
            #expect(model.count > 50, "the model should not stay trivial")
        }
    }

    private static func randomOperation(
        _ tx: any StorageWriter, _ table: StorageTable, _ model: inout SortedModel, _ rng: inout SplitMix64
    ) throws {
        let roll = rng.next() % 100
        switch roll {
        case 0..<40:
            let key = randomKey(&rng)
            let value = randomValue(&rng)
            let choices: [StoragePutFlags] = [[], .noOverwrite, .append, [.append, .noOverwrite]]
            let flags = choices[Int(rng.next() % 4)]
            let expected = !(flags.contains(.noOverwrite) && model.value(key) != nil)
            #expect(
                try tx.put(table, key: key, value: value, flags: flags) == expected, "put \(key) \(flags)")
            if expected { model.put(key, value) }
        case 40..<55:
            let key = randomKey(&rng)
            #expect(try tx.delete(table, key: key) == model.delete(key), "delete \(key)")
        case 55..<92:
            try randomRead(tx, table, model, &rng)
        default:
            // Delete through a cursor, then step on.
            let cursor = try tx.cursor(table)
            let start = randomKey(&rng)
            let index = model.index(atLeast: start)
            let entry = try cursor.seek(atLeast: start)
            #expect(keyOf(entry) == model.key(at: index), "seek \(start)")
            guard let found = keyOf(entry) else { return }
            try cursor.deleteCurrent()
            _ = model.delete(found)
            let forward = rng.next() % 2 == 0
            let neighbour = forward ? try cursor.next() : try cursor.previous()
            #expect(keyOf(neighbour) == model.key(at: forward ? index : index - 1), "after deleting \(found)")
        }
    }

    /// A random get, scan, cursor walk or count, checked against `model`.
    private static func randomRead(
        _ tx: any StorageReader, _ table: StorageTable, _ model: SortedModel, _ rng: inout SplitMix64
    ) throws {
        switch rng.next() % 4 {
        case 0:
            let key = randomKey(&rng)
            #expect(try tx.get(table, key: key).map(Array.init) == model.value(key), "get \(key)")
        case 1:
            let lower = rng.next() % 4 == 0 ? [] : randomKey(&rng)
            let upper: [UInt8]? =
                switch rng.next() % 3 {
                case 0: nil
                case 1: randomKey(&rng)
                default: KeyRange.successor(ofPrefix: lower)
                }
            let range = KeyRange(from: lower, upTo: upper)
            let reverse = rng.next() % 2 == 0
            let expected = model.pairs(in: range)
            #expect(
                try entries(tx.scan(table, range, reverse: reverse))
                    == (reverse ? expected.reversed() : expected),
                "scan \(lower)..<\(upper.map { "\($0)" } ?? "end") \(reverse ? "backward" : "forward")")
        case 2:
            let cursor = try tx.cursor(table)
            var index: Int
            var entry: StorageEntry?
            switch rng.next() % 3 {
            case 0:
                entry = try cursor.first()
                index = 0
            case 1:
                entry = try cursor.last()
                index = model.count - 1
            default:
                let start = randomKey(&rng)
                entry = try cursor.seek(atLeast: start)
                index = model.index(atLeast: start)
            }
            for _ in 0..<Int(rng.next() % 6) {
                #expect(keyOf(entry) == model.key(at: index), "walk at \(index)")
                #expect(entry.map { Array($0.value) } == model.key(at: index).flatMap(model.value))
                // Off either end the position is not specified: stop there.
                guard entry != nil else { break }
                if rng.next() % 3 == 0 {
                    entry = try cursor.previous()
                    index -= 1
                } else {
                    entry = try cursor.next()
                    index += 1
                }
            }
        default:
            #expect(try tx.entryCount(table) == model.count)
        }
    }

    /// Keys of 1 to 3 bytes from an alphabet that straddles the sign bit and both ends, so that
    /// prefixes, unsigned order and collisions all come up.
    private static func randomKey(_ rng: inout SplitMix64) -> [UInt8] {
        let alphabet: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF]
        return (0...Int(rng.next() % 3)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
    }

    private static func randomValue(_ rng: inout SplitMix64) -> [UInt8] {
        // Now and then a value larger than a page, so that the data outgrows a small map and
        // writes are retried (LMDB) in the middle of the model's rounds.
        let count = rng.next() % 8 == 0 ? 3_000 + Int(rng.next() % 5_000) : Int(rng.next() % 13)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }

    // MARK: - Helpers

    /// Runs `body` on an engine at a new location.
    func withEngine<R>(_ body: (any StorageEngine) throws -> R) throws -> R {
        let location = try newLocation()
        return try withExtendedLifetime(location) { try body(location.open()) }
    }
}

/// An entry copied out of the engine, to compare.
struct Pair: Equatable, CustomStringConvertible {
    let key: [UInt8]
    let value: [UInt8]

    init(_ key: [UInt8], _ value: [UInt8]) {
        self.key = key
        self.value = value
    }

    var description: String { "\(key): \(value.count > 8 ? "\(value.count) bytes" : "\(value)")" }
}

/// The key of `entry`, copied.
func keyOf(_ entry: StorageEntry?) -> [UInt8]? {
    entry.map { Array($0.key) }
}

/// The keys of the rest of `scan`, copied.
func keys(_ scan: StorageScan) throws -> [[UInt8]] {
    var scan = scan
    return try keys(&scan)
}

/// The keys of the rest of `scan`, copied.
func keys(_ scan: inout StorageScan) throws -> [[UInt8]] {
    var keys: [[UInt8]] = []
    while let entry = try scan.next() { keys.append(Array(entry.key)) }
    return keys
}

/// The entries of the rest of `scan`, copied.
func entries(_ scan: StorageScan) throws -> [Pair] {
    var scan = scan
    var pairs: [Pair] = []
    while let entry = try scan.next() { pairs.append(Pair(Array(entry.key), Array(entry.value))) }
    return pairs
}

/// Expects `body` to throw a `StorageError` with `code`.
func expectError(
    _ code: StorageError.Code, _ label: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> some Any
) {
    do {
        _ = try body()
        Issue.record("\(label): expected \(code), nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as StorageError {
        #expect(error.code == code, "\(label): \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("\(label): expected StorageError \(code), got \(error)", sourceLocation: sourceLocation)
    }
}

/// Runs `body` in a read on a thread of its own and returns its result.
func readOnAnotherThread<R: Sendable>(
    _ engine: any StorageEngine, _ body: @escaping @Sendable (any StorageReader) throws -> R
) throws -> R {
    let box = ResultBox<R>()
    let thread = BackgroundThread.start { box.set(try engine.read(body)) }
    if let failure = thread.join() { throw StorageError(.other, failure) }
    guard let value = box.get() else { throw StorageError(.other, "the read returned nothing") }
    return value
}

/// A value one thread sets and another reads.
final class ResultBox<R: Sendable>: Sendable {
    private let value = Mutex<R?>(nil)
    func set(_ newValue: R) { value.withLock { $0 = newValue } }
    func get() -> R? { value.withLock { $0 } }
}

/// A thread of its own that runs a throwing closure; `join()` waits for it.
final class BackgroundThread: Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let failure = Mutex<String?>(nil)

    /// Starts `body` on a new thread.
    static func start(_ body: @escaping @Sendable () throws -> Void) -> BackgroundThread {
        let thread = BackgroundThread()
        Thread { thread.run(body) }.start()
        return thread
    }

    private func run(_ body: () throws -> Void) {
        do {
            try body()
        } catch {
            failure.withLock { $0 = "\(error)" }
        }
        finished.signal()
    }

    /// Waits (at most 30 seconds) for the thread to end; returns its error, if any.
    func join() -> String? {
        guard finished.wait(timeout: .now() + 30) == .success else { return "the thread did not finish" }
        return failure.withLock { $0 }
    }
}

/// A sorted map of byte keys: what a storage table should hold.
struct SortedModel {
    /// The keys, in unsigned byte order.
    private(set) var keys: [[UInt8]] = []
    private var values: [[UInt8]: [UInt8]] = [:]

    var count: Int { keys.count }
    var pairs: [Pair] { keys.map { Pair($0, values[$0] ?? []) } }

    func value(_ key: [UInt8]) -> [UInt8]? { values[key] }

    func key(at index: Int) -> [UInt8]? {
        keys.indices.contains(index) ? keys[index] : nil
    }

    /// The place of the first key at least `key`.
    func index(atLeast key: [UInt8]) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle].lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    mutating func put(_ key: [UInt8], _ value: [UInt8]) {
        if values.updateValue(value, forKey: key) == nil { keys.insert(key, at: index(atLeast: key)) }
    }

    mutating func delete(_ key: [UInt8]) -> Bool {
        guard values.removeValue(forKey: key) != nil else { return false }
        keys.remove(at: index(atLeast: key))
        return true
    }

    func pairs(in range: KeyRange) -> [Pair] {
        let lower = index(atLeast: range.lower)
        let upper = range.upper.map(index(atLeast:)) ?? keys.count
        guard lower < upper else { return [] }
        return keys[lower..<upper].map { Pair($0, values[$0] ?? []) }
    }
}
