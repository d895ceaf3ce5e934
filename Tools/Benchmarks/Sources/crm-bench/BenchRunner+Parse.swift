import CRMQuery

extension BenchRunner {
    /// parse: mixed statements through `Parser.parse`, against preparing the same statements'
    /// SQL with `sqlite3_prepare` (GRDB's `makeStatement`).
    func parseRow(sqlite: SQLiteSystem) throws -> RowResult {
        let mix = ParseMix(distinct: min(10_000, sizes.parses), customers: data.customerCount)
        for statement in mix.statements {
            if let diagnostic = Parser.parse(statement).diagnostics.first {
                throw BenchError("the parse mix has a bad statement: \(statement): \(diagnostic.message)")
            }
        }
        let count = sizes.parses
        Progress.say("parse: \(count) statements")
        let (parsed, storeSeconds) = Stopwatch.time {
            var statements = 0
            for index in 0..<count {
                statements +=
                    Parser.parse(mix.statements[index % mix.statements.count]).script.statements.count
            }
            return statements
        }
        guard parsed == count else { throw BenchError("parsing gave \(parsed) statements, not \(count)") }
        Progress.say("parse: SQLite prepares")
        let sqliteSeconds = try sqlite.prepare(mix.sql, count: count)
        return RowResult(
            store: .rate(Double(count) / storeSeconds), sqlite: .rate(Double(count) / sqliteSeconds))
    }
}
