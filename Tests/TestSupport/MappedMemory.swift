import Foundation

/// How much of a file this process has mapped in.
public enum MappedMemory {
    /// `/proc/self/smaps` could not be read (not Linux).
    public struct Unavailable: Error {}

    /// The resident size, in KiB, of this process's mappings of `file`, from
    /// `/proc/self/smaps`.
    public static func residentKiB(of file: String) throws -> Int {
        let target = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
        // /proc files report a size of 0, so read them to the end rather than by size.
        guard let handle = FileHandle(forReadingAtPath: "/proc/self/smaps") else { throw Unavailable() }
        defer { try? handle.close() }
        let smaps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        var total = 0
        var inTarget = false
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let first = fields.first, first.contains("-"), fields.count >= 5 {
                // A mapping's first line: "start-end perms offset dev inode path".
                inTarget = fields.count >= 6 && fields[5...].joined(separator: " ") == target
            } else if inTarget, fields.first == "Rss:", fields.count >= 2, let kib = Int(fields[1]) {
                total += kib
            }
        }
        return total
    }
}
