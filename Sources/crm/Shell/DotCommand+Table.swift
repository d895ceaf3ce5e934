import CRMEngine
import CRMQuery
import Foundation

extension DotCommand {
    /// Every dot-command, in the order `.help` lists them.
    static let all: [DotCommand] = [
        DotCommand(
            "help", "[STATEMENT|TOPIC|.COMMAND]",
            "This list; or help on a statement (.help find), a topic (.help time) or a command.",
            words: [HelpTopic.all.map(\.name)]
        ) { arguments, context throws(ShellError) in
            try help(arguments[0], context)
            return .proceed
        },
        DotCommand(
            "format", "[table|box|markdown|line|json|jsonl|csv]", "Show or set the output format.",
            words: [DisplayFormat.allCases.map(\.rawValue)]
        ) { arguments, context throws(ShellError) in
            try setFormat(arguments[0], context)
            return .proceed
        },
        DotCommand(
            "mode", "[table|box|markdown|line|json|jsonl|csv]", "The same as .format (as in sqlite3).",
            words: [DisplayFormat.allCases.map(\.rawValue)]
        ) { arguments, context throws(ShellError) in
            try setFormat(arguments[0], context)
            return .proceed
        },
        DotCommand(
            "expanded", "[on|off|auto]",
            "Show table records one field a line: always, never, or when a row is too wide (psql's \\x).",
            words: [ExpandedMode.allCases.map(\.rawValue)]
        ) { arguments, context throws(ShellError) in
            guard let word = arguments[0] else {
                context.say("expanded: \(context.output.expanded.rawValue)")
                return .proceed
            }
            guard let mode = ExpandedMode(rawValue: word.lowercased()) else {
                throw ShellError("expanded takes on, off or auto, not '\(word)'")
            }
            context.output.expanded = mode
            return .proceed
        },
        DotCommand(
            "chart", "[COLUMN]",
            "Draw the last grouped result as a bar chart (or end a group by statement with chart)."
        ) { arguments, context throws(ShellError) in
            try context.chart(arguments[0])
            return .proceed
        },
        DotCommand(
            "tables", "", "List the kinds of record with how many there are."
        ) { _, context throws(ShellError) in
            try tables(context)
            return .proceed
        },
        DotCommand(
            "views", "", "List the saved views (define view NAME as ...) with their statements."
        ) { _, context throws(ShellError) in
            try context.listViews()
            return .proceed
        },
        DotCommand(
            "timer", "on|off", "Print how long each statement took, after its result.",
            words: [["on", "off"]]
        ) { arguments, context throws(ShellError) in
            switch arguments[0]?.lowercased() {
            case nil: context.say("timer: \(context.timer ? "on" : "off")")
            case "on": context.timer = true
            case "off": context.timer = false
            case let other?: throw ShellError("timer takes on or off, not '\(other)'")
            }
            return .proceed
        },
        DotCommand(
            "pager", "[on|off]",
            "Send results longer than the screen through $PAGER (else less -FRSX), or not.",
            words: [["on", "off"]]
        ) { arguments, context throws(ShellError) in
            switch arguments[0]?.lowercased() {
            case nil:
                let command = PagedOutput.command().map { " (\($0))" } ?? " ($PAGER is empty)"
                context.say("pager: \(context.pager ? "on" : "off")\(context.pager ? command : "")")
            case "on": context.pager = true
            case "off": context.pager = false
            case let other?: throw ShellError("pager takes on or off, not '\(other)'")
            }
            return .proceed
        },
        DotCommand(
            "now", "[TIME|system]", "Show the session clock, fix it at TIME, or follow the system clock.",
            words: [["system", "now"]]
        ) { arguments, context throws(ShellError) in
            try setNow(arguments.rest, context)
            return .proceed
        },
        DotCommand(
            "tz", "[ZONE]", "Show or set the time zone: an IANA name (Asia/Shanghai) or an offset (+08:00).",
            words: [["UTC"]]
        ) { arguments, context throws(ShellError) in
            guard let name = arguments[0] else {
                context.say("tz: \(context.session.timeZone.identifier)")
                return .proceed
            }
            guard let zone = TimeContext.timeZone(named: name) else {
                throw ShellError(
                    "unknown time zone '\(name)' (use an IANA name such as Asia/Shanghai, or +08:00)")
            }
            context.session.timeZone = zone
            return .proceed
        },
        DotCommand(
            "calendar", "[NAME|default]",
            "Show or set the stored working calendar that +Nbd, +Nbh and working_days count on.",
            words: [["default"]]
        ) { arguments, context throws(ShellError) in
            guard let name = arguments[0] else {
                context.say(
                    "calendar: \(context.session.calendarName ?? "default (the calendar named default, else Monday to Friday 09:00-18:00)")"
                )
                return .proceed
            }
            let known: Bool
            do {
                known = try context.session.store.read { tx in try tx.workingCalendar(named: name) != nil }
            } catch {
                throw ShellError("calendar: \(error)")
            }
            guard known || name.lowercased() == "default" else {
                throw ShellError(
                    "no calendar named \(name) (find calendars lists them; insert calendar {...} makes one)")
            }
            context.session.calendarName = name.lowercased() == "default" ? nil : name
            return .proceed
        },
        DotCommand(
            "param", "set NAME VALUE|unset NAME|list|clear",
            "Bind $NAME for the statements that follow; list or clear the bindings.",
            words: [["set", "unset", "list", "clear"]]
        ) { arguments, context throws(ShellError) in
            try param(arguments, context)
            return .proceed
        },
        DotCommand(
            "schema", "[ENTITY]", "List the fields of each entity (or one) with their types.",
            words: [Entity.spellings]
        ) { arguments, context throws(ShellError) in
            try schema(arguments[0], context)
            return .proceed
        },
        DotCommand("read", "FILE", "Run the statements in FILE, stopping at the first error.", files: true) {
            arguments, context throws(ShellError) in
            guard let path = arguments[0] else { throw ShellError("usage: .read FILE") }
            // Read and run a statement at a time, as crm runs a script (ScriptMode).
            try ScriptMode.read(path, in: context)
            return .proceed
        },
        DotCommand(
            "output", "[FILE|stdout]", "Send results to FILE (emptied first), or back to the terminal.",
            files: true
        ) { arguments, context throws(ShellError) in
            let path = arguments[0]
            try context.redirect(to: path == "stdout" ? nil : path)
            return .proceed
        },
        DotCommand("stats", "", "Show record counts, file size and map use.") {
            _, context throws(ShellError) in
            do {
                context.say(Stats.describe(try context.session.store.statistics()))
            } catch {
                throw ShellError("cannot read the statistics: \(error)")
            }
            return .proceed
        },
        DotCommand("quit", "", "Leave the shell (Ctrl-D does too).") { _, _ in .quit },
    ]
}
