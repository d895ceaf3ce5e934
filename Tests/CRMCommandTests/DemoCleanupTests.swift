import Foundation
import TestSupport
import Testing

/// `crm --demo` cleans up after itself: its temporary folder goes away when the shell ends,
/// when the terminal closes (SIGHUP) or the process is told to stop (SIGTERM).
@Suite struct DemoCleanupTests {
    /// The demo folders in `directory`.
    static func demoFolders(in directory: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasPrefix("crm-demo-")
        }
    }

    @Test(arguments: [SIGHUP, SIGTERM])
    func theFolderGoesAwayWhenTheProcessIsToldToStop(signal: Int32) throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.demo(in: directory)
        #expect(try Self.demoFolders(in: directory) == ["crm-demo-\(terminal.processID)"])
        kill(terminal.processID, signal)
        #expect(try terminal.waitForExit() == 128 + signal)
        #expect(try Self.demoFolders(in: directory).isEmpty)
    }

    @Test func theFolderGoesAwayWhenTheShellEnds() throws {
        let directory = try TemporaryDirectory()
        let terminal = try ShellHarness.demo(in: directory)
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        #expect(try Self.demoFolders(in: directory).isEmpty)
    }

    @Test func aFolderLeftByAKilledDemoIsRemovedByTheNext() throws {
        let directory = try TemporaryDirectory()
        // The pid of a process that has ended.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let abandoned = directory.file("crm-demo-\(ended.processIdentifier)")
        try FileManager.default.createDirectory(atPath: abandoned, withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: abandoned + "/demo.db"))
        let terminal = try ShellHarness.demo(in: directory)
        #expect(try Self.demoFolders(in: directory) == ["crm-demo-\(terminal.processID)"])
    }
}
