import Foundation

/// Working calendars and policies as the store keeps them: a calendar record and its
/// holidays made into one `WorkingCalendar`, read once per transaction.
extension ReadTransaction {
    /// The calendar stored under `name` (ignoring case) with its holidays and make-up
    /// working days, or nil when there is none.
    ///
    /// - Throws: `.corrupt` when a stored calendar or holiday no longer makes a calendar
    ///   (the store checks both when they are written, so only a damaged file gets here).
    public func workingCalendar(named name: String) throws -> WorkingCalendar? {
        let key = TextKey.fold(name)
        if let cached = calendarCache[key] { return cached }
        var calendar: WorkingCalendar? = nil
        if let id = try References.record(of: .calendar, named: name, in: self),
            let record = try get(WorkCalendar.self, id)
        {
            do {
                calendar = try WorkingCalendar(
                    name: record.name, zone: record.zone, days: record.days, hours: record.hours,
                    holidays: try holidays(of: record.name))
            } catch let error as CalendarError {
                throw StoreError(.corrupt, "calendar \(id) (\(record.name)) is damaged: \(error.description)")
            }
        }
        calendarCache[key] = calendar
        return calendar
    }

    /// The holidays and make-up working days stored for the calendar called `name`.
    private func holidays(of name: String) throws -> [WorkingCalendar.Holiday] {
        guard let index = Holiday.schema.index("holiday.calendar_from") else { return [] }
        var scan = try scan(index: index, equal: [.string(name)])
        var holidays: [WorkingCalendar.Holiday] = []
        while let id = try scan.nextID() {
            if let holiday = try get(Holiday.self, id) { holidays.append(try holiday.workingCalendarHoliday) }
        }
        return holidays
    }

    /// The calendar working time counts on when nothing names one: `session` when given,
    /// else the stored calendar named `default`, else Monday to Friday 09:00-18:00 UTC.
    public func defaultCalendar(session: WorkingCalendar? = nil) throws -> WorkingCalendar {
        if let session { return session }
        return try workingCalendar(named: "default") ?? .standard(in: TimeZone(identifier: "UTC") ?? .current)
    }

    /// The policy with `id`, read once per transaction; nil when there is none.
    public func policy(_ id: Int64) throws -> Policy? {
        if let cached = policyCache[id] { return cached }
        guard let policy = try get(Policy.self, id) else { return nil }
        policyCache[id] = policy
        return policy
    }

    /// Forgets the calendars and policies read so far; a write to one of them calls it.
    func forgetCalendarsAndPolicies() {
        calendarCache.removeAll()
        policyCache.removeAll()
    }
}
