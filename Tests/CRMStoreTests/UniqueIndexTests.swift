import CRMStore
import TestSupport
import Testing

/// A calendar's, policy's or saved view's name is unique, ignoring case. An update that
/// leaves the name as it was is not checked again; one that changes it is.
@Suite("Unique names")
struct UniqueIndexTests {
    let fixture: StoreFixture
    init() throws { fixture = try StoreFixture() }
    var store: Store { fixture.store }

    private func calendar(_ name: String) -> WorkCalendar {
        WorkCalendar(name: name, zone: "UTC", days: ["mon", "tue"], hours: "09:00-17:00")
    }

    @Test func aTakenNameIsRefusedOnInsertAndOnRename() throws {
        let (office, plant) = try store.write { tx in
            (try tx.insert(calendar("Office")), try tx.insert(calendar("Plant")))
        }
        let insert = #expect(throws: StoreError.self) {
            try store.write { tx in _ = try tx.insert(calendar("OFFICE")) }
        }
        #expect(insert?.code == .invalidValue)
        #expect(
            insert?.message.contains("is taken by calendar \(office.id)") == true, "\(insert?.message ?? "")")

        var renamed = plant
        renamed.name = "office"
        let rename = #expect(throws: StoreError.self) { try store.write { tx in _ = try tx.update(renamed) } }
        #expect(
            rename?.message.contains("is taken by calendar \(office.id)") == true, "\(rename?.message ?? "")")
        try store.read { (tx) throws in
            #expect(
                try tx.get(WorkCalendar.self, plant.id)?.name == "Plant", "the refused rename wrote nothing")
            #expect(try tx.count(WorkCalendar.self) == 2)
        }
    }

    @Test func anUpdateThatKeepsItsNameOrChangesOnlyItsCaseIsAllowed() throws {
        let office = try store.write { tx in try tx.insert(calendar("Office")) }
        var changed = office
        changed.hours = "08:00-16:00"
        _ = try store.write { tx in try tx.update(changed) }
        changed.name = "OFFICE"
        _ = try store.write { tx in try tx.update(changed) }
        try store.read { (tx) throws in
            #expect(try tx.get(WorkCalendar.self, office.id)?.name == "OFFICE")
            #expect(try tx.get(WorkCalendar.self, office.id)?.hours == "08:00-16:00")
        }
        #expect(try store.check().problems == [])
    }
}
