import CRMQuery
import Testing

/// An input that gives its bytes a few at a time, as a pipe might; it can seek unless told
/// not to.
private struct TrickleInput: ScriptInput {
    let bytes: [UInt8]
    let step: Int
    let canSeek: Bool
    var offset = 0

    init(_ text: String, step: Int, canSeek: Bool = true) {
        bytes = Array(text.utf8)
        self.step = step
        self.canSeek = canSeek
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(step, buffer.count, bytes.count - offset)
        for index in 0..<count { buffer[index] = bytes[offset + index] }
        offset += count
        return count
    }

    mutating func seek(to offset: Int) -> Bool {
        guard canSeek, offset <= bytes.count else { return false }
        self.offset = offset
        return true
    }
}

/// What a reader gives, one description per chunk: `LINE: text` for statements (with
/// `!` when the chunk has diagnostics), `LINE: .command` for dot-commands.
private func chunks(_ reader: StatementReader) throws -> [String] {
    var reader = reader
    var out: [String] = []
    while let chunk = try reader.next() {
        switch chunk.content {
        case .statements(let parsed):
            out.append("\(chunk.firstLine): \(chunk.text)\(parsed.isValid ? "" : " !")")
        case .dotCommand(let line):
            out.append("\(chunk.firstLine): \(line)")
        }
    }
    return out
}

@Suite("Statement reader: a script read one statement at a time")
struct StatementReaderTests {
    static let script = """
        -- a comment, then a blank line

        insert customer {name: "A",
          tier: vip}
        .param set owner li.wei
        find customers where
          tier = vip; count customers
          .tz UTC
        fnd x
        find customers where (
        """

    static let expected = [
        "3: insert customer {name: \"A\",\n  tier: vip}",
        "5: .param set owner li.wei",
        "6: find customers where\n  tier = vip; count customers",
        "8:   .tz UTC",
        "9: fnd x !",
        "10: find customers where ( !",
    ]

    @Test func linesGatherUntilTheParserSaysTheStatementIsFinished() throws {
        let got = try chunks(StatementReader(text: Self.script, name: "s.crm"))
        #expect(got == Self.expected, "\(got)")
    }

    @Test(arguments: [1, 2, 7, 64])
    func anInputGivingAFewBytesAtATimeReadsTheSame(step: Int) throws {
        let reader = StatementReader(input: TrickleInput(Self.script, step: step), name: "s.crm")
        #expect(try chunks(reader) == Self.expected)
    }

    @Test func rangesMoveToTheScriptsLinesAndOffsets() throws {
        var reader = StatementReader(
            text: "count customers\n\n  find customers where nme = 1\n", name: "s.crm")
        let chunk = try #require(try reader.next())
        guard case .statements(let parsed) = chunk.content else {
            Issue.record("expected statements")
            return
        }
        let statement = try #require(parsed.script.statements.last)
        let moved = chunk.scriptRange(statement.range)
        #expect(moved.start == SourceLocation(offset: 19, line: 3, column: 3))
        #expect(chunk.chunkLocation(moved.start) == statement.range.start)
    }

    @Test func diagnosticsFormatWithTheScriptsLineNumbers() throws {
        var reader = StatementReader(
            text: "count customers\nfind customers where (\n  x = = 1)\n", name: "s.crm")
        _ = try reader.next()
        let chunk = try #require(try reader.next())
        guard case .statements(let parsed) = chunk.content, let diagnostic = parsed.diagnostics.first else {
            Issue.record("expected a diagnostic")
            return
        }
        var moved = diagnostic
        moved.range = chunk.scriptRange(diagnostic.range)
        let formatter = DiagnosticFormatter(fileName: "s.crm", source: chunk.text, firstLine: chunk.firstLine)
        #expect(formatter.format(moved).hasPrefix("s.crm:3:7: error:"))
        #expect(formatter.format(moved).contains("\n  x = = 1)\n      ^"))
    }

    /// Lines already read that parse cleanly together come as one chunk, with the same
    /// statements as one at a time; a block with an error is read a line at a time, so that
    /// each error is reported as it would be alone.
    @Test func cleanLinesComeAsOneBlockAndErrorsLineByLine() throws {
        let lines = (1...100).map { "insert customer {name: \"c\($0)\"}" }
        var reader = StatementReader(text: lines.joined(separator: "\n"), name: "s.crm")
        var statements: [String] = []
        var firstLines: [Int] = []
        while let chunk = try reader.next() {
            guard case .statements(let parsed) = chunk.content else { continue }
            #expect(parsed.isValid)
            firstLines.append(chunk.firstLine)
            statements += parsed.script.statements.map { chunk.scriptRange($0.range).start.description }
        }
        #expect(firstLines == [1, 65])
        #expect(statements == (1...100).map { "\($0):1" })

        var broken = lines
        broken[2] = "fnd customers"
        let got = try chunks(StatementReader(text: broken.prefix(6).joined(separator: "\n"), name: "s.crm"))
        #expect(got.count == 6)
        #expect(got[2] == "3: fnd customers !")
    }

    @Test func aReaderGoesBackToAMarkWhenItsInputCanSeek() throws {
        let text = "count customers\ncount promises\ncount interactions\n"
        var reader = StatementReader(input: TrickleInput(text, step: 5), name: "s.crm")
        _ = try reader.next()
        let mark = reader.position
        let second = try reader.next()
        let third = try reader.next()
        #expect(second?.text == "count promises")
        #expect(third?.text == "count interactions")
        #expect(reader.canRewind)
        let wentBack = reader.rewind(to: mark)
        let again = try reader.next()
        let afterThat = try reader.next()
        #expect(wentBack)
        #expect(again?.text == "count promises")
        #expect(afterThat?.firstLine == 3)

        var pipe = StatementReader(input: TrickleInput(text, step: 5, canSeek: false), name: "<stdin>")
        _ = try pipe.next()
        #expect(!pipe.canRewind)
        _ = try pipe.next()
        _ = try pipe.next()
        let pipeWentBack = pipe.rewind(to: StatementReader.Mark(line: 1, offset: 0))
        #expect(!pipeWentBack)
    }

    @Test func crlfLinesAndALastLineWithoutABreak() throws {
        let text = "count customers\r\n.tz UTC\r\ncount promises"
        #expect(
            try chunks(StatementReader(text: text, name: "s.crm")) == [
                "1: count customers\r", "2: .tz UTC", "3: count promises",
            ])
    }

    @Test func aParsedScriptIsOneChunk() throws {
        let parsed = Parser.parse("count customers\ncount promises")
        var reader = StatementReader(parsed: parsed, name: "")
        let chunk = try #require(try reader.next())
        #expect(chunk.text == parsed.source)
        let end = try reader.next()
        #expect(end == nil)
        let wentBack = reader.rewind(to: chunk.mark)
        let again = try reader.next()
        #expect(wentBack)
        #expect(again?.text == parsed.source)
    }
}
