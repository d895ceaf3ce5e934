import CRMEngine

/// The interactive shell. Until line editing lands, a terminal on stdin is read like a
/// script: statements run when stdin ends (Ctrl-D).
enum Shell {
    static func run(session: Session, format: OutputFormat, demo: Bool) throws {
        if demo { printError(Demo.banner) }
        let script = try ScriptSource.read(commands: [], file: nil)
        _ = ScriptMode.run(script, session: session, format: format, options: RunOptions(stopOnError: false))
    }
}
