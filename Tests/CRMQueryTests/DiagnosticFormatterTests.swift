import CRMQuery
import Testing

@Test func formatsCaretUnderAsciiText() {
    let source = "find customers\nfind promises wher duedate < now\n"
    let result = Parser.parse(source)
    let output = DiagnosticFormatter(fileName: "script.crm", source: source).format(result.diagnostics)
    #expect(
        output == """
            script.crm:2:15: error: unknown keyword 'wher' (did you mean 'where'?)
            find promises wher duedate < now
                          ^~~~
            """)
}

@Test func caretLinesUpAfterChineseText() {
    let source = "-- 客户\nfind customers where 名字 = \"张三\" limt 5\n"
    let result = Parser.parse(source)
    let output = DiagnosticFormatter(fileName: "q.crm", source: source).format(result.diagnostics)
    #expect(
        output == """
            q.crm:2:32: error: unknown keyword 'limt' (did you mean 'limit'?)
            find customers where 名字 = "张三" limt 5
                                               ^~~~
            """)
}

@Test func caretUnderWideCharactersIsTwoColumnsPerCharacter() {
    let source = "find 客户们 where x = 1"
    let result = Parser.parse(source)
    let output = DiagnosticFormatter(fileName: "<stdin>", source: source).format(result.diagnostics)
    #expect(
        output == """
            <stdin>:1:6: error: unknown entity '客户们'; expected customer, interaction or promise
            find 客户们 where x = 1
                 ^~~~~~
            """)
}

@Test func pointDiagnosticAtEndOfInputAndNotes() {
    let source = "find customers where tier =\n"
    let diagnostics = Parser.parse(source).diagnostics
    let formatter = DiagnosticFormatter(fileName: "s.crm", source: source)
    #expect(
        formatter.format(diagnostics) == """
            s.crm:1:28: error: expected a value after '=' (a number, a quoted string, \
            a date or a bare word), \
            found end of input
            find customers where tier =
                                       ^
            """)
    let unterminated = Parser.parse("x \"abc").diagnostics.filter { $0.id == .unterminatedString }
    #expect(
        DiagnosticFormatter(fileName: "u", source: "x \"abc").format(unterminated) == """
            u:1:3: error: unterminated string: add a closing '"'
            x "abc
              ^
            u:1:3: note: the string starts here and runs to the end of the input
            """)
}

@Test func tabsInTheSourceLineAreKeptInThePadding() {
    let source = "\tfind customers wher x = 1"
    let output = DiagnosticFormatter(fileName: "t", source: source).format(Parser.parse(source).diagnostics)
    #expect(output.hasSuffix("\n\tfind customers wher x = 1\n\t               ^~~~"))
}

@Test(arguments: [("a", 1), ("客", 2), ("é", 1), ("e\u{301}", 1), ("ｱ", 1), ("Ａ", 2), ("😀", 2)])
func displayWidths(text: String, width: Int) {
    #expect(DisplayWidth.of(Substring(text)) == width)
}

@Test func windowsLineBreaksAreNotPartOfTheShownLine() {
    let source = "find customers\r\nget customer 客\r\nfind promises wher x\r\n"
    let result = Parser.parse(source)
    let output = DiagnosticFormatter(fileName: "win.crm", source: source).format(result.diagnostics)
    #expect(output.contains("\nfind promises wher x\n"), "\(output.debugDescription)")
    #expect(!output.contains("\r"))
    #expect(output.hasPrefix("win.crm:2:"), "the first error is on line 2: \(output)")
}
