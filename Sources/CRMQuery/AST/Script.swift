/// A parsed script: its statements in source order.
public struct Script: Sendable, Equatable, CustomStringConvertible {
    /// The statements that parsed, in order; statements with errors are left out.
    public var statements: [Statement]

    /// One dumped statement per line.
    public var description: String { statements.map(\.dump).joined(separator: "\n") }
}
