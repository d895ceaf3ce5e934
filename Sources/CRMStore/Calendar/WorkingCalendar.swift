import Foundation

/// A working calendar: which days are working days and which hours of them are working
/// hours, in one time zone, with days off (holidays) and make-up working days. The values
/// `+5bd` and `+24bh` count on, and what an SLA policy measures its deadlines with.
///
/// A day is a working day when it is one of ``workingDays`` and no holiday covers it, or when
/// a make-up working day (`working: true`) covers it, whatever its weekday; make-up days use
/// the calendar's usual ``hours``. Working time is the time inside the hours of working days,
/// measured in real elapsed time (a 00:00-24:00 day lasts 23 hours when clocks spring
/// forward). The arithmetic is in `WorkingCalendar+Arithmetic.swift`.
///
/// A pure value: no store, no clock. Equal calendars give equal answers.
///
///     let cn = try WorkingCalendar(
///         name: "cn", zone: "Asia/Shanghai", days: ["mon", "tue", "wed", "thu", "fri"],
///         hours: "09:00-12:00, 13:30-18:00",
///         holidays: [try .init(from: "2026-10-01", to: "2026-10-07", name: "国庆节"),
///                    try .init(from: "2026-10-10", to: "2026-10-10", name: "调休", working: true)])
///     try cn.adding(workingDays: 1, to: septemberThirtyAtTen)  // 2026-10-08T10:00+08:00
public struct WorkingCalendar: Sendable, Hashable {
    /// A day off, or with `working` a make-up working day, over a span of whole days.
    public struct Holiday: Sendable, Hashable {
        /// The first day.
        public let from: CalendarDate
        /// The last day, included: a one-day holiday has `to == from`.
        public let to: CalendarDate
        /// What it is called: "国庆节".
        public let name: String
        /// Whether these are make-up working days rather than days off.
        public let working: Bool

        /// A holiday from `from` to `to`, both included.
        ///
        /// - Throws: ``CalendarError`` `.reversedHoliday` when `to` is before `from`.
        public init(from: CalendarDate, to: CalendarDate, name: String, working: Bool = false)
            throws(CalendarError)
        {
            guard to >= from else {
                throw CalendarError(
                    .reversedHoliday,
                    "holiday \(name.isEmpty ? "" : "'\(name)' ")ends on \(to) before it starts on \(from) "
                        + "(to is the last day, included: a one-day holiday has to = from)",
                    field: "to")
            }
            self.from = from
            self.to = to
            self.name = name
            self.working = working
        }

        /// A holiday from dates written `YYYY-MM-DD`.
        ///
        /// - Throws: ``CalendarError`` `.invalidDate` for text that is not a date on the
        ///   calendar, and `.reversedHoliday` as above.
        public init(from: String, to: String, name: String, working: Bool = false) throws(CalendarError) {
            guard let first = CalendarDate(parsing: from) else { throw Self.invalidDate(from, field: "from") }
            guard let last = CalendarDate(parsing: to) else { throw Self.invalidDate(to, field: "to") }
            try self.init(from: first, to: last, name: name, working: working)
        }

        private static func invalidDate(_ text: String, field: String) -> CalendarError {
            CalendarError(
                .invalidDate, "'\(text)' is not a date on the calendar; write YYYY-MM-DD", field: field)
        }
    }

    /// The calendar's name: `cn`.
    public let name: String
    /// The zone its days and hours are in.
    public let clock: WallClock
    /// The weekdays that are working days, Monday first.
    public let workingDays: [Weekday]
    /// The working hours of every working day.
    public let hours: WorkingHours
    /// Days off and make-up working days, as given.
    public let holidays: [Holiday]
    /// Which days are working days, for the arithmetic.
    let days: WorkingDaySet

    /// The zone its days and hours are in.
    public var timeZone: TimeZone { clock.timeZone }

