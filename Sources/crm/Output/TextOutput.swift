/// Somewhere results are written as text: a file descriptor (``OutputChannel``), or a pager
/// in front of the terminal (``PagedOutput``).
protocol TextOutput: AnyObject {
    /// Writes `text` (possibly held in a buffer).
    func write(_ text: String)
    /// Writes `bytes`, UTF-8 text that ends at a character's end (possibly held in a buffer).
    func write(bytes: [UInt8])
    /// Writes what is buffered.
    func flush()
}

extension OutputChannel: TextOutput {}
