import Foundation
import TestSupport
import Testing

/// `crm` running scripts a statement at a time: the promises of script mode, through the
/// real binary.
@Suite("crm scripts read and answered a statement at a time")
struct ScriptStreamingCommandTests {
    let directory: TemporaryDirectory
    var database: String { directory.file("crm.db") }
    init() throws { directory = try TemporaryDirectory() }

    @discardableResult
    func crm(_ arguments: [String], _ input: String = "") throws -> CommandRunner.Outcome {
        try CommandRunner.run(arguments, input: input)
    }

    func count(_ entity: String = "customers") throws -> String {
        try crm([database, "--format", "csv", "-c", "count \(entity)"]).stdout
    }

    @Test func anErrorMidScriptSaysWhatRanAndWhatWasSkipped() throws {
        let script =
            (1...50).map { "insert customer {name: \"c\($0)\"}" }
            + ["find customers where nme = 1"] + (51...60).map { "insert customer {name: \"c\($0)\"}" }
        let result = try crm([database, "--format", "csv"], script.joined(separator: "\n") + "\n")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<stdin>:51:22: error: unknown field 'nme' on customer"))
        #expect(
            result.stderr.hasSuffix("crm: stopped at the first error: 50 statements ran, 10 were skipped\n"))
        #expect(try count() == "count\r\n50\r\n")

