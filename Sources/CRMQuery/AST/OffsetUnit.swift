/// The unit of a relative time offset such as `+5bd`.
public enum OffsetUnit: String, Sendable, Hashable, CaseIterable {
    /// Minutes: `min`.
    case minutes = "min"
    /// Hours: `h`.
    case hours = "h"
    /// Calendar days: `d`.
    case days = "d"
    /// Working days on the session's working calendar: `bd`.
    case businessDays = "bd"
    /// Working hours on the session's working calendar: `bh`.
    case businessHours = "bh"
    /// Weeks: `w`.
    case weeks = "w"
    /// Calendar months: `mo`.
    case months = "mo"
    /// Calendar years: `y`.
    case years = "y"
}
