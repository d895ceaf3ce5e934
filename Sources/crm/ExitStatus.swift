import ArgumentParser

/// The exit statuses of SPEC.md section 4.
enum ExitStatus {
    /// Every statement succeeded.
    static let success = ExitCode(0)
    /// A statement failed (or `check` found problems).
    static let statementFailed = ExitCode(1)
    /// The database cannot be opened.
    static let cannotOpen = ExitCode(3)
    /// Bad usage: wrong options or arguments.
    static let usage = ExitCode(64)
}
