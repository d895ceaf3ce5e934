/// Reads the all-day events of an iCalendar file (RFC 5545), such as a public-holiday
/// calendar exported from a calendar application, as holidays: one row per `VEVENT` with its
/// first and last day and its `SUMMARY`.
///
/// What it reads: folded lines (a line starting with a space or tab continues the one before),
/// CRLF or LF line ends, `DTSTART;VALUE=DATE:20261001` (or `DTSTART:20261001`), `DTEND` as the
/// day after the last (exclusive, as the standard says) or `DURATION:P7D`, none of them for a
/// one-day event, and escaped text (`\,` `\;` `\\` `\n`). Events with `STATUS:CANCELLED` are
/// left out; other components (`VTIMEZONE`, `VALARM`) are skipped. Everything else that
/// cannot be a holiday is an error that names its line: an event at a time of day rather
/// than all day, a repeating event (`RRULE`), a missing `DTSTART`, an end before the start,
/// an unclosed component.
///
/// A pure function of the text.
///
///     let rows = try ICalendarReader.holidays(in: text)
///     rows[0].from.description  // "2026-10-01"
public enum ICalendarReader {
    /// One all-day event, as a holiday row.
    public struct Event: Sendable, Hashable {
        /// The first day.
        public let from: CalendarDate
        /// The last day, included (the day before `DTEND`).
        public let to: CalendarDate
        /// The `SUMMARY`, unescaped; empty when the event has none.
        public let name: String
        /// The line of the event's `BEGIN:VEVENT`.
        public let line: Int
    }

    /// The all-day events of `text`, in the order they appear.
    ///
    /// - Throws: ``ICalendarError`` naming the line of the first problem.
    public static func holidays(in text: String) throws(ICalendarError) -> [Event] {
        var events: [Event] = []
        var open: [(name: String, line: Int)] = []
        var event = PendingEvent(line: 0)
        var sawCalendar = false
        for line in try contentLines(text) {
            let property = try ContentLine(parsing: line.text, line: line.number)
            switch property.name {
            case "BEGIN":
                let component = property.value.uppercased()
                if open.isEmpty, component != "VCALENDAR" {
                    throw ICalendarError(
                        line: line.number, "expected BEGIN:VCALENDAR, found BEGIN:\(property.value)")
                }
                if component == "VCALENDAR" { sawCalendar = true }
                if component == "VEVENT", open.last?.name == "VCALENDAR" {
                    event = PendingEvent(line: line.number)
                }
                open.append((component, line.number))
            case "END":
                let component = property.value.uppercased()
                guard let innermost = open.last else {
                    throw ICalendarError(line: line.number, "END:\(property.value) without a BEGIN")
                }
                guard innermost.name == component else {
                    throw ICalendarError(
                        line: line.number,
                        "END:\(property.value) inside \(innermost.name) (begun on line \(innermost.line)); "
                            + "expected END:\(innermost.name)")
                }
                open.removeLast()
                if component == "VEVENT", open.last?.name == "VCALENDAR", let done = try event.finished() {
                    events.append(done)
                }
            default:
                if open.isEmpty {
                    throw ICalendarError(
                        line: line.number, "expected BEGIN:VCALENDAR, found \(property.name)")
                }
                // Only the event's own properties count, not those of an alarm inside it.
                if open.count == 2, open[1].name == "VEVENT" { try event.take(property) }
            }
        }
        if let innermost = open.last {
            throw ICalendarError(
                line: innermost.line,
                "the file ends inside \(innermost.name) begun on this line (add END:\(innermost.name))")
        }
        guard sawCalendar else {
            throw ICalendarError(line: 1, "expected BEGIN:VCALENDAR; the file is empty")
        }
        return events
    }

    /// The logical lines of `text` with the number of the physical line each starts on:
    /// folded lines joined, line ends and blank lines dropped.
    private static func contentLines(_ text: String) throws(ICalendarError) -> [(text: String, number: Int)] {
        var lines: [(text: String, number: Int)] = []
        var number = 0
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        // "\r\n" is one Character in Swift, so split on each kind of line end.
        let physicalLines = body.split(omittingEmptySubsequences: false) {
            $0 == "\n" || $0 == "\r\n" || $0 == "\r"
        }
        for physical in physicalLines {
            number += 1
            if let first = physical.first, first == " " || first == "\t" {
                guard !lines.isEmpty else {
                    throw ICalendarError(line: number, "a continued line with no line before it")
                }
                lines[lines.count - 1].text += physical.dropFirst()
                continue
            }
            if physical.isEmpty { continue }
            lines.append((String(physical), number))
        }
        return lines
    }
}

/// A problem in an iCalendar file, at a line.
public struct ICalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line the problem is on, counting from 1.
    public let line: Int
    /// What was wrong, in words.
    public let message: String

    /// A problem on `line`, described by `message`.
    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    /// `line 12: message`.
    public var description: String { "line \(line): \(message)" }
}

/// One `NAME;PARAM=VALUE:VALUE` line.
private struct ContentLine {
    /// The name, upper-cased.
    let name: String
    /// The parameters, names upper-cased, values unquoted.
    let parameters: [String: String]
    /// The value, as written.
    let value: String
    let line: Int

