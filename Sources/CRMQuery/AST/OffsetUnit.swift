/// The unit of a relative time offset such as `+5bd`.
public enum OffsetUnit: String, Sendable, Hashable, CaseIterable {
    /// Minutes: `min`.
    case minutes = "min"
    /// Hours: `h`.
    case hours = "h"
    /// Calendar days: `d`.
    case days = "d"
    /// Working days, Monday to Friday: `bd`.
    case businessDays = "bd"
    /// Weeks: `w`.
    case weeks = "w"
    /// Calendar months: `mo`.
    case months = "mo"
    /// Calendar years: `y`.
    case years = "y"
}
