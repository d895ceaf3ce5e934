import CRMQuery
import Testing

@Test(arguments: [
    ("where", "where", 0), ("wher", "where", 1), ("wehre", "where", 1), ("WHERE", "where", 0),
    ("custmer", "customer", 1), ("", "abc", 3), ("kitten", "sitting", 3), ("客户", "客戶", 1),
])
func editDistances(a: String, b: String, distance: Int) {
    #expect(EditDistance.distance(a, b) == distance)
    #expect(EditDistance.distance(b, a) == distance)
}

@Test(
    arguments: [
        ("wher", ["order", "where"], "where"),
        ("duedate", ["due", "made", "status"], "due"),
        ("custmers", Entity.spellings, "customers"),
        ("xyz", ["where", "order"], nil),
        ("where", ["where", "order"], nil),
        ("stauts", ["status", "state"], "status"),
    ] as [(String, [String], String?)])
func closestSuggestion(word: String, candidates: [String], expected: String?) {
    #expect(Suggestion.closest(to: word, among: candidates) == expected)
}

@Test(
    arguments: [
        ("customer", Entity.customer), ("Customers", .customer), ("INTERACTIONS", .interaction),
        ("promise", .promise), ("promises", .promise),
    ] as [(String, Entity)])
func entityNames(name: String, entity: Entity) {
    #expect(Entity(name: name) == entity)
}

/// Tables per entity are indexed by `ordinal`: it must be each entity's place in `allCases`.
@Test func everyEntitysOrdinalIsItsPlaceInAllCases() {
    #expect(Entity.allCases.map(\.ordinal) == Array(Entity.allCases.indices))
}

@Test func unknownEntityNamesAreRejected() {
    #expect(Entity(name: "custom") == nil)
    #expect(Entity(name: "") == nil)
}
