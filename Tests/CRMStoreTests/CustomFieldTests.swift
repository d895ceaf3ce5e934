import LMDB
import TestSupport
import Testing

@testable import CRMStore

/// Declared custom fields (`defineField`): their types are checked on every write and
/// against the records that hold them already; an indexed one's entries always agree with
/// the records (a full scan compared with the index after random writes), and dropping the
/// declaration removes the index and keeps the values.
@Suite("Custom fields declared with a type and an index")
struct CustomFieldTests {
    let fixture: StoreFixture
    init() throws { fixture = try StoreFixture(mapSize: 16 << 20, durability: .relaxed) }
    var store: Store { fixture.store }

    /// The keys of the custom index table under `field`'s prefix.
    func indexKeys(_ field: CustomField) throws -> Set<[UInt8]> {
        try store.read { tx in
            guard let index = field.index, let table = tx.tables.customIndex else { return [] }
            var keys = Set<[UInt8]>()
            var scan = try tx.storage.scan(table, .prefix(index.keyPrefix))
            while let entry = try scan.next() { keys.insert(Array(entry.key)) }
            return keys
        }
    }

    /// The keys the records of `field.kind` should put in its index, from a full scan.
    func expectedKeys(_ field: CustomField) throws -> Set<[UInt8]> {
        try store.read { tx in
            var keys = Set<[UInt8]>()
            try tx.walk(field.kind) { view in
                if let value = try view.attributes()[field.name],
                    let key = ReadTransaction.customIndexKey(field, value, view.id, tx.tables.layout)
                {
                    keys.insert(key)
                }
                return true
            }
            return keys
        }
    }

    /// The ids whose `field` equals `value` as the index finds them.
    func lookup(_ field: CustomField, _ value: FieldValue) throws -> [Int64] {
        try store.read { tx in
            var ids: [Int64] = []
            try tx.walk(index: try #require(field.index), equal: [value]) { entry in
                ids.append(entry.id)
                return true
            }
            return ids
        }
    }

    @Test func theIndexAgreesWithAFullScanAfterRandomWrites() throws {
        var random = SplitMix64(seed: 20_261_202)
        let regions: [FieldValue] = ["North", "north", "南方", "west", "East"]
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        try store.write { tx in
            for index in 0..<40 {
                var customer = Customer(name: "C\(index)")
                if random.next() % 4 != 0 { customer.attrs["region"] = pick(regions) }
                if random.next() % 2 == 0 { customer.attrs["size"] = .integer(Int64(random.next() % 5)) }
                _ = try tx.insert(customer)
            }
        }
        let (region, size) = try store.write { tx in
            (
                try tx.defineField("region", on: .customer, type: .string, indexed: true),
                try tx.defineField("size", on: .customer, type: .integer, indexed: true)
            )
        }
        #expect(try indexKeys(region) == expectedKeys(region))
        #expect(try !indexKeys(region).isEmpty)
        // Updates that set, change and remove the fields, and deletes, in several writes.
        for round in 0..<6 {
            try store.write { tx in
                for _ in 0..<15 {
                    let id = Int64(random.next() % 45) + 1
                    guard try tx.exists(.customer, id) else { continue }
                    switch random.next() % 5 {
                    case 0: try tx.update(Customer.self, id) { $0.attrs["region"] = nil }
                    case 1: try tx.delete(Customer.self, id)
                    case 2: try tx.update(Customer.self, id) { $0.attrs["size"] = .integer(Int64(round)) }
                    default: try tx.update(Customer.self, id) { $0.attrs["region"] = pick(regions) }
                    }
                }
                var customer = Customer(name: "new \(round)")
                customer.attrs = ["region": pick(regions), "size": 3]
                _ = try tx.insert(customer)
            }
            #expect(try indexKeys(region) == expectedKeys(region), "round \(round)")
            #expect(try indexKeys(size) == expectedKeys(size), "round \(round)")
        }
        // A lookup ignores case, as every text compare does.
        let north = try lookup(region, "NORTH")
        let scanned = try store.read { tx in
            try tx.all(Customer.self).collect().filter {
                ($0.attrs["region"]).map {
                    if case .string(let text) = $0 { text.lowercased() == "north" } else { false }
                }
                    ?? false
            }.map(\.id)
        }
        #expect(north == scanned)
        #expect(try store.check().problems == [])
    }

