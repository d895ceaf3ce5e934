import CRMQuery
import CRMStore

extension Session {
    /// The calendar a statement counts working time on when ``workingCalendar`` is not set:
    /// the stored calendar ``calendarName`` names, else the one named `default`, else nil (the
    /// standard calendar in the session's zone).
    ///
    /// - Throws: `QueryError` `.unknownCalendar` at `range` when ``calendarName`` names no
    ///   stored calendar, listing the ones there are.
    ///
    /// A statement that writes calendars or holidays runs even when the named calendar is
    /// missing (on the standard one), so that a script run with `--calendar cn` may begin by
    /// making `cn`.
    func storedCalendar(for statement: Statement, in tx: ReadTransaction) throws -> WorkingCalendar? {
        guard let name = calendarName else { return try tx.workingCalendar(named: "default") }
        if let calendar = try tx.workingCalendar(named: name) { return calendar }
        if Self.writesCalendars(statement) { return nil }
        let range = statement.range
        let names = try tx.all(WorkCalendar.self).collect().map(\.name)
        let known =
            names.isEmpty
            ? "the store has none (insert calendar {...})" : "there are " + names.joined(separator: ", ")
        throw QueryError(
            .unknownCalendar, "no calendar named \(name) (set by --calendar or .calendar); \(known)",
            at: range)
    }

    /// Whether `statement` inserts, updates or deletes calendars or holidays.
    private static func writesCalendars(_ statement: Statement) -> Bool {
        let entity: Entity
        switch statement.kind {
        case .insert(let insert): entity = insert.entity.entity
        case .update(let update): entity = update.entity.entity
        case .delete(let delete): entity = delete.entity.entity
        default: return false
        }
        return entity == .calendar || entity == .holiday
    }
}
