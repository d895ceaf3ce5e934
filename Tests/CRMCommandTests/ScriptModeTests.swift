import Foundation
import TestSupport
import Testing

/// `crm` with a script on stdin, `-c` or `-f`: output, errors, exit statuses.
@Suite("crm scripts: output, errors and exit statuses")
struct ScriptModeTests {
    let directory: TemporaryDirectory
    var database: String { directory.file("crm.db") }
    init() throws { directory = try TemporaryDirectory() }

    @discardableResult
    func crm(_ arguments: [String], _ input: String = "") throws -> CommandRunner.Outcome {
        try CommandRunner.run(arguments, input: input)
    }

    func customerCount() throws -> String {
        try crm([database, "--format", "csv", "-c", "count customers"]).stdout
    }

    @Test func aScriptOnStdinPrintsResultsAndExitsZero() throws {
        let result = try crm(
            [database, "--now", "2026-11-25T12:00:00Z"],
            "insert customer {name: \"Acme\", tier: vip}\nfind customers select id, name, tier\n")
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.contains("id | name | tier\n---+------+-----\n 1 | Acme | vip\n(1 row)\n"))
        #expect(!result.stdout.contains("crm>"), "no prompt or banner in scripts")
    }

    @Test func repeatedCommandsAndFiles() throws {
        let first = try crm([
            database, "--format", "csv", "-c", "insert customer {name: \"A\"}", "-c", "count customers",
        ])
        #expect(first.status == 0)
        #expect(first.stdout.hasSuffix("count\r\n1\r\n"))
        let script = directory.file("s.crm")
        try "count customers\n".write(toFile: script, atomically: true, encoding: .utf8)
        let fromFile = try crm([database, "--format", "csv", "-f", script])
        #expect(fromFile.stdout == "count\r\n1\r\n")
    }

    @Test func anErrorStopsTheScriptByDefaultWithStatusOne() throws {
        let result = try crm(
            [database, "--format", "csv"],
            "insert customer {name: \"A\"}\nfind customers where nme = 1\ninsert customer {name: \"B\"}\n")
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "<stdin>:2:22: error: unknown field 'nme' on customer (did you mean 'name'?)\nfind customers where nme = 1\n                     ^~~\n"
                + "crm: stopped at the first error: 1 statement ran, 1 was skipped\n"
        )
        #expect(try customerCount() == "count\r\n1\r\n", "the statement after the error did not run")
    }

    @Test func keepGoingRunsEveryStatement() throws {
        let result = try crm(
            [database, "--keep-going", "--format", "csv"],
            "insert customer {name: \"A\"}\nfnd x\ninsert customer {name: \"B\"}\n")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<stdin>:2:1: error: unknown keyword 'fnd' (did you mean 'find'?)"))
        #expect(try customerCount() == "count\r\n2\r\n")
    }

    @Test func atomicWritesNothingUnlessAllSucceed() throws {
        let result = try crm(
            [database, "--atomic"],
            "insert customer {name: \"A\"}\ninsert interaction {customer: 99, kind: call}\n")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "<stdin>:2:31: error: interaction refers to customer 99, which does not exist"))
        #expect(result.stderr.contains("nothing was written"))
        #expect(try customerCount() == "count\r\n0\r\n")
        let good = try crm(
            [database, "--atomic"], "insert customer {name: \"A\"}\ninsert customer {name: \"B\"}\n")
        #expect(good.status == 0)
        #expect(try customerCount() == "count\r\n2\r\n")
    }

    @Test func everyFormatPrintsTextExactly() throws {
        try crm(
            [database, "--now", "2026-11-25T12:00:00Z"],
            "insert customer {name: \"北京 \\\"Trade\\\", Ltd\", note: \"line one\\nline two\", tags: [a, b]}\n"
        )
        let query = "find customers select id, name, note, tags, created"
        let csv = try crm([database, "--format", "csv", "-c", query])
        #expect(
            csv.stdout
                == "id,name,note,tags,created\r\n1,\"北京 \"\"Trade\"\", Ltd\",\"line one\nline two\",\"a, b\",2026-11-25T12:00:00Z\r\n"
        )
        let json = try crm([database, "--format", "json", "-c", query, "-c", "count customers"])
        #expect(
            json.stdout
                == "[{\"id\":1,\"name\":\"北京 \\\"Trade\\\", Ltd\",\"note\":\"line one\\nline two\",\"tags\":[\"a\",\"b\"],\"created\":\"2026-11-25T12:00:00Z\"}]\n[{\"count\":1}]\n"
        )
        let jsonl = try crm([
            database, "--format", "jsonl", "--tz", "Asia/Shanghai", "-c", "find customers select id, created",
        ])
        #expect(jsonl.stdout == "{\"id\":1,\"created\":\"2026-11-25T20:00:00+08:00\"}\n")
    }

    @Test func theDatabaseThatCannotBeOpenedExitsThree() throws {
        let missingFolder = try crm([
            directory.file("no/such/folder.db"), "-c", "insert customer {name: \"A\"}",
        ])
        #expect(missingFolder.status == 3)
        #expect(
            missingFolder.stderr
                == "crm: cannot create \(directory.file("no/such/folder.db")): the folder "
                + "\(directory.file("no/such")) does not exist\n")
        let text = directory.file("notes.txt")
        try String(repeating: "not a database\n", count: 500).write(
            toFile: text, atomically: true, encoding: .utf8)
        let foreign = try crm([text, "-c", "count customers"])
        #expect(foreign.status == 3)
        #expect(foreign.stderr.hasPrefix("crm: cannot open \(text): is not a CRM store"))
    }

    @Test func badUsageExitsSixtyFour() throws {
        let unknown = try crm(["--bogus"])
        #expect(unknown.status == 64)
        let contradiction = try crm([database, "--bail", "--keep-going", "-c", "count customers"])
        #expect(contradiction.status == 64)
        #expect(contradiction.stderr.contains("--bail and --keep-going contradict each other"))
        let zone = try crm([database, "--tz", "Mars/Olympus", "-c", "count customers"])
        #expect(zone.status == 64)
        #expect(zone.stderr.contains("unknown time zone 'Mars/Olympus'"))
    }

    @Test func readOnlyCannotWrite() throws {
        try crm([database, "-c", "insert customer {name: \"A\"}"])
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let result = try crm([database, "--readonly", "-c", "insert customer {name: \"B\"}"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("read-only"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }

    @Test func theDatabaseComesFromTheEnvironment() throws {
        let result = try CommandRunner.run(
            ["-c", "insert customer {name: \"A\"}"], environment: ["CRM_DB": database])
        #expect(result.status == 0)
        #expect(try customerCount() == "count\r\n1\r\n")
    }
}

@Suite("crm when the disk is full")
struct FullDiskTests {
    /// `ulimit -f` stands in for a full disk: writes past the limit fail. The statement must
    /// fail with a clear error, nothing may be written, and the store must stay healthy.
    @Test func aWriteThatDoesNotFitFailsCleanly() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("full.db")
        _ = try CommandRunner.run([database, "-c", "insert customer {name: \"first\"}"])
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let note = String(repeating: "x", count: 2000)
        let script = (0..<4000).map { "insert customer {name: \"c\($0)\", note: \"\(note)\"}" }.joined(
            separator: "\n")
        let scriptPath = directory.file("big.crm")
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "-c", "ulimit -f 2048; exec \"$0\" \"$1\" --atomic --format csv < \"$2\" > /dev/null",
            CommandRunner.executable, database, scriptPath,
        ]
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(message)")
        #expect(message.contains("could not be committed"))
        #expect(message.contains("is the disk full, or a file-size limit reached?"))
        let count = try CommandRunner.run([database, "--format", "csv", "-c", "count customers"])
        #expect(count.stdout == "count\r\n1\r\n")
        #expect(try CommandRunner.run(["check", database]).status == 0)
        let after = try Data(contentsOf: URL(fileURLWithPath: database))
        #expect(after.count >= before.count)
    }
}

@Suite("crm scripts with bytes that are not text")
struct BadBytesTests {
    @Test func invalidUTF8AndNULGiveDiagnosticsNotCrashes() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("bytes.db")
        let script = directory.file("bad.crm")
        var bytes = Array("insert customer {name: \"A\"}\nfind customers where name = \"".utf8)
        bytes += [0xFF, 0xFE, 0x00, 0xC3]
        bytes += Array("\"\ncount customers\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: script))
        let result = try CommandRunner.run([database, "--keep-going", "--format", "csv", "-f", script])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(script):2:"))
        #expect(result.stderr.contains("error:"))
        #expect(result.stdout.hasSuffix("count\r\n1\r\n"), "the good statements ran")
    }
}
