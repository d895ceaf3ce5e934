import Foundation

extension BenchRunner {
    /// memory: this store's load alone, in a child process (`--only load-memory`), so that
    /// nothing else this process holds counts; the child's peak resident memory.
    func memoryRow() throws -> RowResult {
        Progress.say("memory: this store's load in a child process")
        let childDirectory = directory + "/memory"
        try FileManager.default.createDirectory(atPath: childDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: childDirectory) }
        let outcome = try ProcessRunner.run(
            ProcessRunner.currentExecutable,
            ["--only", "load-memory", "--scale", String(options.scale), "--dir", childDirectory],
            captureOutput: true)
        guard let line = outcome.output.split(separator: "\n").first(where: { $0.hasPrefix("load-memory:") })
        else {
            throw BenchError("the memory child printed no load-memory line: \(outcome.output)")
        }
        var fields: [String: Int] = [:]
        for part in line.split(separator: " ").dropFirst() {
            let pair = part.split(separator: "=")
            if pair.count == 2, let value = Int(pair[1]) { fields[String(pair[0])] = value }
        }
        guard let peak = fields["peak_kib"] else { throw BenchError("bad load-memory line: \(line)") }
        let heap = fields["anon_peak_kib"].map { Figure.decimal(Double($0) / 1024, places: 0) } ?? "?"
        return RowResult(
            store: .mebibytes(Double(peak) / 1024),
            note: "VmHWM counts the store file's pages mapped in; the heap alone peaked at \(heap) MiB")
    }

    /// The child's side of the memory row: loads this store alone in `directory` and prints
    /// `load-memory: peak_kib=N anon_peak_kib=N records=N ms=N` on standard output. The
    /// anonymous memory (heap, stacks) is sampled after every transaction.
    func runLoadMemoryChild() throws {
        let store = try StoreSystem(path: storePath, now: data.now)
        var anonymousPeak = 0
        let seconds = try store.load(data, batch: sizes.batch) { _ in
            anonymousPeak = max(anonymousPeak, MemoryProbe().anonymousKiB ?? 0)
        }
        let memory = MemoryProbe()
        anonymousPeak = max(anonymousPeak, memory.anonymousKiB ?? 0)
        print(
            "load-memory: peak_kib=\(memory.peakKiB) anon_peak_kib=\(anonymousPeak) "
                + "records=\(data.recordCount) ms=\(Int(seconds * 1000))")
    }
}
