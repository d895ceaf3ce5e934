/// Help for the query language in the shell: `.help find`, `.help time`. One entry per
/// statement kind and per topic, each with its syntax, what it does and examples, in one
/// table so that a test can run every example.
struct HelpTopic {
    /// The name `.help` takes.
    let name: String
    /// Other names for it (`.help commit` shows `begin`).
    let aliases: [String]
    /// The syntax, or a one-line summary for topics.
    let usage: String
    /// What it does, in a few lines.
    let text: String
    /// Statements to try; each parses.
    let examples: [String]

    /// The topic called `name` (or one of its aliases), ignoring case.
    static func named(_ name: String) -> HelpTopic? {
        let lowered = name.lowercased()
        return all.first { $0.name == lowered || $0.aliases.contains(lowered) }
    }

    /// The topic as `.help NAME` prints it.
    var description: String {
        ([usage, "", text] + (examples.isEmpty ? [] : [""] + examples.map { "  " + $0 }))
            .joined(separator: "\n")
    }

    /// The lines `.help` ends with: where to find help on the language.
    static var index: String {
        let statements = all.filter { $0.usage.first?.isLowercase ?? false }.map(\.name)
        let topics = all.filter { !($0.usage.first?.isLowercase ?? false) }.map(\.name)
        return "Statements: .help " + statements.joined(separator: "|") + "\nTopics: .help "
            + topics.joined(separator: "|") + "; a dot-command: .help .NAME"
    }

    /// Every topic: the statements in the order a newcomer meets them, then the topics.
    static let all: [HelpTopic] = statements + topics

    private static let statements: [HelpTopic] = [
        HelpTopic(
            name: "find", aliases: ["select", "query"],
            usage:
                "find ENTITY [where COND] [group by PATH, ...] [select ITEM, ...] [order by KEY [asc|desc], ...] "
                + "[limit N] [offset N]",
            text: """
                The records of one kind that meet a condition. Clauses come in any order, each once,
                and a line that starts with one goes on with the statement. A table shows each kind's
                default columns; select names any field, relation paths (customer.name) and, with
                group by, count(), avg(), sum(), min() and max().
                """,
            examples: [
                #"find customers where tier = vip and city = "Lagos" order by name limit 20"#,
                "find promises where overdue and customer.tier in (key, vip) order by due",
                "find interactions where kind = survey group by customer select customer.name, avg(score), count()",
            ]),
        HelpTopic(
            name: "count", aliases: [],
            usage: "count ENTITY [where COND] [group by PATH, ...]",
            text: """
                How many records meet a condition, in all or per group. End it with chart (or run
                .chart after it) to see the groups as a bar chart.
                """,
            examples: [
                "count customers where tier = vip",
                "count interactions where at in last 30 days group by kind",
                "count promises group by customer.tier, status chart",
            ]),
        HelpTopic(
            name: "get", aliases: ["with"],
            usage: "get ENTITY ID [with RELATION[(where COND order by KEY limit N)], ...]",
            text: """
                One record by its id, every field, shown one field a line; with adds its related
                records (a customer's interactions and promises, a promise's customer).
                """,
            examples: [
                "get customer 1",
                "get customer 1 with interactions(order by at desc limit 5), promises(where status = pending)",
            ]),
        HelpTopic(
            name: "insert", aliases: ["add", "new"],
            usage: "insert ENTITY {FIELD: VALUE, ...}",
            text: """
                A new record; the store gives it its id, created and updated. Enum values and tags are
                bare words, other text is quoted; TAB inside the braces lists the fields.
                """,
            examples: [
                #"insert customer {name: "Acme Ltd", tier: vip, city: "Xi'an", tags: [steel, north]}"#,
                #"insert interaction {customer: 1, kind: complaint, channel: phone, subject: "late delivery"}"#,
                #"insert promise {customer: 1, title: "Reply with a solution", due: +2bd, owner: "li.wei"}"#,
            ]),
        HelpTopic(
            name: "update", aliases: ["set"],
            usage: "update ENTITY (ID | where COND) set FIELD = VALUE, ...",
            text: """
                Changes one record, or every record that meets the condition, and shows the ids
                changed. Every change is kept in the record's history.
                """,
            examples: [
                "update promise 3 set status = kept",
                #"update promises where overdue and owner = "li.wei" set owner = "wang.fang""#,
            ]),
        HelpTopic(
            name: "delete", aliases: ["cascade", "erase"],
            usage: "delete ENTITY (ID | where COND) [cascade]",
            text: """
                Deletes records. A customer with interactions or promises is deleted only with
                cascade, which erases them too, history included.
                """,
            examples: ["delete interaction 9", "delete customer 1 cascade"]),
        HelpTopic(
            name: "history", aliases: [],
            usage: "history ENTITY ID",
            text: "Every change to a record, oldest first: when, what, and the values before and after.",
            examples: ["history promise 3"]),
        HelpTopic(
            name: "explain", aliases: ["plan"],
            usage: "explain STATEMENT",
            text: "How a statement would run: the index it uses and the conditions checked on each record.",
            examples: ["explain find promises where overdue and customer.tier = vip order by due"]),
        HelpTopic(
            name: "begin", aliases: ["commit", "rollback", "transaction", "transactions"],
            usage: "begin, then statements, then commit (or rollback)",
            text: """
                A transaction: the statements after begin run at once and show their results, but
                nothing is visible to others, or kept, until commit; rollback (or Ctrl-D) drops it
                all, and so does a statement that fails. While it is open the prompt is txn> and
                other writers wait.
                """,
            examples: [
                "begin",
                #"update promise 3 set status = broken, note = "supplier failed""#,
                "insert promise {customer: 1, title: \"Compensation\", due: +5bd, amount: 1200.00}",
                "commit",
            ]),
    ]

