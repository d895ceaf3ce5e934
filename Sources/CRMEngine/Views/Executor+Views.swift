import CRMQuery
import CRMStore

extension Executor {
    /// `define view NAME as STATEMENT`: checks the statement against the schema (every name,
    /// value and clause, with its `$params` standing for values of the types their places
    /// want), then stores it as written, as a `SavedView` record, answering with its row.
    ///
    /// Nothing is stored when the name is taken or the statement does not bind; the error
    /// points inside the statement, where the mistake is.
    func defineView(_ statement: DefineViewStatement) throws {
        let tx = try viewWriter(at: statement.nameRange)
        if let existing = try SavedViews.named(statement.name, in: tx) {
            throw QueryError(
                .duplicateView,
                "a view named '\(existing.name)' exists already (drop view \(existing.name) first, "
                    + "or choose another name)", at: statement.nameRange)
        }
        var checker = self
        checker.parameterPlaceholders = true
        try checker.check(statement.body)
        let saved = try tx.insert(SavedView(name: statement.name, statement: text(statement.body.range)))
        describe(saved)
    }

    /// `drop view NAME`: deletes the view's record (its history stays), answering with the
    /// row of the view as it was.
    func dropView(_ statement: DropViewStatement) throws {
        let tx = try viewWriter(at: statement.nameRange)
        let view = try SavedViews.require(statement.name, at: statement.nameRange, in: tx)
        _ = try tx.delete(.view, view.id)
        describe(view)
    }

    /// `run NAME(ARG: VALUE, ...)`: parses the saved statement and runs it in this
    /// statement's transaction, its `$params` bound by the arguments, else by the session.
    ///
    /// A parameter with no value is an error naming it before anything runs; so is an
    /// argument the view has no parameter for. An error inside the view points at its name
    /// here and says where in the saved statement it is.
    func run(_ statement: RunStatement) throws {
        let (view, body, bound) = try prepare(statement)
        let missing = SavedViews.parameterNames(in: view.statement).filter { bound.named[$0] == nil }.sorted()
        if let first = missing.first {
            let names = missing.map { "$" + $0 }.joined(separator: ", ")
            let pronoun = missing.count == 1 ? "it" : "them"
            throw QueryError(
                .missingParameter,
                "view '\(view.name)' needs \(names) (give \(pronoun) as "
                    + "run \(view.name)(\(missing.map { "\($0): ..." }.joined(separator: ", "))), "
                    + "or bind \(pronoun) with .param set \(first) ...)",
                at: context.statementRange)
        }
        var inner = Executor(
            context: context, time: time, parameters: bound, receiver: receiver, source: view.statement)
        inner.calendars = calendars
        do {
            try inner.runBody(body)
        } catch let error as QueryError {
            throw Self.inView(view, error, at: statement.nameRange)
        }
    }

    /// The view `statement` names, its statement parsed, and the parameters it runs with:
    /// the session's, then the arguments (each one a parameter the view uses).
    private func prepare(_ statement: RunStatement) throws -> (SavedView, Statement, Parameters) {
        let view = try SavedViews.require(statement.name, at: statement.nameRange, in: context.transaction)
        let parsed = Parser.parse(view.statement)
        if let first = parsed.diagnostics.first {
            throw Self.inView(view, QueryError(first), at: statement.nameRange)
        }
        guard parsed.script.statements.count == 1, let body = parsed.script.statements.first, body.isViewBody
        else {
            throw QueryError(
                .invalidView,
                "view '\(view.name)' does not hold one find, count or get statement "
                    + "(drop it and define it again)", at: statement.nameRange)
        }
        let wanted = SavedViews.parameterNames(in: view.statement)
        var bound = parameters
        let binder = binder(.customer)
        for argument in statement.arguments {
            guard wanted.contains(argument.name) else {
                let list = wanted.sorted().map { "$" + $0 }.joined(separator: ", ")
                throw QueryError(
                    .unknownParameter,
                    "view '\(view.name)' has no parameter $\(argument.name) "
                        + (wanted.isEmpty ? "(it takes none)" : "(it takes \(list))"),
                    at: argument.nameRange,
                    suggestion: Suggestion.closest(to: argument.name, among: Array(wanted)))
            }
            bound.named[argument.name] = try binder.constant(
                argument.value, for: .custom, describing: "the argument \(argument.name)")
        }
        return (view, body, bound)
    }

