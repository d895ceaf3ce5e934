import CRMQuery
import Testing

private let completenessCases: [(text: String, expected: Completeness)] = [
    ("", .complete),
    ("   \n\n", .complete),
    ("-- only a comment", .complete),
    ("find customers", .complete),
    ("find customers;", .complete),
    ("find customers where tier = vip\n", .complete),
    ("begin", .complete),
    ("begin\nupdate promise 3 set status = kept", .complete),
    ("begin\nupdate promise 3 set status = kept\ncommit", .complete),
    ("find customers where\n  tier = vip", .complete),
    ("find customers where tier = vip and\n  city = \"X\"", .complete),
    ("insert customer {\n  name: \"A\",\n  tier: vip\n}", .complete),
    ("find customers where (tier = vip\n  or tier = key)", .complete),
    ("find customers order by\n  name", .complete),
    ("insert customer {name: \"line one\nline two\"}", .complete),
    ("find customers where", .incomplete),
    ("find customers where\n", .incomplete),
    ("find customers where tier = vip and", .incomplete),
    ("find customers where tier = vip or\n", .incomplete),
    ("find customers where tier =", .incomplete),
    ("find promises where due < now +", .incomplete),
    ("find promises where due < now + 2bd *", .incomplete),
    ("find promises where due < (now + 2bd", .incomplete),
    ("find promises select days(late_by", .incomplete),
    ("find promises where due < now + 2bd", .complete),
    ("find customers where tier !=\n", .incomplete),
    ("find customers order by", .incomplete),
    ("find customers order by name,", .incomplete),
    ("find customers group by", .incomplete),
    ("find customers select", .incomplete),
    ("insert customer {name: \"Acme\",", .incomplete),
    ("insert customer {name: \"Acme\"\n", .incomplete),
    ("insert customer {name: \"Ac", .incomplete),
    ("insert customer {tags: [a, b", .incomplete),
    ("find customers where name = \"multi\nline", .incomplete),
    ("find customers where (a = 1", .incomplete),
    ("find customers where any(interactions where", .incomplete),
    ("update promise 3 set", .incomplete),
    ("update promise 3 set status = kept,", .incomplete),
    ("get customer", .incomplete),
    ("explain", .incomplete),
    ("begin\nfind customers where", .incomplete),
    ("find customers where at in last", .incomplete),
    ("fnd customers", .invalid),
    ("find custmers", .invalid),
    ("find customers where tier = vip)", .invalid),
    // A line that starts with a clause keyword continues the statement (it used to be an
    // error: `where` cannot start a statement, so the line can only mean this).
    ("find customers\nwhere tier = vip", .complete),
    ("find customers where tier = vip and\ncity = \"Lagos\"\nselect id, name, city", .complete),
    ("count customers\n\n  -- by tier\n  group by tier", .complete),
    ("get customer 1\nwith interactions", .complete),
    ("find customers where tier = vip\nor tier = key\norder by name\nlimit 5", .complete),
    ("get customer 1\nwhere tier = vip", .invalid),
    ("find customers\nwhere", .incomplete),
    ("get customer 1 2", .invalid),
    ("find customers where a = 1 where", .invalid),
    ("find customers where x = \"a\\q", .invalid),
    ("find customers; fnd", .invalid),
    ("fnd customers\nfind customers where", .invalid),
    ("find customers where x = #", .invalid),
    ("explain commit", .invalid),
]

@Test(arguments: completenessCases)
func completenessOfText(text: String, expected: Completeness) {
    #expect(completeness(of: text) == expected)
}

@Test func incompleteTextBecomesCompleteWhenFinished() {
    var text = "find customers where tier = vip and"
    #expect(completeness(of: text) == .incomplete)
    text += "\n  city = \"Xi'an\" order by"
    #expect(completeness(of: text) == .incomplete)
    text += "\n  name"
    #expect(completeness(of: text) == .complete)
}

@Test(arguments: [
    ("where tier = vip", true), ("  select id", true), ("ORDER BY name", true), ("group by kind", true),
    ("limit 5", true), ("offset 5", true), ("with interactions", true), ("and city = \"X\"", true),
    ("or x", true), ("find customers", false), ("", false), ("-- where", false), ("wherever", false),
    ("set status = kept", false), ("cascade", false),
])
func aLineContinuesTheStatementWhenItStartsWithAClauseKeyword(line: String, continues: Bool) {
    #expect(continuesStatement(line) == continues)
}
