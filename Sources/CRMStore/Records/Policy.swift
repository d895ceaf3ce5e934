/// A service-level rule that acts by itself: when an interaction is inserted (by a
/// statement, the API or an import) and the policy's condition holds for it, the store
/// makes a promise in the same transaction, due `within` working time of the interaction.
///
///     insert policy {name: "complaint reply", on: "kind = complaint", title: "Reply to the complaint",
///                    within: 24bh, calendar: "cn", owner: "service desk", warn: 75}
///
/// The condition is in the query language and is checked by the engine that installs the
/// policy trigger (`CRMEngine.PolicyTrigger`): a store written without one keeps policies
/// as records and fires none.
public struct Policy: Record {
    /// `.policy`.
    public static let kind = RecordKind.policy

    /// Assigned by the store on insert; 0 before.
    public var id: Int64 = 0
    /// The policy's name, unique among policies (ignoring case).
    public var name: String
    /// The condition an inserted interaction must meet, in the query language:
    /// `kind = complaint and urgent`.
    public var on: String
    /// The title of the promises it makes.
    public var title: String
    /// How long the promise may take, counted from the interaction's `at`: an offset such as
    /// `24bh`, `5bd` or `48h` (working units count on the policy's calendar).
    public var within: String
    /// The calendar its working units count on; the session's default when nil.
    public var calendar: String?
    /// Who owns the promises; the interaction's `by` when nil.
    public var owner: String?
    /// At what share of the allowed working time (percent) a pending promise is at risk.
    public var warn: Int64?
    /// Whether it fires; deactivating never changes the promises it made.
    public var active = true
    /// Short strings; see `Record.tags`.
    public var tags: [String] = []
    /// Custom fields; see `Record.attrs`.
    public var attrs: [String: FieldValue] = [:]
    /// Set by the store on insert.
    public var created = Timestamp(microseconds: 0)
    /// Set by the store on every change.
    public var updated = Timestamp(microseconds: 0)

    /// A policy called `name` that makes a promise titled `title`, due `within` of each
    /// interaction meeting `on`.
    public init(name: String, on: String, title: String, within: String) {
        self.name = name
        self.on = on
        self.title = title
        self.within = within
    }

    /// The declaration of policy records.
    public static let declaration = RecordDeclaration<Policy>(
        .policy,
        blank: Policy(name: "", on: "", title: "", within: ""),
        fields: [
            .text("name", 16, \.name),
            .text("on", 17, \.on, rule: .none),
            .text("title", 18, \.title, rule: .none),
            .text("within", 19, \.within, rule: .offset),
            .text("calendar", 20, \.calendar, rule: .names(.calendar)),
            .text("owner", 21, \.owner, rule: .indexedText),
            .integer("warn", 22, \.warn, rule: .range(1...100)),
            .boolean("active", 23, \.active, default: true),
        ],
        indexes: [
            IndexDeclaration("policy.name", [.folded("name")], unique: true, selectivity: .unique)
        ]
    )
}

/// A saved statement: `define view weekly_check as find promises where overdue ...` stores
/// it, `run weekly_check` runs it, with `$params` bound by `--param`, `.param` or
/// `run due_soon(days: 3)`. Its changes are kept in history like any record's.
public struct SavedView: Record {
    /// `.view`.
    public static let kind = RecordKind.view

    /// Assigned by the store on insert; 0 before.
    public var id: Int64 = 0
    /// The view's name, unique among views (ignoring case).
    public var name: String
    /// The statement, as written.
    public var statement: String
    /// Short strings; see `Record.tags`.
    public var tags: [String] = []
    /// Custom fields; see `Record.attrs`.
    public var attrs: [String: FieldValue] = [:]
    /// Set by the store on insert.
    public var created = Timestamp(microseconds: 0)
    /// Set by the store on every change.
    public var updated = Timestamp(microseconds: 0)

    /// A view called `name` of `statement`.
    public init(name: String, statement: String) {
        self.name = name
        self.statement = statement
    }

    /// The declaration of view records.
    public static let declaration = RecordDeclaration<SavedView>(
        .view,
        blank: SavedView(name: "", statement: ""),
        fields: [
            .text("name", 16, \.name),
            .text("statement", 17, \.statement, rule: .none),
        ],
        indexes: [
            IndexDeclaration("view.name", [.folded("name")], unique: true, selectivity: .unique)
        ]
    )
}
