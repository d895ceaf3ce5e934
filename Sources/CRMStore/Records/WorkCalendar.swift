/// A working calendar: the days and hours that count as working time in a zone, which
/// `+Nbd`, `+Nbh` and SLA policies count on. Days off and make-up working days are
/// `Holiday` records that name it.
///
///     insert calendar {name: "cn", zone: "Asia/Shanghai", days: [mon, tue, wed, thu, fri],
///                      hours: "09:00-12:00, 13:30-18:00"}
public struct WorkCalendar: Record {
    /// `.calendar`.
    public static let kind = RecordKind.calendar

    /// Assigned by the store on insert; 0 before.
    public var id: Int64 = 0
    /// The calendar's name, unique among calendars (ignoring case): how holidays, policies
    /// and `--calendar` name it. The calendar named `default` is used when none is chosen.
    public var name: String
    /// The time zone its days and hours are in: an IANA name or an offset (`+08:00`).
    public var zone: String
    /// The working days of a usual week: `mon` ... `sun`.
    public var days: [String]
    /// The working hours of a working day: `"09:00-12:00, 13:30-18:00"`.
    public var hours: String
    /// Short strings; see `Record.tags`.
    public var tags: [String] = []
    /// Custom fields; see `Record.attrs`.
    public var attrs: [String: FieldValue] = [:]
    /// Set by the store on insert.
    public var created = Timestamp(microseconds: 0)
    /// Set by the store on every change.
    public var updated = Timestamp(microseconds: 0)

    /// A calendar called `name` in `zone`, working `days` during `hours`.
    public init(name: String, zone: String, days: [String], hours: String) {
        self.name = name
        self.zone = zone
        self.days = days
        self.hours = hours
    }

    /// The declaration of calendar records.
    public static let declaration = RecordDeclaration<WorkCalendar>(
        .calendar,
        blank: WorkCalendar(name: "", zone: "", days: [], hours: ""),
        fields: [
            .text("name", 16, \.name),
            .text("zone", 17, \.zone, rule: .none),
            .list("days", 18, \.days),
            .text("hours", 19, \.hours, rule: .none),
        ],
        indexes: [
            IndexDeclaration("calendar.name", [.folded("name")], unique: true, selectivity: .unique)
        ],
        rules: [.workingCalendar]
    )
}

/// A day or run of days off in a calendar, or (with `working: true`) of make-up working
/// days: weekend days worked in exchange for a holiday.
///
///     insert holiday {calendar: "cn", from: 2026-10-01, to: 2026-10-07, name: "国庆节"}
///     insert holiday {calendar: "cn", from: 2026-10-10, to: 2026-10-10, working: true, name: "调休"}
public struct Holiday: Record {
    /// `.holiday`.
    public static let kind = RecordKind.holiday

    /// Assigned by the store on insert; 0 before.
    public var id: Int64 = 0
    /// The name of the calendar it belongs to; required, must exist.
    public var calendar: String
    /// The first day, `YYYY-MM-DD`, in the calendar's zone.
    public var from: String
    /// The last day (inclusive), `YYYY-MM-DD`; not before `from`.
    public var to: String
    /// What it is called.
    public var name: String?
    /// Whether the days are make-up working days rather than days off.
    public var working = false
    /// Short strings; see `Record.tags`.
    public var tags: [String] = []
    /// Custom fields; see `Record.attrs`.
    public var attrs: [String: FieldValue] = [:]
    /// Set by the store on insert.
    public var created = Timestamp(microseconds: 0)
    /// Set by the store on every change.
    public var updated = Timestamp(microseconds: 0)

    /// Days off in `calendar` from `from` to `to` (both `YYYY-MM-DD`, inclusive).
    public init(calendar: String, from: String, to: String, name: String? = nil, working: Bool = false) {
        self.calendar = calendar
        self.from = from
        self.to = to
        self.name = name
        self.working = working
    }

    /// The declaration of holiday records.
    public static let declaration = RecordDeclaration<Holiday>(
        .holiday,
        blank: Holiday(calendar: "", from: "", to: ""),
        fields: [
            .text("calendar", 16, \.calendar, rule: .names(.calendar)),
            .text("from", 17, \.from, rule: .date),
            .text("to", 18, \.to, rule: .date),
            .text("name", 19, \.name),
            .boolean("working", 20, \.working),
        ],
        indexes: [
            IndexDeclaration(
                "holiday.calendar_from", [.folded("calendar"), .value("from")], selectivity: .owned)
        ],
        rules: [.dateRange(from: "from", to: "to")]
    )

    /// The holiday as the calendar arithmetic takes it.
    ///
    /// - Throws: ``CalendarError`` when a date is not a date.
    public var workingCalendarHoliday: WorkingCalendar.Holiday {
        get throws(CalendarError) {
            try WorkingCalendar.Holiday(from: from, to: to, name: name ?? "", working: working)
        }
    }
}
