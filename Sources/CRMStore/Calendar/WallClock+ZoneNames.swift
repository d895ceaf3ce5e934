import Foundation

extension WallClock {
    /// A zone by name, for `--tz` and a calendar's `zone`: an IANA name ("Asia/Shanghai", "UTC")
    /// or a fixed offset ("+08:00"); nil if unknown.
    ///
    /// Accepted, in this order:
    /// - `UTC`, `GMT` or `Z` in any case: UTC.
    /// - A fixed offset `+HH:MM`, `+HHMM` or `+HH` (or `-`), optionally after `UTC` or `GMT`
    ///   (`UTC+8`, `GMT-05:00`), up to 18 hours: a zone without DST.
    /// - A name Foundation knows (`Asia/Shanghai`, `America/New_York`, links such as
    ///   `Asia/Calcutta`), matched exactly, else ignoring case among the canonical names
    ///   (`asia/shanghai`). A leading `:`, as POSIX allows in `TZ`, is ignored.
    ///
    /// Abbreviations such as `CST` or `IST` are refused even where Foundation would guess one of
    /// their meanings: `CST` is China Standard Time to some users and US Central to others.
    ///
    ///     WallClock.timeZone(named: "+08:00")?.secondsFromGMT()  // 28_800
    ///     WallClock.timeZone(named: "Mars/Olympus")             // nil
    public static func timeZone(named name: String) -> TimeZone? {
        let name = name.hasPrefix(":") ? String(name.dropFirst()) : name
        let upper = name.uppercased()
        if upper == "UTC" || upper == "GMT" || upper == "Z" { return TimeZone(secondsFromGMT: 0) }
        for prefix in ["", "UTC", "GMT"] where upper.hasPrefix(prefix) {
            if let seconds = fixedOffset(String(upper.dropFirst(prefix.count))) {
                return TimeZone(secondsFromGMT: seconds)
            }
        }
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(isNameCharacter) else { return nil }
        if TimeZone.abbreviationDictionary[upper] != nil { return nil }
        if let zone = TimeZone(identifier: name) { return zone }
        let lowered = name.lowercased()
        guard let match = TimeZone.knownTimeZoneIdentifiers.first(where: { $0.lowercased() == lowered })
        else { return nil }
        return TimeZone(identifier: match)
    }

    /// The seconds east of UTC of `+HH:MM`, `+HHMM` or `+HH` (or `-`), up to 18 hours.
    private static func fixedOffset(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard let signByte = bytes.first, signByte == UInt8(ascii: "+") || signByte == UInt8(ascii: "-")
        else { return nil }
        var digits = Array(bytes.dropFirst())
        if digits.count == 5, digits[2] == UInt8(ascii: ":") { digits.remove(at: 2) }
        guard digits.count == 1 || digits.count == 2 || digits.count == 4,
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        let values = digits.map { Int($0 - UInt8(ascii: "0")) }
        let hours = values.count == 1 ? values[0] : values[0] * 10 + values[1]
        let minutes = values.count == 4 ? values[2] * 10 + values[3] : 0
        guard minutes < 60, hours * 60 + minutes <= 18 * 60 else { return nil }
        let seconds = (hours * 60 + minutes) * 60
        return signByte == UInt8(ascii: "-") ? -seconds : seconds
    }

    /// Whether `scalar` may appear in a zone name: ASCII letters, digits, `/`, `_`, `-`, `+`.
    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "/", "_", "-", "+": return true
        default: return false
        }
    }
}
