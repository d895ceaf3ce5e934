/// iCalendar files the tests import as holidays.
public enum ICalendarSample {
    /// One all-day event, "Two days off": Thursday 2026-11-26 and Friday 2026-11-27 (DTEND is
    /// the day after, as the standard says), with CRLF line ends.
    public static let twoDaysOff = """
        BEGIN:VCALENDAR\r
        BEGIN:VEVENT\r
        DTSTART;VALUE=DATE:20261126\r
        DTEND;VALUE=DATE:20261128\r
        SUMMARY:Two days off\r
        END:VEVENT\r
        END:VCALENDAR\r

        """
}
