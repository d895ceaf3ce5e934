import Foundation
import TestSupport
import Testing

/// Saved views in the interactive shell: `.views` lists them, TAB after `run ` completes
/// their names, and `.param` binds their parameters.
@Suite struct ShellViewTests {
    @Test func viewsAreListedCompletedAndRunWithTheShellsParameters() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("views.db")
        let loaded = try CommandRunner.run(
            [database],
            input: "insert customer {name: \"Acme\"}\n"
                + "insert promise {customer: 1, title: \"Call back\", due: +2d, owner: \"li.wei\"}\n")
        #expect(loaded.status == 0, "\(loaded.stderr)")
        let terminal = try ShellHarness.start([database], in: directory)
        #expect(try ShellHarness.run(".views", in: terminal).contains("no saved views (define one"))
        try ShellHarness.run(
            "define view mine as find promises where owner = $who select title", in: terminal)
        try ShellHarness.run("define view 待办 as count promises", in: terminal)
        let listed = try ShellHarness.run(".views", in: terminal)
        #expect(listed.contains("mine  find promises where owner = $who select title"), "\(listed)")
        #expect(listed.contains("待办  count promises"), "\(listed)")
        // The view's name is completed after `run `.
        terminal.send("run mi\t")
        try terminal.expect("run mine")
        let missing = try ShellHarness.run("", in: terminal)
        #expect(missing.contains("view 'mine' needs $who"), "\(missing)")
        try ShellHarness.run(".param set who li.wei", in: terminal)
        #expect(try ShellHarness.run("run mine", in: terminal).contains("Call back"))
        #expect(try ShellHarness.run("run mine(who: \"wang.fang\")", in: terminal).contains("(0 rows)"))
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
    }
}
