/// The rows of BENCH.md's workload table, in the order they are reported.
enum Workload: String, CaseIterable, Sendable {
    case load, get, overdue, timeline, complaints, lapsed, scan, parse, script, memory, size, export

    /// What the row measures, for the table's unit column.
    var unit: String {
        switch self {
        case .load: "records/s"
        case .get: "gets/s"
        case .overdue, .timeline: "p50 / p99"
        case .complaints, .lapsed: "p50"
        case .scan: "records scanned/s"
        case .parse: "statements/s"
        case .script: "wall time"
        case .memory: "peak RSS, MiB"
        case .size: "file, MiB"
        case .export: "wall time"
        }
    }

    /// Whether the row reads the loaded dataset (and so needs the load to run first).
    var needsData: Bool {
        switch self {
        case .parse, .memory: false
        default: true
        }
    }
}

/// The command line of `crm-bench`.
///
///     crm-bench [--scale S] [--only ROW[,ROW...]] [--crm PATH]
///
/// `--only load-memory` is the child mode the `memory` row runs in a separate process: it loads
/// this store alone and prints its peak resident memory as one `load-memory:` line.
struct BenchOptions: Sendable {
    /// Multiplies the 100,000 customers and every operation count (with small minimums).
    var scale = 1.0
    /// The rows to run; nil for all of them.
    var only: Set<Workload>?
    /// Whether this process is the `memory` row's child.
    var loadMemoryChild = false
    /// The `crm` command for the `script` row.
    var crmPath: String?
    /// Where the work files go; a fresh temporary folder when nil.
    var directory: String?
    /// Only write the script row's script and SQL into `directory`, to profile with.
    var writeScript = false

    /// The usage text.
    static let usage = """
        usage: crm-bench [--scale S] [--only ROW[,ROW...]] [--crm PATH] [--dir FOLDER]
               crm-bench --write-script --dir FOLDER [--scale S]
        rows: \(Workload.allCases.map(\.rawValue).joined(separator: ", "))
        """

    /// Parses `arguments` (without the program name).
    ///
    /// - Throws: `UsageError` for an unknown option, a missing or bad value.
    init(parsing arguments: [String]) throws(UsageError) {
        var remaining = arguments[...]
        func value(_ option: String) throws(UsageError) -> String {
            guard let next = remaining.popFirst() else { throw UsageError("\(option) needs a value") }
            return next
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--scale":
                let text = try value(argument)
                guard let scale = Double(text), scale > 0, scale <= 100 else {
                    throw UsageError("--scale wants a number above 0 and at most 100, not '\(text)'")
                }
                self.scale = scale
            case "--only":
                try parseOnly(try value(argument))
            case "--crm":
                crmPath = try value(argument)
            case "--dir":
                directory = try value(argument)
            case "--write-script":
                writeScript = true
            case "-h", "--help":
                throw UsageError(nil)
            default:
                throw UsageError("unknown argument '\(argument)'")
            }
        }
        if writeScript && directory == nil {
            throw UsageError("--write-script needs --dir FOLDER to keep the files in")
        }
    }

    private mutating func parseOnly(_ text: String) throws(UsageError) {
        if text == "load-memory" {
            loadMemoryChild = true
            return
        }
        var rows = Set<Workload>()
        for name in text.split(separator: ",") {
            guard let row = Workload(rawValue: String(name)) else {
                throw UsageError("unknown row '\(name)'")
            }
            rows.insert(row)
        }
        guard !rows.isEmpty else { throw UsageError("--only wants at least one row") }
        only = rows
    }

    /// Whether `row` is to run.
    func runs(_ row: Workload) -> Bool {
        only?.contains(row) ?? true
    }
}

/// A bad command line; `message` nil asks only for the usage text.
struct UsageError: Error {
    let message: String?

    init(_ message: String?) {
        self.message = message
    }
}
