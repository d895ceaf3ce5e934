import ArgumentParser
import CRMEngine
import CRMStore
import Foundation

/// The options that shape a session: output format, clock, time zone, calendar, read-only,
/// parameters.
struct SessionOptions: ParsableArguments {
    @Option(help: "Output format: table, box, markdown, line, json, jsonl or csv.")
    var format: DisplayFormat?

    @OptionGroup var clock: ClockOptions

    @Flag(help: "Open the database read-only: no statement can write.")
    var readonly = false

    @OptionGroup var parameters: ParameterOptions
}

/// `--now`, `--tz` and `--calendar`: the session's clock, zone and working calendar, for every
/// command that runs statements (the shell and scripts, `crm digest`).
struct ClockOptions: ParsableArguments {
    @Option(help: "Run as if the time were this (2026-11-25T12:00:00Z); default: the system clock.")
    var now: String?

    @Option(help: "Time zone for dates and printed times: an IANA name or +08:00; default: $TZ, else UTC.")
    var tz: String?

    @Option(
        help:
            "The stored working calendar +Nbd, +Nbh and working_days count on; default: the calendar named default, else Monday to Friday 09:00-18:00."
    )
    var calendar: String?

    /// The time zone asked for, or a usage error.
    func timeZone() throws -> TimeZone? {
        guard let tz else { return nil }
        guard let zone = TimeContext.timeZone(named: tz) else {
            throw ValidationError(
                "unknown time zone '\(tz)' (use an IANA name such as Asia/Shanghai, or an offset such as +08:00)"
            )
        }
        return zone
    }

    /// The fixed clock asked for, or a usage error.
    func fixedNow(in zone: TimeZone?) throws -> Timestamp? {
        guard let now else { return nil }
        let context = TimeContext(now: Timestamp.now(), timeZone: zone ?? Session.defaultTimeZone)
        guard let instant = context.parseInstant(now) else {
            throw ValidationError("--now '\(now)' is not a time (write 2026-11-25 or 2026-11-25T12:00:00Z)")
        }
        return instant
    }
}

/// `--param NAME=VALUE`, repeatable: the command-line twin of `.param set`.
struct ParameterOptions: ParsableArguments {
    @Option(
        name: .customLong("param"),
        help: ArgumentHelp(
            "Bind $NAME to VALUE for every statement, as .param set does (repeatable).",
            valueName: "NAME=VALUE"))
    var bindings: [String] = []

    /// The bindings, each value read as `.param set` reads it (a number, true or false, a
    /// "quoted string", else the text), or a usage error naming the bad one.
    func bound() throws -> [String: FieldValue] {
        var bound: [String: FieldValue] = [:]
        for binding in bindings {
            guard let equals = binding.firstIndex(of: "=") else {
                throw ValidationError("--param '\(binding)' needs a value: write --param NAME=VALUE")
            }
            var name = String(binding[..<equals])
            if name.hasPrefix("$") { name.removeFirst() }
            let valid =
                !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
                && !(name.first?.isNumber ?? true)
            guard valid else {
                throw ValidationError(
                    "--param '\(binding)': '\(name)' is not a parameter name (letters, digits and _)")
            }
            bound[name] = DotCommand.parameterValue(String(binding[binding.index(after: equals)...]))
        }
        return bound
    }
}