    /// A calendar from its parts.
    ///
    /// - Throws: ``CalendarError`` `.noWorkingDays` when `workingDays` is empty.
    public init(
        name: String, timeZone: TimeZone, workingDays: Set<Weekday>, hours: WorkingHours,
        holidays: [Holiday] = []
    ) throws(CalendarError) {
        guard !workingDays.isEmpty else {
            throw CalendarError(
                .noWorkingDays,
                "a calendar needs at least one working day, as in days: [mon, tue, wed, thu, fri]",
                field: "days")
        }
        self.name = name
        self.clock = WallClock(timeZone)
        self.workingDays = workingDays.sorted()
        self.hours = hours
        self.holidays = holidays
        self.days = WorkingDaySet(weekdays: workingDays, holidays: holidays)
    }

    /// A calendar from the text a calendar record holds: a zone name (`Asia/Shanghai`,
    /// `+08:00`), day names (`mon` or `monday`, any case) and hours text
    /// (`"09:00-12:00, 13:30-18:00"`).
    ///
    /// - Throws: ``CalendarError`` naming the field (`zone`, `days`, `hours`) and, for days and
    ///   hours, where in it: an unknown zone or day, no days, hours malformed, reversed, out of
    ///   range or overlapping.
    public init(name: String, zone: String, days: [String], hours: String, holidays: [Holiday] = [])
        throws(CalendarError)
    {
        guard let timeZone = WallClock.timeZone(named: zone) else {
            throw CalendarError(
                .unknownZone,
                "unknown time zone '\(zone)'; write an IANA name such as Asia/Shanghai, or an offset such as +08:00",
                field: "zone")
        }
        var weekdays = Set<Weekday>()
        for (index, word) in days.enumerated() {
            guard let day = Weekday(name: word) else {
                throw CalendarError(
                    .unknownWeekday,
                    "'\(word)' is not a day of the week; write mon, tue, wed, thu, fri, sat or sun",
                    field: "days", span: index..<(index + 1))
            }
            weekdays.insert(day)
        }
        try self.init(
            name: name, timeZone: timeZone, workingDays: weekdays, hours: try WorkingHours(parsing: hours),
            holidays: holidays)
    }

    /// The calendar used when none is chosen: Monday to Friday, 09:00-18:00, in `timeZone`,
    /// with no holidays.
    public static func standard(in timeZone: TimeZone) -> WorkingCalendar {
        WorkingCalendar(
            name: "standard", clock: WallClock(timeZone),
            workingDays: [.monday, .tuesday, .wednesday, .thursday, .friday], hours: .standard, holidays: [])
    }

    /// The same calendar with `more` holidays as well.
    public func adding(holidays more: [Holiday]) -> WorkingCalendar {
        WorkingCalendar(
            name: name, clock: clock, workingDays: workingDays, hours: hours, holidays: holidays + more)
    }

    /// Whether `date` is a working day.
    public func isWorkingDay(_ date: CalendarDate) -> Bool { days.isWorking(date.day) }

    /// Whether `time` falls inside the working hours of a working day (an interval includes
    /// its opening and excludes its closing).
    public func isWorkingTime(_ time: Timestamp) -> Bool {
        let reading = clock.local(time)
        return days.isWorking(reading.day) && interval(containing: reading.microsecondOfDay) != nil
    }

    /// The hours as microseconds since midnight, in order.
    var spans: [(start: Int64, end: Int64)] { hours.intervals.map(\.microseconds) }

    /// The index of the interval holding the time of day `microsecond`, if one does.
    func interval(containing microsecond: Int64) -> Int? {
        spans.firstIndex { $0.start <= microsecond && microsecond < $0.end }
    }

    /// A calendar whose parts are known to be valid.
    private init(
        name: String, clock: WallClock, workingDays: [Weekday], hours: WorkingHours, holidays: [Holiday]
    ) {
        self.name = name
        self.clock = clock
        self.workingDays = workingDays
        self.hours = hours
        self.holidays = holidays
        self.days = WorkingDaySet(weekdays: Set(workingDays), holidays: holidays)
    }
}

extension WorkingHours {
    /// 09:00-18:00.
    static let standard = WorkingHours(unchecked: [Interval(start: 540, end: 1080)])
}