    private static let topics: [HelpTopic] = [
        HelpTopic(
            name: "where", aliases: ["conditions", "condition", "and", "or"],
            usage: "Conditions, after where",
            text: """
                = != < <= > >=, and, or, not, parentheses; in (a, b) and not in; is null, is not null;
                contains (a tag, or text ignoring case); starts with; any(REL where ...), none(...),
                count(REL where ...) > N; bare booleans (overdue, urgent). Text compares ignoring case;
                a comparison with null is unknown, so city != "X" leaves out records without a city.
                """,
            examples: [
                "find customers where tags contains steel and email is not null",
                "find customers where none(interactions where at in last 90 days)",
                "find interactions where kind = complaint and none(promises)",
            ]),
        HelpTopic(
            name: "time", aliases: ["dates", "date", "times", "now"],
            usage: "Times, in the session's zone (.tz) and clock (.now)",
            text: """
                Instants: now, 2026-12-01, 2026-12-01T17:00. Offsets: +24h -30d +2w -3mo +1y +90min,
                working days +5bd. Ranges: today, yesterday, tomorrow, this|last|next week|month|
                quarter|year, last|next N days|weeks|months; = or in means inside, < before it, > after
                it. A bare date given as due means the end of that day. Tables show times to the
                minute unless seconds tell rows apart.
                """,
            examples: [
                "find interactions where kind = complaint and at in this month",
                "find promises where due < +2bd and status = pending order by due",
                #"update promises where overdue and owner = "li.wei" set due = +2bd"#,
            ]),
        HelpTopic(
            name: "output", aliases: ["format", "formats", "tables", "expanded", "pager", "chart"],
            usage: "How results look",
            text: """
                .format table|box|markdown|line|json|jsonl|csv (.mode too). A table shows each kind's
                default columns and never cuts an id, number or time; a row too wide for the screen
                is shown one field a line (.expanded on|off|auto), as is a get. Long results go
                through $PAGER (else less -FRSX; .pager off). .chart draws the last group by result
                as a bar chart. json, jsonl and csv always hold every field.
                """,
            examples: ["count interactions group by kind chart"]),
    ]
}
