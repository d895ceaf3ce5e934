/// Why a working calendar could not be made or could not answer: a calendar with no working
/// days, working hours that overlap, a holiday that ends before it starts, an offset too far.
///
/// The message says what was wrong and what would be right. `field` names the part of the
/// calendar it is about, and `span` where inside that part's text (UTF-8 offsets into the
/// hours text, or the position of an item in the days list), so that a caller that knows
/// where the text came from can point a caret at it.
///
///     catch let error as CalendarError where error.code == .overlappingHours { ... }
public struct CalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of problem, with stable string ids.
    public enum Code: String, Sendable, Equatable {
        /// No day of the week is a working day.
        case noWorkingDays = "no-working-days"
        /// A word in the days list that is not a day of the week.
        case unknownWeekday = "unknown-weekday"
        /// No working hours at all.
        case noHours = "no-hours"
        /// Hours text that is not `HH:MM-HH:MM, ...`.
        case malformedHours = "malformed-hours"
        /// A time of day outside 00:00 to 24:00.
        case hoursOutOfRange = "hours-out-of-range"
        /// An interval that ends where or before it starts.
        case reversedHours = "reversed-hours"
        /// Two intervals that share time.
        case overlappingHours = "overlapping-hours"
        /// A holiday whose `to` is before its `from`.
        case reversedHoliday = "reversed-holiday"
        /// A date that is not on the calendar, or not written YYYY-MM-DD.
        case invalidDate = "invalid-date"
        /// A zone name that is not known.
        case unknownZone = "unknown-zone"
        /// An offset or span too far for working-time arithmetic.
        case tooFar = "too-far"
    }

    /// What kind of problem it is.
    public let code: Code
    /// What was wrong and what would be right, in words.
    public let message: String
    /// The part of the calendar the problem is in: `days`, `hours`, `zone`, `holiday`; nil
    /// for arithmetic.
    public let field: String?
    /// Where in that part: UTF-8 offsets into the hours text, or `i..<i+1` for the `i`th
    /// item of the days list; nil when the whole part is meant.
    public let span: Range<Int>?

    /// A problem of `code`, explained by `message`, in `field` at `span`.
    public init(_ code: Code, _ message: String, field: String? = nil, span: Range<Int>? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.span = span
    }

    /// The message.
    public var description: String { message }
}
