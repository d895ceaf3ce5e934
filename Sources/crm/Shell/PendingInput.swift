import CRMQuery

/// The text typed but not yet run: the lines of an unfinished statement, and the statements
/// of an open `begin` block.
///
/// Whether a statement is finished is decided by the real parser (``completeness(of:)``).
/// A `begin` typed at the prompt opens a block: the statements after it are kept (prompt
/// `txn> `) and the whole block runs when `commit` or `rollback` closes it, as one write
/// transaction, exactly as in a script. Running each statement at once inside a transaction
/// held open between prompts would keep the store's single writer locked while the person
/// at the terminal thinks; keeping the text until the block closes is simpler and correct,
/// at the price of seeing the block's results only at `commit`.
struct PendingInput {
    /// What a line of input led to.
    enum Step: Equatable {
        /// The statement is unfinished: read another line (prompt `...> `).
        case incomplete
        /// `statement` is complete and kept inside the open block (prompt `txn> `).
        case kept(statement: String)
        /// Run `text`, which ends with `statement`, the one just finished.
        case run(text: String, statement: String)
        /// `statement` has an error while a block is open: report it and drop it; the
        /// block stays open.
        case rejected(statement: String)
    }

    private var block = ""
    private var lines: [String] = []

    /// Whether an unfinished statement has been started.
    var inStatement: Bool { !lines.isEmpty }
    /// Whether a `begin` block is open.
    var inBlock: Bool { !block.isEmpty }

    /// The prompt for the next line: `crm> `, `...> ` inside a statement, `txn> ` inside a block.
    var prompt: String { inStatement ? "...> " : inBlock ? "txn> " : "crm> " }

    /// Adds a typed line and says what to do next.
    mutating func add(_ line: String) -> Step {
        if lines.isEmpty && line.allSatisfy(\.isWhitespace) { return .incomplete }
        lines.append(line)
        let statement = lines.joined(separator: "\n")
        switch completeness(of: statement) {
        case .incomplete:
            return .incomplete
        case .invalid:
            lines = []
            return block.isEmpty
                ? .run(text: statement, statement: statement) : .rejected(statement: statement)
        case .complete:
            lines = []
            let text = block.isEmpty ? statement : block + "\n" + statement
            if Self.endsInsideBlock(text) {
                block = text
                return .kept(statement: statement)
            }
            block = ""
            return .run(text: text, statement: statement)
        }
    }

    /// Forgets everything typed (Ctrl-C); returns whether an open block was thrown away.
    @discardableResult
    mutating func clear() -> Bool {
        let hadBlock = inBlock
        block = ""
        lines = []
        return hadBlock
    }

    /// Whether `text` (which parses) leaves a `begin` without its `commit` or `rollback`.
    static func endsInsideBlock(_ text: String) -> Bool {
        var open = false
        for statement in Parser.parse(text).script.statements {
            switch statement.kind {
            case .begin: open = true
            case .commit, .rollback: open = false
            default: break
            }
        }
        return open
    }
}