        let keepGoing = try crm(
            [database, "--keep-going", "--format", "csv"], "count customers\nfnd x\ncount promises\n")
        #expect(keepGoing.status == 1)
        #expect(keepGoing.stderr.hasSuffix("crm: 1 error; 2 statements ran, 0 were skipped\n"))
    }

    @Test func anAtomicScriptWithALateSyntaxErrorWritesNothing() throws {
        let inserts = (1...3_000).map { "insert customer {name: \"c\($0)\", tags: [a]}" }
        let script =
            inserts + ["update customers where tags contains a set note = \"x\"", "fnd customers"]
            + ["count customers", "insert customer {name: \"late\"}"]
        let result = try crm([database, "--atomic"], script.joined(separator: "\n") + "\n")
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                "<stdin>:3002:1: error: unknown keyword 'fnd' (did you mean 'find'?)\nfnd customers\n^~~\n"))
        #expect(
            result.stderr.hasSuffix(
                "crm: nothing was written (--atomic: the script runs whole or not at all): 3001 statements ran "
                    + "and were rolled back, 1 error, 2 were skipped\n"))
        let left = try count()
        #expect(left == "count\r\n0\r\n")
    }

    @Test func blocksCommitWholeAndBailSkipsTheRest() throws {
        try crm([database], "insert customer {name: \"A\"}\n")
        let script = """
            begin
            update customer 1 set note = "one"
            insert interaction {customer: 1, kind: call}
            commit
            begin
            update customer 1 set note = "two"
            insert interaction {customer: 9, kind: call}
            commit
            count interactions
            """
        let result = try crm([database, "--format", "csv"], script)
        #expect(result.status == 1)
        #expect(result.stderr.contains("<stdin>:7:31: error: interaction refers to customer 9"))
        #expect(
            result.stderr.hasSuffix(
                "crm: stopped at the first error: 6 statements ran (1 of them rolled back with their transaction), "
                    + "2 were skipped\n"))
        let note = try crm([database, "--format", "csv", "-c", "find customers where id = 1 select note"])
        #expect(note.stdout == "note\r\none\r\n")
        #expect(try count("interactions") == "count\r\n1\r\n")
    }

    @Test func paramBindsValuesFromTheCommandLine() throws {
        try crm(
            [database],
            "insert customer {name: \"A\", owner: \"li.wei\", tier: vip}\ninsert customer {name: \"B\", owner: \"x\"}\n"
        )
        let result = try crm([
            database, "--format", "csv", "--param", "owner=li.wei", "--param", "$n=1", "--param", "tier=vip",
            "-c", "find customers where owner = $owner and tier = $tier limit $n select name",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "name\r\nA\r\n")
        let quoted = try crm([
            database, "--format", "csv", "--param", "who=\"B\"", "-c", "count customers where name = $who",
        ])
        #expect(quoted.stdout == "count\r\n1\r\n")
        let bad = try crm([database, "--param", "owner", "-c", "count customers"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--param 'owner' needs a value"))
    }

    /// A piped script's inserts are bound on the reading thread when nothing in them reads
    /// the session; those that do (a time without a zone, a parameter) must see the session
    /// as the dot-commands before them left it, not as it was when the line was read.
    @Test func insertsSeeTheSessionTheDotCommandsBeforeThemSet() throws {
        let script = """
            insert customer {name: "Acme", tier: key}
            .tz Asia/Shanghai
            insert interaction {customer: 1, kind: call, at: 2026-11-20T10:00:00}
            insert interaction {customer: 1, kind: call, at: 2026-11-20T10:00:00Z}
            .param set who "li.wei"
            insert promise {customer: 1, title: "Call back", due: 2026-12-01T17:00:00Z, owner: $who}
            .now 2026-11-26T09:00:00Z
            insert promise {customer: 1, title: "Follow up", due: +1d}
            .format csv
            find interactions select id, at order by id
            find promises select title, owner, due order by id
            """
        let result = try crm([database, "--now", "2026-11-25T12:00:00Z"], script + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout
                == "insert customer 1\ninsert interaction 1\ninsert interaction 2\ninsert promise 1\n"
                + "insert promise 2\nid,at\r\n1,2026-11-20T10:00:00+08:00\r\n2,2026-11-20T18:00:00+08:00\r\n"
                + "title,owner,due\r\nCall back,li.wei,2026-12-02T01:00:00+08:00\r\n"
                + "Follow up,,2026-11-27T17:00:00+08:00\r\n")
    }

    /// `update KIND ID` finds a missing id when it reads the record: on a writable store it
    /// is "does not exist", at the id; on a read-only one the write is refused before that.
    @Test func anUpdateOfAMissingIDSaysSoAndWritesNothing() throws {
        _ = try crm([database, "-c", "insert customer {name: \"Acme\"}"])
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let missing = try crm([database, "-c", "update customer 99 set tier = key"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("1:17: error: customer 99 does not exist"), "\(missing.stderr)")
        let readOnly = try crm([database, "--readonly", "-c", "update customer 99 set tier = key"])
        #expect(readOnly.status == 1)
        #expect(
            readOnly.stderr.contains(
                "error: \(database) is open read-only (open it without read-only to write)"),
            "\(readOnly.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }

    @Test func dotCommandsWorkInPipedScriptsAndFiles() throws {
        let included = directory.file("included.crm")
        try "insert customer {name: $who, owner: \"ann\"}\n".write(
            toFile: included, atomically: true, encoding: .utf8)
        let exported = directory.file("out.csv")
        let script = """
            .param set who "Zhang Wei"
            .read \(included)
            .format csv
            .now 2026-11-25T12:00:00Z
            .tz Asia/Shanghai
            find customers select name, created
            .output \(exported)
            count customers
            .output stdout
            .format jsonl
            find customers select id
            """
        let result = try crm([database, "--now", "2026-11-25T12:00:00Z"], script + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout
                == "insert customer 1\nname,created\r\nZhang Wei,2026-11-25T20:00:00+08:00\r\n{\"id\":1}\n")
        #expect(try String(contentsOfFile: exported, encoding: .utf8) == "count\r\n1\r\n")

        let file = directory.file("timed.crm")
        try ".timer on\ncount customers\n.schema\ncount customers\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let timed = try crm([database, "--format", "csv", "-f", file])
        #expect(timed.status == 1)
        #expect(timed.stdout.hasPrefix("count\r\n1\r\ntime: "))
        #expect(
            timed.stderr.hasPrefix(
                "\(file):3:1: error: '.schema' is for the interactive shell; a script may use .format, .mode, "
                    + ".expanded, .timer, .now, .tz, .calendar, .param, .read, .output\n.schema\n^~~~~~~\n"))
        let unknown = try crm([database, "-c", "count customers", "-c", ".paramm set x 1"])
        #expect(
            unknown.stderr.contains(
                "<command line>:2:1: error: unknown dot-command '.paramm' (did you mean '.param'?)"))
    }

    @Test func aMissingDatabaseIsAnErrorForAScriptThatOnlyReads() throws {
        let typo = directory.file("typo.db")
        let result = try crm([typo, "-c", "count customers"])
        #expect(result.status == 3)
        #expect(result.stderr == "crm: no database at \(typo)\n")
        #expect(!FileManager.default.fileExists(atPath: typo), "no new empty file")
        let piped = try crm([typo], ".format csv\n-- a report\nfind promises where overdue\n")
        #expect(piped.status == 3)
        #expect(try crm([typo, "--readonly"], "insert customer {name: \"A\"}\n").status == 3)
        #expect(!FileManager.default.fileExists(atPath: typo))
        let writes = try crm(
            [typo, "--format", "csv"], ".format csv\ninsert customer {name: \"A\"}\ncount customers\n")
        #expect(writes.status == 0, "\(writes.stderr)")
        #expect(writes.stdout.hasSuffix("count\r\n1\r\n"))
    }

    @Test func writesPrintATagInTablesRowsInJSONAndNothingWhenQuiet() throws {
        let script = """
            insert customer {name: "A"}
            insert promise {customer: 1, title: "Call", due: +1d}
            update customers where name = "A" set note = "x"
            delete customer 1 cascade
            """
        let table = try crm([database], script)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(
            table.stdout
                == "insert customer 1\ninsert promise 1\nupdate 1 customer\n"
                + "delete 1 customer (cascade: 0 interactions, 1 promise)\n")
        let json = try crm([database, "--format", "jsonl", "-c", "insert customer {name: \"B\"}"])
        #expect(json.stdout.hasPrefix("{\"id\":2,\"name\":\"B\","))
        let quiet = try crm(
            [database, "--quiet-writes", "--format", "csv"],
            "insert customer {name: \"C\"}\ncount customers\n")
        #expect(quiet.stdout == "count\r\n2\r\n")
    }

    /// A table in a script looks as in the shell: a find's default columns, the style from
    /// `--format` or `.mode`, a `get` expanded, `.expanded` obeyed; every field in csv.
    @Test func aTableInAScriptLooksAsInTheShell() throws {
        try crm([
            database, "--quiet-writes", "-c", #"insert customer {name: "Acme", kind: person, city: "Lagos"}"#,
        ])
        let box = try crm([database, "--format", "box", "-c", "find customers"])
        #expect(box.status == 0, "\(box.stderr)")
        #expect(
            box.stdout.hasPrefix(
                "┌────┬──────┬──────────┬────────┬───────┬───────┐\n│ id │ name │ tier     │"))
        #expect(!box.stdout.contains("person"), "kind is not a default column")
        #expect(box.stdout.hasSuffix("┘\n(1 row)\n"))
        let script = """
            get customer 1
            .expanded off
            get customer 1
            .mode markdown
            find customers select id, name
            .format csv
            find customers select id, kind
            """
        let mixed = try crm([database], script)
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(mixed.stdout.hasPrefix("id       | 1\nname     | Acme\n"), "\(mixed.stdout)")
        #expect(mixed.stdout.contains("(1 row)\nid | name | kind "), "\(mixed.stdout)")
        #expect(
            mixed.stdout.hasSuffix("|  id | name |\n|----:|------|\n|   1 | Acme |\nid,kind\r\n1,person\r\n"))
    }

    /// The script's statement is answered while its stdin is still open: the process has not
    /// ended, and has not even seen the end of its script, when the first line arrives; and a
    /// table larger than its measuring sample comes out whole, a line at a time.
    @Test(arguments: ["table", "json", "csv"])
    func aLargeResultStreamsBeforeTheScriptEnds(format: String) throws {
        let seeded = try CommandRunner.run(["seed", database, "--customers", "400"])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executable)
        process.arguments = [database, "--format", format]
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data("find interactions select id, subject, at\n".utf8))
        var received = Data()
        while !received.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        #expect(process.isRunning, "the first line came before the script ended")
        let firstLine = String(decoding: received.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        switch format {
        case "table": #expect(firstLine.hasSuffix("id | subject") || firstLine.contains("id | subject "))
        case "json": #expect(firstLine.hasPrefix("[{\"id\":1,"))
        default: #expect(firstLine == "id,subject,at\r")
        }
        try stdin.fileHandleForWriting.close()
        received.append(stdout.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let lines = String(decoding: received, as: UTF8.self).split(separator: "\n")
        if format == "table" {
            #expect(lines.count > 1_002, "more rows than the table measures")
            #expect(lines.last?.hasSuffix(" rows)") == true)
        }
    }
}
