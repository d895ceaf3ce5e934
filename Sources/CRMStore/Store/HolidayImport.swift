extension WriteTransaction {
    /// Inserts the all-day events of an iCalendar file (`text`) as holidays of the calendar
    /// called `calendar`: each `VEVENT` a run of days off named by its `SUMMARY`.
    ///
    ///     let added = try store.write { tx in try tx.insertHolidays(fromICalendar: text, calendar: "cn") }
    ///
    /// - Returns: the holidays as stored, in the file's order.
    /// - Throws: ``ICalendarError`` naming the line of the first problem in the file (nothing
    ///   is inserted), `StoreError` `.badReference` when there is no such calendar.
    public func insertHolidays(fromICalendar text: String, calendar: String) throws -> [Holiday] {
        let events = try ICalendarReader.holidays(in: text)
        guard try References.record(of: .calendar, named: calendar, in: self) != nil else {
            throw StoreError(
                .badReference,
                "there is no calendar named \(calendar) (insert calendar {name: \"\(calendar)\", ...} first)",
                field: "calendar")
        }
        var added: [Holiday] = []
        for event in events {
            let holiday = Holiday(
                calendar: calendar, from: event.from.description, to: event.to.description,
                name: event.name.isEmpty ? nil : event.name)
            added.append(try insert(holiday))
        }
        return added
    }
}
