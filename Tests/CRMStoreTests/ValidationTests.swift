import Testing

@testable import CRMStore

/// Each rule a record must keep: the error's code, its message, and that nothing was
/// written (record, index, history counts and the next id all unchanged).
@Suite("Validation: every rule, its message, and nothing written")
struct ValidationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let code: StoreError.Code
        let message: String
        let insert: @Sendable (WriteTransaction) throws -> Void
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(
            label: "empty name", code: .missingField,
            message: "customer name is required (give a non-empty text)"
        ) {
            _ = try $0.insert(Customer(name: "  "))
        },
        Case(
            label: "name too long", code: .invalidValue,
            message: "customer name is too long (201 bytes; at most 200)"
        ) {
            _ = try $0.insert(Customer(name: String(repeating: "x", count: 201)))
        },
        Case(
            label: "control character", code: .invalidValue,
            message: "customer city contains a control character"
        ) {
            var c = Customer(name: "A")
            c.city = "Xi\0an"
            _ = try $0.insert(c)
        },
        Case(
            label: "bad email", code: .invalidValue,
            message: "customer email 'li@acme' is not an email address (expected name@domain.tld)"
        ) {
            var c = Customer(name: "A")
            c.email = "li@acme"
            _ = try $0.insert(c)
        },
        Case(
            label: "bad phone", code: .invalidValue, message: "customer phone 'call me' is not a phone number"
        ) {
            var c = Customer(name: "A")
            c.phone = "call me"
            _ = try $0.insert(c)
        },
        Case(
            label: "empty tag", code: .invalidValue,
            message: "a tag is empty (tags are short non-empty words)"
        ) {
            var c = Customer(name: "A")
            c.tags = ["ok", ""]
            _ = try $0.insert(c)
        },
        Case(label: "bad attr name", code: .invalidValue, message: "custom field name '1st' is not valid") {
            var c = Customer(name: "A")
            c.attrs = ["1st": .integer(1)]
            _ = try $0.insert(c)
        },
        Case(label: "attr holding a list", code: .invalidValue, message: "custom field 'x' holds a list") {
            var c = Customer(name: "A")
            c.attrs = ["x": .list(["a"])]
            _ = try $0.insert(c)
        },
        Case(
            label: "score out of range", code: .invalidValue,
            message: "interaction score 6 is out of range (a score is a whole number from 1 to 5)"
        ) {
            var i = Interaction(customer: 1, kind: .survey)
            i.score = 6
            _ = try $0.insert(i)
        },
        Case(
            label: "missing customer", code: .badReference,
            message: "interaction refers to customer 99, which does not exist (insert the customer first)"
        ) {
            _ = try $0.insert(Interaction(customer: 99, kind: .call))
        },
        Case(label: "promise without title", code: .missingField, message: "promise title is required") {
            _ = try $0.insert(Promise(customer: 1, title: "", due: .day(1)))
        },
        Case(
            label: "promise for missing customer", code: .badReference,
            message: "promise refers to customer 42, which does not exist"
        ) {
            _ = try $0.insert(Promise(customer: 42, title: "t", due: .day(1)))
        },
        Case(
            label: "missing interaction", code: .badReference,
            message: "promise refers to interaction 77, which does not exist"
        ) {
            var p = Promise(customer: 1, title: "t", due: .day(1))
            p.interaction = 77
            _ = try $0.insert(p)
        },
        Case(
            label: "interaction of another customer", code: .badReference,
            message: "promise is for customer 1 but interaction 1 belongs to customer 2"
        ) {
            var p = Promise(customer: 1, title: "t", due: .day(1))
            p.interaction = 1
            _ = try $0.insert(p)
        },
        Case(
            label: "delete customer with records", code: .hasDependents,
            message: "customer 2 still has 1 interaction(s) and 0 promise(s)"
        ) {
            try $0.delete(Customer.self, 2)
        },
    ]

    @Test(arguments: cases)
    func ruleIsEnforced(_ rule: Case) throws {
        let fixture = try StoreFixture()
        try fixture.customer("One")
        let two = try fixture.customer("Two")
        try fixture.interaction(two.id)
        let before = try fixture.counts()
        let error = #expect(throws: StoreError.self) { try fixture.store.write { tx in try rule.insert(tx) } }
        #expect(error?.code == rule.code)
        #expect(error?.message.hasPrefix(rule.message) == true, "got: \(error?.message ?? "no error")")
        #expect(try fixture.counts() == before, "nothing may be written")
        #expect(try fixture.customer("Next").id == 3, "no id may be used up")
    }

    @Test func tagsAreKeptInOrderWithoutDuplicates() throws {
        let fixture = try StoreFixture()
        let customer = try fixture.customer("A") { $0.tags = ["Steel", "north", "steel", "钢"] }
        #expect(customer.tags == ["Steel", "north", "钢"])
    }
}
