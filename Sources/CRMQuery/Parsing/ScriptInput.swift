/// Where a ``StatementReader`` gets the bytes of a script: a file, a pipe, standard input.
///
/// The query front end does no I/O of its own; the `crm` command gives it a file
/// descriptor through this protocol.
public protocol ScriptInput {
    /// Reads up to `buffer.count` bytes into `buffer` and returns how many; 0 at the end.
    ///
    /// - Throws: an error that says why the input cannot be read (it is reported as is).
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int

    /// Whether ``seek(to:)`` can work: true for a file, false for a pipe or a terminal.
    var canSeek: Bool { get }

    /// Moves to `offset` bytes from where the reader started, so that a transaction the
    /// store must run again can read its statements again; false when the input cannot go
    /// back (a pipe).
    mutating func seek(to offset: Int) -> Bool
}
