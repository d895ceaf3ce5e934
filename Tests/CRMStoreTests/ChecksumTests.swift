import CChecksum
import Foundation
import LMDB
import TestSupport
import Testing

@testable import CRMStore

/// The checksums of records and history entries: CRC32C itself, and damage found through the
/// store's API.
@Suite("Checksums of records and history")
struct ChecksumTests {
    /// The check values of CRC32C (RFC 3720, appendix B.4, and the usual "123456789").
    @Test(arguments: [
        ("123456789", 0xE306_9283 as UInt32),
        ("", 0),
        ("a", 0xC1D0_4330),
    ])
    func knownValues(_ text: String, _ expected: UInt32) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { Checksum.crc32c($0) } == expected)
        #expect(bytes.withUnsafeBytes { crm_crc32c_extend_portable(0, $0.baseAddress, $0.count) } == expected)
    }

    @Test func thirtyTwoZerosAndOnes() {
        #expect([UInt8](repeating: 0, count: 32).withUnsafeBytes { Checksum.crc32c($0) } == 0x8A91_36AA)
        #expect([UInt8](repeating: 0xFF, count: 32).withUnsafeBytes { Checksum.crc32c($0) } == 0x62A8_AB43)
    }

    /// The processor's instruction and the portable fallback agree on every length and
    /// alignment, and a checksum continued over a second part equals the whole's.
    @Test func theInstructionAndTheFallbackAgree() {
        var rng = SplitMix64(seed: 15)
        let bytes = (0..<300).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        bytes.withUnsafeBytes { all in
            for start in 0..<9 {
                for end in start...all.count where end - start < 40 || end == all.count {
                    let part = UnsafeRawBufferPointer(rebasing: all[start..<end])
                    let fast = Checksum.crc32c(part)
                    #expect(fast == crm_crc32c_extend_portable(0, part.baseAddress, part.count))
                    let middle = start + (end - start) / 2
                    let first = Checksum.crc32c(UnsafeRawBufferPointer(rebasing: all[start..<middle]))
                    #expect(
                        Checksum.crc32c(
                            UnsafeRawBufferPointer(rebasing: all[middle..<end]), continuing: first)
                            == fast)
                }
            }
        }
    }

    /// A history entry's bytes: a flipped bit anywhere is damage; the same bytes under another
    /// key are damage; an entry written before checksums (format 1) reads as before.
    @Test func historyEntriesCarryAChecksum() throws {
        let entry = HistoryEntry(
            kind: .customer, id: 42, sequence: 7, time: Timestamp(microseconds: 1_000_000),
            operation: .update,
            changes: [HistoryEntry.Change(field: "tier", old: .symbol("key"), new: .symbol("vip"))])
        let key = entry.key
        let value = entry.encoded()
        #expect(value.first == HistoryEntry.checkedFormat)
        #expect(
            try key.withUnsafeBytes { k in try value.withUnsafeBytes { try HistoryEntry(key: k, value: $0) } }
                == entry)
        for bit in 8..<(value.count * 8) {
            var bytes = value
            bytes[bit / 8] ^= 1 << UInt8(bit % 8)
            let error = #expect(throws: StoreError.self) {
                try key.withUnsafeBytes { k in
                    try bytes.withUnsafeBytes { try HistoryEntry(key: k, value: $0) }
                }
            }
            #expect(error?.message == "history entry 7 of customer 42 is damaged (checksum)", "bit \(bit)")
        }
        let moved = HistoryEntry(
            kind: .customer, id: 43, sequence: entry.sequence, time: entry.time, operation: entry.operation,
            changes: entry.changes
        ).key
        #expect(throws: StoreError.self) {
            try moved.withUnsafeBytes { k in try value.withUnsafeBytes { try HistoryEntry(key: k, value: $0) }
            }
        }
        // Format 1: the format byte 1 and the same values, no checksum.
        var unchecked = Array(value.dropLast(Checksum.size))
        unchecked[0] = 1
        #expect(
            try key.withUnsafeBytes { k in
                try unchecked.withUnsafeBytes { try HistoryEntry(key: k, value: $0) }
            }
                == entry)
    }

    /// Through the store: a bit flipped in a stored record's value fails every read of it with
    /// the damaged message, and check reports it (a store written now has no record without a
    /// checksum).
    @Test func aFlippedBitInAStoredRecordIsFoundByReadsAndByCheck() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.db")
        do {
            let store = try Store(path: path)
            try store.write { tx in
                var customer = Customer(name: "Acme")
                customer.city = "Xi'an"
                let acme = try tx.insert(customer)
                _ = try tx.insert(Interaction(customer: acme.id, kind: .call))
                _ = try tx.insert(Customer(name: "Globex"))
            }
            let report = try store.check()
            #expect(report.isHealthy)
            #expect(report.recordsWithoutChecksum == 0)
        }
        let env = try Environment(path: path)
        try env.write { tx in
            let customers = try tx.openDatabase("customer")
            guard let first = try tx.cursor(customers).first() else {
                throw PageSurgery.Failure(description: "empty")
            }
            var value = Array(first.value)
            value[value.count - 6] ^= 0x01  // a letter of the city: it would still decode
            try tx.put(customers, key: Array(first.key), value: value)
        }
        let store = try Store(path: path)
        let error = #expect(throws: StoreError.self) { try store.read { tx in try tx.customer(1) } }
        #expect(error?.code == .corrupt)
        #expect(error?.message == "customer 1 is damaged (checksum)")
        #expect(try store.read { tx in try tx.customer(2)?.name } == "Globex")
        let scan = #expect(throws: StoreError.self) {
            try store.read { tx in try tx.walk(.customer) { _ in true } }
        }
        #expect(scan?.message == "customer 1 is damaged (checksum)")
        let report = try store.check()
        #expect(report.problems == ["customer 1 is damaged (checksum)"])
    }
}
