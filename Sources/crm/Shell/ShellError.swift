/// A mistake in what was typed at the shell that is not a statement (a dot-command's name
/// or arguments): reported as `error: MESSAGE`, after which the shell goes on.
struct ShellError: Error, Sendable {
    /// What went wrong, in words.
    let message: String

    /// An error with `message`.
    init(_ message: String) { self.message = message }
}
