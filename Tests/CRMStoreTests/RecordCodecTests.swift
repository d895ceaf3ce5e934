import TestSupport
import Testing

@testable import CRMStore

@Suite("Binary record form: round trips, unknown fields, damage")
struct RecordCodecTests {
    static let time = Timestamp(year: 2026, month: 3, day: 4, hour: 5, minute: 6, second: 7)

    static var fullCustomer: Customer {
        var c = Customer(name: "西安钢铁 \"Acme\"")
        c.id = 7
        c.kind = .person
        c.tier = .vip
        c.status = .lost
        c.company = "Acme Ltd"
        c.email = "li@acme.cn"
        c.phone = "+86 29 1234 5678"
        c.city = "Xi'an"
        c.address = "1 Road\nBuilding 2"
        c.owner = "wang.fang"
        c.verified = time
        c.note = String(repeating: "long note ", count: 100)
        c.tags = ["steel", "north", "钢"]
        c.attrs = [
            "region": .string("north"), "employees": .integer(-12),
            "budget": .decimal(ExactDecimal(units: 120_050, scale: 2)!),
            "audited": .bool(true), "since": .timestamp(time),
        ]
        c.created = Timestamp(microseconds: 1)
        c.updated = Timestamp(microseconds: -1)
        return c
    }

    static var fullInteraction: Interaction {
        var i = Interaction(customer: 7, kind: .survey)
        i.id = 9
        i.channel = .inPerson
        i.direction = .outbound
        i.at = time
        i.by = "li.wei"
        i.subject = "satisfaction"
        i.body = "all good 很好"
        i.score = 5
        i.urgent = true
        i.tags = ["q1"]
        i.attrs = ["visit_no": .integer(3)]
        i.created = time
        i.updated = time
        return i
    }

    static var fullPromise: Promise {
        var p = Promise(customer: 7, title: "Reply with a solution", due: time)
        p.id = 3
        p.direction = .fromCustomer
        p.owner = "li.wei"
        p.made = Timestamp(microseconds: 0)
        p.status = .broken
        p.resolved = time
        p.interaction = 9
        p.amount = ExactDecimal(units: -120_000, scale: 2)
        p.remedy = "refund"
        p.ref = "C-2026/7"
        p.note = "supplier failed"
        p.tags = ["late"]
        p.created = time
        p.updated = time
        return p
    }

    func roundTrip<R: Record>(_ record: R) throws -> R {
        try record.encoded().withUnsafeBytes { try R(id: record.id, decoding: $0) }
    }

    @Test func everyFieldRoundTrips() throws {
        #expect(try roundTrip(Self.fullCustomer) == Self.fullCustomer)
        #expect(try roundTrip(Self.fullInteraction) == Self.fullInteraction)
        #expect(try roundTrip(Self.fullPromise) == Self.fullPromise)
        #expect(try roundTrip(Self.fullPromise).amount?.description == "-1200.00")
        let minimal = Customer(name: "x")
        #expect(try roundTrip(minimal) == minimal)
    }

