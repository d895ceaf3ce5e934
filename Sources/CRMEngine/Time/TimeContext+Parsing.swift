import CRMStore
import Foundation

extension TimeContext {
    /// For `--tz`: an IANA name ("Asia/Shanghai", "UTC") or a fixed offset ("+08:00"); nil if
    /// unknown. The rules are ``WallClock/timeZone(named:)``'s, shared with calendars' zones.
    ///
    ///     TimeContext.timeZone(named: "+08:00")?.secondsFromGMT()  // 28_800
    ///     TimeContext.timeZone(named: "Mars/Olympus")             // nil
    public static func timeZone(named name: String) -> TimeZone? {
        WallClock.timeZone(named: name)
    }

    /// For `--now` / `.now`: parses "2026-11-25", "2026-11-25T12:00", "...:00", "...Z", "...+08:00"
    /// in this zone.
    ///
    /// A bare date is its first instant; a date-time without `Z` or an offset is wall-clock time
    /// in ``timeZone`` (a skipped time moves forward by the DST gap, an ambiguous one is the
    /// earlier instant). Seconds may carry a fraction of up to six digits (`12:00:00.250Z`) and an
    /// offset may have seconds (`+08:05:43`), so ``format(_:)`` output for the years 0000 to 9999
    /// reads back unchanged. Nil for anything else, including surrounding
    /// spaces, a space instead of `T`, and impossible dates such as `2026-02-30`.
    ///
    ///     time.parseInstant("2026-11-25T12:00+08:00")  // 2026-11-25T04:00:00Z
    public func parseInstant(_ text: String) -> Timestamp? {
        DateTimeText(text, allowsFraction: true).map(instant(of:))
    }
}
