import CRMQuery

/// The lines of a statement typed but not yet run.
///
/// Whether a statement is finished is decided by the real parser (``completeness(of:)``),
/// with its rule that a line starting with a clause keyword (`where`, `select`, `order`,
/// ...) continues the statement before it. A finished statement may be held back for one
/// more line when that line is already waiting to be read (pasted text), so that
///
///     find customers where tier = vip and
///     city = "Lagos"
///     select id, name, city
///
/// pasted whole runs as one statement.
struct PendingInput {
    /// What the lines typed so far make.
    enum Step: Equatable {
        /// An unfinished statement: read another line (prompt `...> `).
        case incomplete
        /// A finished statement (or several), ready to run.
        case complete
        /// Text with an error more typing cannot fix: run it to report the error.
        case invalid
    }

    private var lines: [String] = []
    /// Whether the lines make a finished statement held back for its next line.
    private(set) var isHeld = false

    /// Whether a statement has been started.
    var inStatement: Bool { !lines.isEmpty }

    /// The text typed so far.
    var text: String { lines.joined(separator: "\n") }

    /// Adds a typed line and says what the text now makes.
    mutating func add(_ line: String) -> Step {
        isHeld = false
        if lines.isEmpty && line.allSatisfy(\.isWhitespace) { return .incomplete }
        lines.append(line)
        switch completeness(of: text) {
        case .incomplete: return .incomplete
        case .invalid: return .invalid
        case .complete: return .complete
        }
    }

    /// Starts again from the lines of `statement` (a statement that ran, which the next line
    /// continues).
    mutating func resume(_ statement: String) {
        lines = [statement]
        isHeld = false
    }

    /// Keeps the finished statement for one more line.
    mutating func hold() {
        isHeld = true
    }

    /// Forgets everything typed; returns the text that was pending.
    @discardableResult
    mutating func clear() -> String {
        let pending = text
        lines = []
        isHeld = false
        return pending
    }
}
