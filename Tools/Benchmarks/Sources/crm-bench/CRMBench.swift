import Foundation

/// `crm-bench`: BENCH.md's fixed workload against this store, SQLite (through GRDB) and raw
/// LMDB; the table and the `bench:` line on standard output, progress on standard error.
///
///     crm-bench --scale 0.01
///     crm-bench --only get,overdue --crm .build/release/crm
@main
struct CRMBench {
    static func main() {
        Progress.begin()
        let options: BenchOptions
        do {
            options = try BenchOptions(parsing: Array(CommandLine.arguments.dropFirst()))
        } catch {
            if let message = error.message {
                FileHandle.standardError.write(Data("crm-bench: \(message)\n".utf8))
            }
            FileHandle.standardError.write(Data((BenchOptions.usage + "\n").utf8))
            exit(error.message == nil ? 0 : 64)
        }
        do {
            try run(options)
        } catch {
            FileHandle.standardError.write(Data("crm-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    private static func run(_ options: BenchOptions) throws {
        let directory: String
        var temporary: String?
        if let given = options.directory {
            directory = given
        } else {
            directory = NSTemporaryDirectory() + "crm-bench-\(getpid())"
            temporary = directory
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
        let runner = BenchRunner(options: options, directory: directory)
        if options.loadMemoryChild {
            try runner.runLoadMemoryChild()
            return
        }
        if options.writeScript {
            let files = try runner.writeScriptFiles()
            print(files.script)
            print(files.sql)
            return
        }
        try runner.run()
        print(runner.report.table)
        print(runner.report.summary)
    }
}
