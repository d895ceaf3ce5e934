import CRMEngine

/// The interactive shell, run when standard input is a terminal: line editing and history
/// (libedit), multi-line statements, tab completion and dot-commands.
///
///     crm> find customers where tier = vip
///     ...>   order by name limit 5
///     crm> .format json
enum Shell {
    /// The one-line hint shown at start when not in demo mode.
    static let banner = "crm — type .help for help, Ctrl-D to quit"

    /// Runs the shell on `session` until `.quit` or Ctrl-D, printing results as `output` says;
    /// `demo` shows the demo's banner instead of the usual hint.
    static func run(session: Session, output: OutputSettings, demo: Bool) throws {
        let style = TerminalStyle.current()
        let context = ShellContext(session: session, output: output, style: style)
        Interrupt.install()
        // Ctrl-C during a statement stops the statement itself, not only its output.
        session.isCancelled = { Interrupt.isPending }
        let editor = LineEditor(history: HistoryFile.forEnvironment())
        context.say(demo ? Demo.banner : banner)
        ShellLoop(context: context, editor: editor).run()
        context.close()
    }
}
