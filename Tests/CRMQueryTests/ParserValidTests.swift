import CRMQuery
import Testing

/// Valid statements and their AST dumps: every form of SPEC.md section 3, and more.
private let validStatements: [(source: String, dump: String)] = [
    // SPEC.md section 3, in order.
    (
        #"insert customer {name: "Acme Ltd", tier: vip, city: "Xi'an", tags: [steel, north]}"#,
        #"(insert customer (name "Acme Ltd") (tier vip) (city "Xi'an") (tags [steel north]))"#
    ),
    (
        #"insert interaction {customer: 1, kind: complaint, channel: phone, subject: "late delivery"}"#,
        #"(insert interaction (customer 1) (kind complaint) (channel phone) (subject "late delivery"))"#
    ),
    (
        #"insert promise {customer: 1, title: "Reply with a solution", "#
            + #"due: +2bd, interaction: 1, owner: "li.wei"}"#,
        #"(insert promise (customer 1) (title "Reply with a solution") "#
            + #"(due +2bd) (interaction 1) (owner "li.wei"))"#
    ),
    ("get customer 1", "(get customer 1)"),
    (
        "get customer 1 with interactions(order by at desc limit 5), promises(where status = pending)",
        "(get customer 1 (with interactions (order-by (desc at)) (limit 5)) "
            + "(with promises (where (= status pending))))"
    ),
    (
        #"find customers where tier = vip and city = "Xi'an" order by name limit 20"#,
        #"(find customer (where (and (= tier vip) (= city "Xi'an"))) (order-by (asc name)) (limit 20))"#
    ),
    (
        "find promises where overdue and customer.tier in (key, vip) order by due",
        "(find promise (where (and overdue (in customer.tier [key vip]))) (order-by (asc due)))"
    ),
    (
        "find customers where none(interactions where at in last 90 days)",
        "(find customer (where (none interactions (where (in at (range last 90 days))))))"
    ),
    (
        "find interactions where kind = complaint and at in this month",
        "(find interaction (where (and (= kind complaint) (in at (range this month)))))"
    ),
    (
        "find customers where tags contains steel and email is not null",
        "(find customer (where (and (contains tags steel) (is-not-null email))))"
    ),
    (
        "count interactions where at in last 30 days group by kind",
        "(count interaction (where (in at (range last 30 days))) (group-by kind))"
    ),
    (
        "find interactions where kind = survey group by customer select customer.name, avg(score), count()",
        "(find interaction (where (= kind survey)) (group-by customer) "
            + "(select customer.name (avg score) (count)))"
    ),
    ("update promise 3 set status = kept", "(update promise 3 (set (status kept)))"),
    (
        #"update promises where overdue and owner = "li.wei" set owner = "wang.fang""#,
        #"(update promise (where (and overdue (= owner "li.wei"))) (set (owner "wang.fang")))"#
    ),
    ("delete interaction 9", "(delete interaction 9)"),
    (
        "delete customer 1 cascade       -- erases the customer and everything of theirs",
        "(delete customer 1 cascade)"
    ),
    ("history promise 3                -- every change to the record, oldest first", "(history promise 3)"),
    ("begin", "(begin)"),
    (
        #"update promise 3 set status = broken, note = "supplier failed""#,
        #"(update promise 3 (set (status broken) (note "supplier failed")))"#
    ),
    (
        #"insert promise {customer: 1, title: "Compensation", due: +5bd, amount: 1200.00}"#,
        #"(insert promise (customer 1) (title "Compensation") (due +5bd) (amount 1200.00))"#
    ),
    ("commit", "(commit)"),
    (
        "explain find promises where overdue and customer.tier = vip",
        "(explain (find promise (where (and overdue (= customer.tier vip)))))"
    ),
    // Precedence: or < and < not < comparison.
    (
        "find customers where not a = 1 or b != 2 and c <= -7",
        "(find customer (where (or (not (= a 1)) (and (!= b 2) (<= c -7)))))"
    ),
    (
        "find customers where not (a = 1 or b > 2) and c >= 3",
        "(find customer (where (and (not (or (= a 1) (> b 2))) (>= c 3))))"
    ),
    (
        "find customers where not not urgent",
        "(find customer (where (not (not urgent))))"
    ),
    // Relation predicates.
    (
        "find promises where count(promises where status = broken) >= 3 and any(interactions)",
        "(find promise (where (and (>= (count promises (where (= status broken))) 3) (any interactions))))"
    ),
    (
        "find interactions where kind = complaint and none(promises)",
        "(find interaction (where (and (= kind complaint) (none promises))))"
    ),
    // Every condition tail; `by` is a soft keyword usable as a field.
    (
        #"find interactions where by = "li" and subject starts with "Re" and x not in (1, 2) and y is null"#,
        #"(find interaction (where (and (and (and (= by "li") (starts-with subject "Re")) (not-in x [1 2])) "#
            + "(is-null y))))"
    ),
    (
        "find interactions where at not in last week",
        "(find interaction (where (not-in at (range last week))))"
    ),
    // Time literals.
    (
        "find promises where due < 2026-12-01T17:00:00+08:00 and "
            + "made > 2026-12-01 and made < 2026-12-01T17:00",
        "(find promise (where (and (and (< due 2026-12-01T17:00:00+08:00) (> made 2026-12-01)) "
            + "(< made 2026-12-01T17:00))))"
    ),
    (
        "find promises where due < now and resolved > 2026-12-01T17:00:00Z and made >= -30d",
        "(find promise (where (and (and (< due now) (> resolved 2026-12-01T17:00:00Z)) (>= made -30d))))"
    ),
    (
        "find promises where due in today or due in yesterday or due in tomorrow",
        "(find promise (where (or (or (in due (range today)) (in due "
            + "(range yesterday))) (in due (range tomorrow)))))"
    ),
    (
        "find promises where due in next quarter or due in last year "
            + "or made in next 2 weeks or made in last 1 day",
        "(find promise (where (or (or (or (in due (range next quarter)) (in due (range last year))) "
            + "(in made (range next 2 weeks))) (in made (range last 1 days)))))"
    ),
    (
        "find promises where due < +24h or due < +90min or due > -3mo or due > +1y or due > +2w",
        "(find promise (where (or (or (or (or (< due +24h) (< due "
            + "+90min)) (> due -3mo)) (> due +1y)) (> due +2w))))"
    ),
    // Parameters, limit and offset, clauses in any order.
    (
        "find promises where customer = $cust limit $n offset $2",
        "(find promise (where (= customer $cust)) (limit $n) (offset $2))"
    ),
    (
        "find customers limit 10 order by name desc, city where tier = vip offset 5",
        "(find customer (where (= tier vip)) (order-by (desc name) (asc city)) (limit 10) (offset 5))"
    ),
    ("get promise $id", "(get promise $id)"),
    // Select items and aliases.
    (
        "find promises group by owner, status select owner, status, count(*) as n, sum(amount) as total, "
            + "min(due), max(due)",
        "(find promise (group-by owner status) (select owner status (as (count) n) (as (sum amount) total) "
            + "(min due) (max due)))"
    ),
    (
        "find interactions group by customer select customer.name, avg(score) order by avg(score) desc",
        "(find interaction (group-by customer) (select customer.name "
            + "(avg score)) (order-by (desc (avg score))))"
    ),
    ("count promises", "(count promise)"),
    ("count promises group by status where overdue", "(count promise (where overdue) (group-by status))"),
    // Keywords are case-insensitive; entities singular or plural.
    ("FIND Customer WHERE Tier = VIP", "(find customer (where (= Tier VIP)))"),
    ("Get PROMISES 7", "(get promise 7)"),
    // Values: literals, attrs objects, Chinese bare words and strings, escapes.
    (
        #"insert customer {name: "客户 \"甲\"\n", attrs: {region: 华北, since: 2024-01-31, vip: true}, tags: []}"#,
        #"(insert customer (name "客户 \"甲\"\n") (attrs {(region 华北) "#
            + #"(since 2024-01-31) (vip true)}) (tags []))"#
    ),
    (
        "update customer 1 set attrs.region = null, tags = [a, b,], verified = now",
        "(update customer 1 (set (attrs.region null) (tags [a b]) (verified now)))"
    ),
    (
        "delete promises where status = cancelled cascade",
        "(delete promise (where (= status cancelled)) cascade)"
    ),
    (#"insert customer {name: "\u{4E2D}\t\\"}"#, #"(insert customer (name "中\t\\"))"#),
    ("explain count interactions where urgent", "(explain (count interaction (where urgent)))"),
    ("rollback", "(rollback)"),
    ("find customers where attrs.year = 2024", "(find customer (where (= attrs.year 2024)))"),
    // Arithmetic: * and / bind tighter than + and -, all group from the left; a sign glued to
    // a number or offset after a value is the operator.
    (
        "find promises where status = broken or kept_late select title, amount, days(late_by), "
            + "amount * 0.005 * days(late_by) as penalty",
        "(find promise (where (or (= status broken) kept_late)) (select title amount (days late_by) "
            + "(as (* (* amount 0.005) (days late_by)) penalty)))"
    ),
    (
        "update promises where overdue and owner = \"li.wei\" set due = due + 2bd",
        #"(update promise (where (and overdue (= owner "li.wei"))) (set (due (+ due 2bd))))"#
    ),
    ("find promises where resolved > due + 1d", "(find promise (where (> resolved (+ due 1d))))"),
    ("find promises where due < now + 24bh", "(find promise (where (< due (+ now 24bh))))"),
    ("find promises where late_by > 2d", "(find promise (where (> late_by 2d)))"),
    ("find promises where due-made > 3d", "(find promise (where (> (- due made) 3d)))"),
    ("find promises where due -2d < now", "(find promise (where (< (- due 2d) now)))"),
    ("find promises where amount -5 * 2 > 0", "(find promise (where (> (- amount (* 5 2)) 0)))"),
    ("find promises where amount +1.5 > 0", "(find promise (where (> (+ amount 1.5) 0)))"),
    ("find promises where a - b - c = 1", "(find promise (where (= (- (- a b) c) 1)))"),
    ("find promises where a / b * c = 1", "(find promise (where (= (* (/ a b) c) 1)))"),
    ("find promises where (a + b) * c = 1", "(find promise (where (= (* (+ a b) c) 1)))"),
    ("find promises where (due - made) > 2d", "(find promise (where (> (- due made) 2d)))"),
    (
        "find promises where (overdue) and -amount < -(1 + 2)",
        "(find promise (where (and overdue (< (- amount) (- (+ 1 2))))))"
    ),
    (
        #"find promises where working_days(made, due, "cn") >= 5 select round(amount / 3, 2) as third"#,
        #"(find promise (where (>= (working_days made due "cn") 5)) (select (as (round (/ amount 3) 2) third)))"#
    ),
    (
        "find promises select hours(now - made) order by due - made desc",
        "(find promise (select (hours (- now made))) (order-by (desc (- due made))))"
    ),
    (
        "insert promise {customer: 1, title: \"x\", due: 2026-12-01T09:30 + 24h}",
        #"(insert promise (customer 1) (title "x") (due (+ 2026-12-01T09:30 24h)))"#
    ),
    ("find promises where due < now +\n  2bd", "(find promise (where (< due (+ now 2bd))))"),

]

@Test(arguments: validStatements)
func validStatementDumps(source: String, expected: String) {
    let result = Parser.parse(source)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    #expect(result.script.statements.count == 1)
    #expect(result.script.statements.first?.dump == expected)
    #expect(completeness(of: source) == .complete)
}

@Test func wholeSpecExampleParsesAsOneScript() {
    let script = validStatements.prefix(22).map(\.source).joined(separator: "\n")
    let result = Parser.parse(script)
    #expect(result.diagnostics.isEmpty)
    #expect(result.script.statements.map(\.dump) == validStatements.prefix(22).map(\.dump))
}

@Test func statementsSeparatedBySemicolonsAndBlankLines() {
    let result = Parser.parse("begin; update promise 3 set status = kept;\n\n  -- note\ncommit;")
    #expect(result.diagnostics.isEmpty)
    #expect(result.script.description == "(begin)\n(update promise 3 (set (status kept)))\n(commit)")
}

@Test func multiLineStatements() {
    let source = """
        find customers where
            tier = vip and
            (city = "A"
             or city = "B")
        insert customer {
            name: "X",
            tags: [a,
                   b]
        }
        find customers where tier = vip order by
            name
        """
    #expect(
        dump(source) == """
            (find customer (where (and (= tier vip) (or (= city "A") (= city "B")))))
            (insert customer (name "X") (tags [a b]))
            (find customer (where (= tier vip)) (order-by (asc name)))
            """)
}

@Test func rangesCoverTheirSource() throws {
    let source = "find customers\nwhere"
    let first = try #require(
        Parser.parse("-- c\n  find customers where tier = vip  ").script.statements.first)
    #expect(first.range.start.line == 2)
    #expect(first.range.start.column == 3)
    #expect(first.range.end.column == 34)
    guard case .find(let find) = first.kind, let filter = find.filter,
        case .comparison(let left, _, let right) = filter.kind
    else {
        Issue.record("unexpected shape \(first.dump)")
        return
    }
    #expect(find.entity.range.start.column == 8)
    #expect(left.range.start.column == 24 && left.range.end.column == 28)
    #expect(right.range.start.column == 31 && right.range.end.column == 34)
    #expect(Parser.parse(source).diagnostics.count == 1)
}

@Test func literalTextIsKeptExactly() throws {
    let statement = try #require(
        Parser.parse("insert promise {amount: 1200.50, n: 007, m: -0.10}").script.statements.first)
    guard case .insert(let insert) = statement.kind else {
        Issue.record("not an insert")
        return
    }
    #expect(insert.fields.map(\.value.kind) == [.decimal("1200.50"), .integer("007"), .decimal("-0.10")])
}
