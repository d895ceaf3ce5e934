import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// This process's resident memory, from `/proc/self/status` (falling back to `getrusage`).
///
/// The peak (`VmHWM`) counts every resident page, the store file's mapped pages included;
/// `RssAnon` is the process's own heap and stacks alone.
struct MemoryProbe {
    /// The peak resident set so far, in KiB.
    var peakKiB: Int
    /// Anonymous resident memory now, in KiB; nil where `/proc` is missing.
    var anonymousKiB: Int?
    /// File-backed resident memory now (mapped files, the store's map among them), in KiB.
    var fileKiB: Int?

    /// Reads the figures now.
    init() {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        var fields: [String: Int] = [:]
        for line in status.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
            if parts.count >= 2, let value = Int(parts[1]) { fields[String(parts[0])] = value }
        }
        if let peak = fields["VmHWM"] {
            peakKiB = peak
        } else {
            var usage = rusage()
            #if os(Linux)
                getrusage(RUSAGE_SELF.rawValue, &usage)
            #else
                getrusage(RUSAGE_SELF, &usage)
            #endif
            peakKiB = Int(usage.ru_maxrss)
        }
        anonymousKiB = fields["RssAnon"]
        fileKiB = fields["RssFile"]
    }
}
