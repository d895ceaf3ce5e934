import Foundation

/// Progress lines on standard error, stamped with the seconds since the run began, so that
/// standard output holds only the report.
enum Progress {
    /// When the run began; read by `begin()` at start-up.
    private static let start = Stopwatch.nanoseconds()

    /// Starts the clock the stamps count from.
    static func begin() {
        _ = start
    }

    /// Writes `message` as one line: `[  12.3s] message`.
    static func say(_ message: String) {
        let began = start  // read before the clock, so never after it
        let elapsed = Double(Stopwatch.nanoseconds() &- began) / 1e9
        var stamp = Figure.decimal(elapsed, places: 1)
        while stamp.count < 6 { stamp = " " + stamp }
        FileHandle.standardError.write(Data("[\(stamp)s] \(message)\n".utf8))
    }
}
