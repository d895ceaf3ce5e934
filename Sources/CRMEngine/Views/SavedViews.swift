import CRMQuery
import CRMStore

/// Finding saved views (`define view`): by name, all of them, and the parameters a view's
/// statement uses.
///
///     let names = try SavedViews.all(in: store).map(\.name)   // for `.views` and TAB after `run `
///
/// A store keeps few views, so they are read whole rather than through the name index.
public enum SavedViews {
    /// Every saved view, in name order (ignoring case).
    ///
    /// - Throws: `StoreError` when the store cannot be read.
    public static func all(in store: Store) throws -> [SavedView] {
        try store.read { tx in try all(in: tx) }
    }

    /// Every saved view, in name order (ignoring case), as `tx` sees them.
    public static func all(in tx: ReadTransaction) throws -> [SavedView] {
        try tx.all(SavedView.self).collect().sorted {
            ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id)
        }
    }

    /// The view called `name` (ignoring case, as its unique index does), or nil.
    public static func named(_ name: String, in tx: ReadTransaction) throws -> SavedView? {
        let lowered = name.lowercased()
        var cursor = try tx.all(SavedView.self)
        while let view = try cursor.next() {
            if view.name.lowercased() == lowered { return view }
        }
        return nil
    }

    /// The names of the `$name` parameters in `statement` (`$1` and the like are not named,
    /// and come from the program that runs the view).
    public static func parameterNames(in statement: String) -> Set<String> {
        var names: Set<String> = []
        for token in Lexer.tokenize(statement).tokens {
            if case .parameter(.named(let name)) = token.kind { names.insert(name) }
        }
        return names
    }

    /// The view called `name`, or an `unknown-view` error at `range` that lists the views
    /// there are (with the closest name as a suggestion).
    static func require(_ name: String, at range: SourceRange, in tx: ReadTransaction) throws -> SavedView {
        if let view = try named(name, in: tx) { return view }
        let names = try all(in: tx).map(\.name)
        throw QueryError(
            .unknownView,
            "there is no view named '\(name)' "
                + (names.isEmpty
                    ? "(define one: define view \(name) as find ...)"
                    : "(there are: \(names.joined(separator: ", ")))"),
            at: range,
            suggestion: Suggestion.closest(to: name.lowercased(), among: names.map { $0.lowercased() }))
    }
}