    @Test func fieldsFromANewerVersionAreSkipped() throws {
        // A newer version may add a field in slot 63: its bit, its end offset and its bytes
        // ("abc") after every known field's, under a checksum of its own.
        let record = Self.fullCustomer.encoded()
        let width = 1 << Int(record[1] >> 4)
        let bitmapBytes = Int(record[1] & 0x0F)
        var bitmap: UInt64 = 0
        for index in 0..<bitmapBytes { bitmap |= UInt64(record[2 + index]) << UInt64(8 * index) }
        let endsStart = 2 + bitmapBytes
        let dataStart = endsStart + bitmap.nonzeroBitCount * width
        let data = Array(record[dataStart..<(record.count - Checksum.size)]) + Array("abc".utf8)
        #expect(width == 2, "the long note needs 2-byte offsets")
        var bytes: [UInt8] = [record[0], record[1] & 0xF0 | 8]
        for index in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: (bitmap | 1 << 63) >> UInt64(8 * index)))
        }
        bytes += record[endsStart..<dataStart]
        bytes += [UInt8(truncatingIfNeeded: data.count), UInt8(truncatingIfNeeded: data.count >> 8)]
        bytes += data
        Checksum.append(bytes.withUnsafeBytes { Checksum.record(.customer, id: 7, $0) }, to: &bytes)
        let decoded = try bytes.withUnsafeBytes { try Customer(id: 7, decoding: $0) }
        #expect(decoded == Self.fullCustomer)
    }

    /// Every single bit flipped anywhere in a record, checksum included, is found by the
    /// checksum: the record reads as damaged, never as other values.
    @Test func everyFlippedBitIsFoundByTheChecksum() throws {
        let records: [(record: [UInt8], subject: String, decode: (UnsafeRawBufferPointer) throws -> Void)] = [
            (Self.fullCustomer.encoded(), "customer 7", { _ = try Customer(id: 7, decoding: $0) }),
            (Self.fullPromise.encoded(), "promise 3", { _ = try Promise(id: 3, decoding: $0) }),
        ]
        for (record, subject, decode) in records {
            try record.withUnsafeBytes { try decode($0) }  // Sound as written.
            for bit in 0..<(record.count * 8) {
                var bytes = record
                bytes[bit / 8] ^= 1 << UInt8(bit % 8)
                let error = #expect(throws: StoreError.self) { try bytes.withUnsafeBytes { try decode($0) } }
                guard bit >= 8 else { continue }  // The format byte: another format, or none.
                #expect(error?.message == "\(subject) is damaged (checksum)", "bit \(bit)")
            }
        }
    }

    /// The checksum covers the record's id: a record's bytes under another id are damage.
    @Test func aRecordUnderAnotherIdIsDamaged() {
        let bytes = Self.fullCustomer.encoded()
        let error = #expect(throws: StoreError.self) {
            try bytes.withUnsafeBytes { try Customer(id: 8, decoding: $0) }
        }
        #expect(error?.code == .corrupt)
        #expect(error?.message == "customer 8 is damaged (checksum)")
    }

    /// The checksum covers the record's kind: a customer's bytes read as a promise are damage.
    @Test func aRecordOfAnotherKindIsDamaged() {
        let bytes = Self.fullCustomer.encoded()
        let error = #expect(throws: StoreError.self) {
            try bytes.withUnsafeBytes { try Promise(id: 7, decoding: $0) }
        }
        #expect(error?.message == "promise 7 is damaged (checksum)")
    }

    /// Format 2 is format 4 without the checksum: such records (written before checksums)
    /// read as they are.
    @Test func aRecordWithoutAChecksumReadsAsBefore() throws {
        var customer = Array(Self.fullCustomer.encoded().dropLast(Checksum.size))
        customer[0] = RecordFormat.unchecked
        #expect(try customer.withUnsafeBytes { try Customer(id: 7, decoding: $0) } == Self.fullCustomer)
        var promise = Array(Self.fullPromise.encoded().dropLast(Checksum.size))
        promise[0] = RecordFormat.unchecked
        #expect(try promise.withUnsafeBytes { try Promise(id: 3, decoding: $0) } == Self.fullPromise)
        var interaction = Array(Self.fullInteraction.encoded().dropLast(Checksum.size))
        interaction[0] = RecordFormat.unchecked
        #expect(
            try interaction.withUnsafeBytes { try Interaction(id: 9, decoding: $0) } == Self.fullInteraction)
    }

    @Test func aNewerRecordFormatIsRefusedClearly() {
        var bytes = Self.fullPromise.encoded()
        bytes[0] = 9
        let error = #expect(throws: StoreError.self) {
            try bytes.withUnsafeBytes { try Promise(id: 3, decoding: $0) }
        }
        #expect(error?.code == .unsupportedFormat)
        #expect(error?.message.contains("promise 3 was written by a newer version") == true)
    }

    @Test func everyTruncationIsAnErrorNotACrash() {
        for record in [
            Self.fullCustomer.encoded(), Self.fullInteraction.encoded(), Self.fullPromise.encoded(),
        ] {
            // Cutting before the last field's end must fail; no cut may crash.
            for length in 0..<(record.count - 1) {
                let cut = Array(record[..<length])
                _ = try? cut.withUnsafeBytes { try Customer(id: 1, decoding: $0) }
                _ = try? cut.withUnsafeBytes { try Interaction(id: 1, decoding: $0) }
                _ = try? cut.withUnsafeBytes { try Promise(id: 1, decoding: $0) }
            }
        }
        let error = #expect(throws: StoreError.self) {
            let bytes = Array(Self.fullCustomer.encoded().dropLast(3))
            return try bytes.withUnsafeBytes { try Customer(id: 7, decoding: $0) }
        }
        #expect(error?.code == .corrupt)
        #expect(error?.message.hasPrefix("customer 7 is damaged") == true)
    }

    @Test func randomDamageNeverCrashes() {
        var rng = SplitMix64(seed: 42)
        let records = [
            Self.fullCustomer.encoded(), Self.fullInteraction.encoded(), Self.fullPromise.encoded(),
        ]
        var failures = 0
        for round in 0..<20_000 {
            var bytes = records[round % 3]
            for _ in 0...(rng.next() % 4) {
                let position = Int(rng.next() % UInt64(bytes.count))
                bytes[position] = UInt8(truncatingIfNeeded: rng.next())
            }
            do {
                _ = try bytes.withUnsafeBytes { try Customer(id: 1, decoding: $0) }
                _ = try bytes.withUnsafeBytes { try Interaction(id: 1, decoding: $0) }
                _ = try bytes.withUnsafeBytes { try Promise(id: 1, decoding: $0) }
            } catch let error as StoreError {
                #expect(error.code == .corrupt || error.code == .unsupportedFormat)
                failures += 1
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
        #expect(failures > 10_000, "most random damage must be detected")
    }

    @Test(arguments: [
        ([1, 0x82, 0x01, 0x05, 0xFF, 0xFE, 0xFD, 0xFC, 0xFB] as [UInt8], "not UTF-8"),  // name with bad UTF-8
        ([1, 0x88, 0x01, 0x09] as [UInt8], "unknown customer kind code 9"),  // kind code 9
        ([1, 0x80, 0x01, 0x01] as [UInt8], "wire type 0"),  // name written as a varint
        ([1] as [UInt8], "has no name"),
        ([] as [UInt8], "is empty"),
    ])
    func specificDamageIsNamed(_ bytes: [UInt8], _ expected: String) {
        let error = #expect(throws: StoreError.self) {
            try bytes.withUnsafeBytes { try Customer(id: 5, decoding: $0) }
        }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
    }
}