    /// `explain run NAME`: the view's statement, then its plan (parameters it is not given
    /// stand for values of the types their places want, as when it was defined).
    func viewPlanLines(_ statement: RunStatement) throws -> [String] {
        let (view, body, bound) = try prepare(statement)
        var inner = Executor(
            context: context, time: time, parameters: bound, receiver: receiver, source: view.statement)
        inner.calendars = calendars
        inner.parameterPlaceholders = true
        do {
            return ["view \(view.name): \(view.statement)"] + (try inner.planLines(body))
        } catch let error as QueryError {
            throw Self.inView(view, error, at: statement.nameRange)
        }
    }

    /// Binds every part of a saved statement as running it would, reading no record: the
    /// binding half of `find`, `count` and `get`. Keep it in step with them (the tests run
    /// every statement of the grammar examples through both).
    func check(_ statement: Statement) throws {
        switch statement.kind {
        case .find(let find):
            _ = try bind(find)
        case .count(let count):
            let binder = binder(count.entity.entity)
            _ = try count.filter.map { (filter) throws(QueryError) in try binder.bind(filter) }
            _ = try count.groupBy.map { (path) throws(QueryError) in try binder.bind(path) }
        case .get(let get):
            let entity = get.entity.entity
            let binder = binder(entity)
            _ = try binder.integer(get.id)
            for include in get.includes {
                let query = try binder.bind(relation: include.relation, filter: include.filter)
                let target = Entity(query.relation.target)
                let inner = self.binder(target)
                let projections = Schema.defaultColumns(of: target).map { Self.columnProjection($0) }
                _ = try orderKeys(include.orderBy, projections, inner, aggregate: false)
                _ = try include.limit.map { (argument) throws(QueryError) in try inner.integer(argument) }
            }
        default:
            throw QueryError(
                .invalidView, "only find, count and get can be saved as a view", at: statement.range)
        }
    }

    /// Runs a view's statement (a `find`, `count` or `get`).
    private func runBody(_ body: Statement) throws {
        switch body.kind {
        case .find(let find): try self.find(find)
        case .count(let count): try self.count(count)
        case .get(let get): try self.get(get)
        default:
            throw QueryError(.invalidView, "only find, count and get can be saved as a view", at: body.range)
        }
    }

    /// An error from inside `view`'s statement, moved to the view's name in the statement
    /// that ran it (the saved text is not in that script), saying where in the view it was.
    private static func inView(_ view: SavedView, _ error: QueryError, at range: SourceRange) -> QueryError {
        let diagnostic = error.diagnostic
        let start = diagnostic.range.start
        let message =
            "in view '\(view.name)' (line \(start.line), column \(start.column) of its statement): "
            + diagnostic.message
        return QueryError(
            Diagnostic(
                diagnostic.id, message, at: range, suggestion: diagnostic.suggestion,
                notes: ["view '\(view.name)' is: \(view.statement)"]))
    }

    /// The write transaction a view definition runs in; it is a programmer error to run one
    /// in a read (the session routes statements that write to a write transaction).
    private func viewWriter(at range: SourceRange) throws -> WriteTransaction {
        guard let tx = context.transaction as? WriteTransaction else {
            throw QueryError(
                .transactionState, "a view definition changes the store; it cannot run in a read", at: range)
        }
        return tx
    }

    /// One row: the view's name and its statement.
    private func describe(_ view: SavedView) {
        receiver.section(title: nil, columns: ["view", "statement"])
        receiver.row([.string(view.name), .string(view.statement)])
    }
}

extension Statement {
    /// Whether a view may hold this statement: `find`, `count` or `get`, the statements
    /// that only read.
    var isViewBody: Bool {
        switch kind {
        case .find, .count, .get: true
        default: false
        }
    }
}