    @Test func aDeclarationThatExistingRecordsDoNotFitWritesNothing() throws {
        try fixture.customer("A") { $0.attrs["region"] = "north" }
        let odd = try fixture.customer("B") { $0.attrs["region"] = 7 }
        let before = try fixture.counts()
        let error = #expect(throws: StoreError.self) {
            try store.write { tx in try tx.defineField("region", on: .customer, type: .string, indexed: true)
            }
        }
        #expect(error?.code == .invalidValue)
        #expect(
            error?.message
                == "customer \(odd.id)'s attrs.region is an integer, but customer.region is declared as string "
                + "(give a string, or drop field customer.region)")
        #expect(try store.read { try $0.customFields().all.isEmpty })
        #expect(try fixture.counts() == before)
    }

    @Test func writesOfAnotherTypeAreRefusedAndWriteNothing() throws {
        try store.write { tx in
            try tx.defineField("amount", on: .promise, type: .decimal)
            try tx.defineField("region", on: .customer, type: .string, indexed: true)
        }
        let customer = try fixture.customer("A") { $0.attrs["region"] = "north" }
        // A whole number is a decimal too.
        try fixture.promise(customer.id, due: .day(1)) { $0.attrs["amount"] = 12 }
        let before = try fixture.counts()
        let error = #expect(throws: StoreError.self) {
            try store.write { tx in try tx.update(Customer.self, customer.id) { $0.attrs["region"] = true } }
        }
        #expect(error?.field == "attrs.region")
        #expect(error?.message.contains("is a boolean, but customer.region is declared as string") == true)
        let long = #expect(throws: StoreError.self) {
            try fixture.customer("B") { $0.attrs["region"] = .string(String(repeating: "x", count: 300)) }
        }
        #expect(long?.message.contains("too long") == true)
        let promise = #expect(throws: StoreError.self) {
            try fixture.promise(customer.id, due: .day(1)) { $0.attrs["amount"] = "a lot" }
        }
        #expect(promise?.message.contains("promise.amount is declared as decimal") == true)
        #expect(try fixture.counts() == before)
    }

    @Test func mistakesInADeclarationAreRefused() throws {
        try store.write { tx in try tx.defineField("region", on: .customer, type: .string) }
        let cases: [(String, CustomFieldType, Bool, String)] = [
            ("region", .integer, false, "customer.region is already declared (customer.region: string)"),
            ("Region", .string, false, "customer.region is already declared"),
            ("amount", .decimal, true, "customer.amount cannot be indexed: a decimal has no index key yet"),
            ("bad name", .string, false, "custom field name 'bad name' is not valid"),
        ]
        for (name, type, indexed, message) in cases {
            let error = #expect(throws: StoreError.self) {
                try store.write { tx in try tx.defineField(name, on: .customer, type: type, indexed: indexed)
                }
            }
            #expect(error?.message.hasPrefix(message) == true, "\(name): \(error?.message ?? "")")
        }
        let missing = #expect(throws: StoreError.self) {
            try store.write { tx in try tx.dropField("nothing", on: .customer) }
        }
        #expect(missing?.code == .notFound)
        #expect(missing?.message == "customer.nothing is not a declared field (declared: customer.region)")
    }

    @Test func droppingRemovesTheIndexAndKeepsTheValues() throws {
        let a = try fixture.customer("A") { $0.attrs["region"] = "north" }
        let field = try store.write { tx in
            try tx.defineField("region", on: .customer, type: .string, indexed: true)
        }
        #expect(try lookup(field, "north") == [a.id])
        try store.write { tx in _ = try tx.dropField("region", on: .customer) }
        #expect(try indexKeys(field).isEmpty)
        #expect(try store.read { try $0.customer(a.id)?.attrs["region"] } == "north")
        // Undeclared, any type goes again.
        try store.write { tx in try tx.update(Customer.self, a.id) { $0.attrs["region"] = 5 } }
        #expect(try store.check().problems == [])
    }

    @Test func declarationsBelongToTheFileAndReadOnlyOpensSeeThem() throws {
        try fixture.customer("A") { $0.attrs["joined"] = .timestamp(.day(-3)) }
        try store.write { tx in try tx.defineField("joined", on: .customer, type: .timestamp, indexed: true) }
        let path = fixture.path
        let reader = try Store(path: path, options: StoreOptions(readOnly: true))
        let fields = try reader.read { try $0.customFields() }
        #expect(fields.all.map(\.declaration) == ["customer.joined: timestamp indexed"])
        let index = try #require(fields.field("JOINED", of: .customer)?.index)
        let ids = try reader.read { tx in
            var ids: [Int64] = []
            try tx.walk(index: index, equal: [], then: .range(lower: .timestamp(.day(-4)), upper: nil)) {
                ids.append($0.id)
                return true
            }
            return ids
        }
        #expect(ids == [1])
    }

    @Test func checkFindsAMissingCustomEntry() throws {
        let a = try fixture.customer("A") { $0.attrs["region"] = "north" }
        let field = try store.write { tx in
            try tx.defineField("region", on: .customer, type: .string, indexed: true)
        }
        let key = try #require(try indexKeys(field).first)
        try store.write { tx in
            _ = try tx.writer.delete(try #require(tx.tables.customIndex), key: key)
        }
        #expect(
            try store.check().problems == ["index customer.attrs.region lacks the entry for customer \(a.id)"]
        )
    }
}
