/// One section of a digest: a title and the query-language statement whose rows it lists,
/// and the column that says whose each row is (for `crm digest --by owner`).
///
/// Every section is an ordinary statement run through ``Session``, so a digest shows what
/// the same statement shows in the shell, and adding a section is adding one line to
/// ``standard``.
public struct DigestSection: Sendable, Equatable {
    /// A stable key for machines (`overdue`, `view:weekly_check`): the JSON form's `id`.
    public let id: String
    /// The heading people read (`Overdue`).
    public let title: String
    /// The statement whose rows the section lists.
    public let statement: String
    /// The result column naming whose a row is (`owner` of a promise, `by` of an
    /// interaction); nil when the rows belong to no one in particular.
    public let ownerColumn: String?

    /// A section titled `title` listing the rows of `statement`, keyed `id`.
    public init(id: String, title: String, statement: String, ownerColumn: String?) {
        self.id = id
        self.title = title
        self.statement = statement
        self.ownerColumn = ownerColumn
    }

    /// The columns the promise sections show: enough to act on, in a chat message too.
    private static let promiseColumns = "select id, customer.name as customer, title, due, owner"

    /// The sections every digest has, in the order it shows them: the one list of them.
    ///
    /// "At risk" is `at_risk`: pending, not yet due, and past its policy's warning line
    /// of the allowed working time. "Due soon" is pending promises due from now to three
    /// working days on (on the session's working calendar), at risk or not; a complaint with no promise made on it is one nobody
    /// has answered with a commitment yet, listed under who took it (`by`).
    public static let standard: [DigestSection] = [
        DigestSection(
            id: "overdue", title: "Overdue",
            statement: "find promises where overdue order by due \(promiseColumns)", ownerColumn: "owner"),
        DigestSection(
            id: "at_risk", title: "At risk",
            statement: "find promises where at_risk order by due \(promiseColumns)", ownerColumn: "owner"),
        DigestSection(
            id: "due_soon", title: "Due in the next 3 working days",
            statement:
                // Not those at risk: they are listed just above, once is enough.
                "find promises where status = pending and due >= now and due < now + 3bd and not at_risk order by due \(promiseColumns)",
            ownerColumn: "owner"),
        DigestSection(
            id: "unanswered_complaints", title: "Complaints with no promise made on them",
            statement:
                "find interactions where kind = complaint and none(promises) order by at "
                + "select id, customer.name as customer, at, subject, by",
            ownerColumn: "by"),
    ]

    /// The section of a saved view: its rows, under whoever its `owner` column names, if it
    /// has one.
    ///
    /// It is a programmer error to pass a name that is not one word (`SavedViews` names
    /// are); `Digest` checks the names it is given before it makes these.
    public static func view(_ name: String) -> DigestSection {
        DigestSection(
            id: "view:\(name)", title: "View \(name)", statement: "run \(name)", ownerColumn: "owner")
    }
}
