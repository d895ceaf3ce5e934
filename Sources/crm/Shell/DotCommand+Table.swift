import CRMEngine
import CRMQuery
import Foundation

extension DotCommand {
    /// Every dot-command, in the order `.help` lists them.
    static let all: [DotCommand] = [
        DotCommand("help", "", "List the dot-commands.") { _, context in
            context.say(helpText)
            return .proceed
        },
        DotCommand(
            "format", "[table|json|jsonl|csv]", "Show or set the output format.",
            words: [OutputFormat.allCases.map(\.rawValue)]
        ) { arguments, context throws(ShellError) in
            guard let name = arguments[0] else {
                context.say("format: \(context.format.rawValue)")
                return .proceed
            }
            guard let format = OutputFormat(rawValue: name.lowercased()) else {
                throw ShellError("unknown format '\(name)' (expected table, json, jsonl or csv)")
            }
            context.format = format
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
