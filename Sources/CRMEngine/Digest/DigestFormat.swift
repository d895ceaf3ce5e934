/// The forms `crm digest` prints a ``Digest`` in.
public enum DigestFormat: String, CaseIterable, Sendable {
    /// Plain lines, one per row: for a chat message or a terminal.
    case text
    /// Headings and GitHub-flavoured tables: for a chat that renders Markdown, or a wiki.
    case markdown
    /// One self-contained page (inline styles, no scripts) with a bar chart of counts per
    /// owner: for a mail.
    case html
    /// One JSON object: for programs.
    case json
}
