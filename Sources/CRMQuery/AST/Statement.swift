/// One statement of the query language, with its source range.
public struct Statement: Sendable, Equatable, CustomStringConvertible {
    /// Which statement this is, with its parts.
    public enum Kind: Sendable, Equatable {
        /// `insert ENTITY {...}`.
        case insert(InsertStatement)
        /// `get ENTITY ID [with ...]`.
        case get(GetStatement)
        /// `find ENTITY [clauses]`.
        case find(FindStatement)
        /// `count ENTITY [where ...] [group by ...]`.
        case count(CountStatement)
        /// `update ENTITY (ID | where EXPR) set ...`.
        case update(UpdateStatement)
        /// `delete ENTITY (ID | where EXPR) [cascade]`.
        case delete(DeleteStatement)
        /// `history ENTITY ID`.
        case history(HistoryStatement)
        /// `define field ENTITY.NAME: TYPE [indexed]`.
        case defineField(DefineFieldStatement)
        /// `drop field ENTITY.NAME`.
        case dropField(DropFieldStatement)
        /// `begin`.
        case begin
        /// `commit`.
        case commit
        /// `rollback`.
        case rollback
        /// `explain STATEMENT`; the inner statement is never another `explain` or a transaction
        /// statement.
        indirect case explain(Statement)
    }

    /// Which statement this is, with its parts.
    public var kind: Kind
    /// From the first keyword to the last token of the statement (not its terminator).
    public var range: SourceRange

    /// A compact, deterministic S-expression for golden tests, such as
    /// `(find customer (where (= tier vip)) (limit 20))`.
    public var dump: String {
        switch kind {
        case .insert(let statement): return statement.description
        case .get(let statement): return statement.description
        case .find(let statement): return statement.description
        case .count(let statement): return statement.description
        case .update(let statement): return statement.description
        case .delete(let statement): return statement.description
        case .history(let statement): return statement.description
        case .defineField(let statement): return statement.description
        case .dropField(let statement): return statement.description
        case .begin: return "(begin)"
        case .commit: return "(commit)"
        case .rollback: return "(rollback)"
        case .explain(let inner): return "(explain \(inner.dump))"
        }
    }

    /// The same as ``dump``.
    public var description: String { dump }
}

extension Array where Element: CustomStringConvertible {
    /// `(HEAD a b c)`, or `nil` when empty: shared by the statement dumps.
    func clause(_ head: String) -> String? {
        isEmpty ? nil : "(" + head + " " + map(\.description).joined(separator: " ") + ")"
    }
}

extension Statement {
    /// The statement's first keyword (`define` and `drop` for definitions), for messages
    /// and result titles.
    public var verb: String {
        switch kind {
        case .insert: "insert"
        case .get: "get"
        case .find: "find"
        case .count: "count"
        case .update: "update"
        case .delete: "delete"
        case .history: "history"
        case .defineField: "define"
        case .dropField: "drop"
        case .begin: "begin"
        case .commit: "commit"
        case .rollback: "rollback"
        case .explain: "explain"
        }
    }
}
