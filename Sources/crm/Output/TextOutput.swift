/// Somewhere results are written as text: a file descriptor (``OutputChannel``), or a pager
/// in front of the terminal (``PagedOutput``).
protocol TextOutput: AnyObject {
    /// Writes `text` (possibly held in a buffer).
    func write(_ text: String)
    /// Writes what is buffered.
    func flush()
}

extension OutputChannel: TextOutput {}