    init(parsing text: String, line: Int) throws(ICalendarError) {
        self.line = line
        var name = ""
        var parameters: [String: String] = [:]
        var current = ""
        var parameterName: String?
        var quoted = false
        var index = text.startIndex
        var found = false
        // The name and parameters end at the first ':' outside quotes.
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            if character == "\"" {
                quoted.toggle()
                continue
            }
            if quoted {
                current.append(character)
                continue
            }
            if character == ":" || character == ";" {
                if name.isEmpty {
                    name = current
                } else if let key = parameterName {
                    parameters[key.uppercased()] = current
                } else if !current.isEmpty {
                    throw ICalendarError(line: line, "malformed parameter '\(current)'; write NAME=VALUE")
                }
                current = ""
                parameterName = nil
                if character == ":" {
                    found = true
                    break
                }
            } else if character == "=", parameterName == nil, !name.isEmpty {
                parameterName = current
                current = ""
            } else {
                current.append(character)
            }
        }
        guard found, !name.isEmpty else {
            throw ICalendarError(line: line, "expected NAME:VALUE, found '\(text.prefix(40))'")
        }
        self.name = name.uppercased()
        self.parameters = parameters
        self.value = String(text[index...])
    }
}

/// The properties of a `VEVENT` read so far.
private struct PendingEvent {
    let line: Int
    var start: ContentLine?
    var end: ContentLine?
    var duration: ContentLine?
    var summary = ""
    var cancelled = false

    init(line: Int) {
        self.line = line
    }

    mutating func take(_ property: ContentLine) throws(ICalendarError) {
        switch property.name {
        case "DTSTART": start = property
        case "DTEND": end = property
        case "DURATION": duration = property
        case "SUMMARY": summary = Self.unescaped(property.value)
        case "STATUS": cancelled = property.value.uppercased() == "CANCELLED"
        case "RRULE", "RDATE":
            throw ICalendarError(
                line: property.line,
                "repeating events (\(property.name)) are not read as holidays; list each day off as its own event"
            )
        default: break
        }
    }

    /// The event as a holiday; nil when it was cancelled.
    func finished() throws(ICalendarError) -> ICalendarReader.Event? {
        guard !cancelled else { return nil }
        guard let start else {
            throw ICalendarError(line: line, "the event\(named) has no DTSTART")
        }
        let first = try Self.date(start, what: "DTSTART", event: named)
        var last = first
        if let end {
            let after = try Self.date(end, what: "DTEND", event: named)
            guard after > first else {
                throw ICalendarError(
                    line: end.line,
                    "DTEND \(end.value) is not after DTSTART \(start.value) (DTEND is the day after the last day)"
                )
            }
            last = after.adding(days: -1)
        } else if let duration {
            guard let days = Self.days(in: duration.value), days > 0 else {
                throw ICalendarError(
                    line: duration.line,
                    "DURATION \(duration.value) is not a whole number of days or weeks, such as P1D or P2W")
            }
            last = first.adding(days: days - 1)
        }
        return ICalendarReader.Event(from: first, to: last, name: summary, line: line)
    }

    private var named: String { summary.isEmpty ? "" : " '\(summary)'" }

    /// The date of an all-day DTSTART or DTEND: `VALUE=DATE:YYYYMMDD`, or 8 digits alone.
    private static func date(_ property: ContentLine, what: String, event: String) throws(ICalendarError)
        -> CalendarDate
    {
        let value = property.value.trimmingSpaces
        if property.parameters["VALUE"]?.uppercased() == "DATE-TIME" || value.contains("T") {
            throw ICalendarError(
                line: property.line,
                "the event\(event) has a time of day (\(what):\(value)); only all-day events "
                    + "(\(what);VALUE=DATE:YYYYMMDD) are holidays")
        }
        let bytes = Array(value.utf8)
        guard bytes.count == 8, let year = CalendarDate.number(bytes[0..<4]),
            let month = CalendarDate.number(bytes[4..<6]), let day = CalendarDate.number(bytes[6..<8]),
            let date = CalendarDate(year: year, month: month, day: day)
        else {
            throw ICalendarError(line: property.line, "\(what) '\(value)' is not a date; write YYYYMMDD")
        }
        return date
    }

    /// The days of `P3D`, `P2W`, `+P1D`; nil for anything else (times of day included).
    private static func days(in text: String) -> Int? {
        var body = Substring(text.trimmingSpaces.uppercased())
        if body.first == "+" { body = body.dropFirst() }
        guard body.first == "P", let unit = body.last, unit == "D" || unit == "W",
            let count = Int(body.dropFirst().dropLast()), count >= 0, count <= 1_000_000
        else { return nil }
        return unit == "W" ? count * 7 : count
    }

    /// TEXT with its escapes undone: `\,` `\;` `\\` `\n` `\N`.
    private static func unescaped(_ text: String) -> String {
        var output = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "n", "N": output.append("\n")
                default: output.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                output.append(character)
            }
        }
        if escaping { output.append("\\") }
        return output
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
