import CRMQuery
import Foundation

/// Source text with the expected diagnostic range marked as `⟨...⟩` (`⟨⟩` for a point).
struct MarkedSource: CustomStringConvertible {
    /// The source with the markers removed.
    let text: String
    /// UTF-8 offsets of the marked range in `text`.
    let start: Int
    let end: Int
    /// Line and character column of the marked start, computed independently of the lexer.
    let line: Int
    let column: Int

    init(_ marked: String) {
        var text = ""
        var start = 0
        var end = 0
        for character in marked {
            if character == "⟨" {
                start = text.utf8.count
            } else if character == "⟩" {
                end = text.utf8.count
            } else {
                text.append(character)
            }
        }
        self.text = text
        self.start = start
        self.end = end
        let prefix = String(decoding: Array(text.utf8)[0..<start], as: UTF8.self)
        let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
        self.line = lines.count
        self.column = (lines.last?.count ?? 0) + 1
    }

    var description: String { text.debugDescription }
}

/// The package root, found by walking up from this file to the directory holding Package.swift.
func packageRoot(from file: String = #filePath) -> URL? {
    var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
    for _ in 0..<8 {
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            return directory
        }
        directory = directory.deletingLastPathComponent()
    }
    return nil
}

/// The dumps of every statement that parsed, one per line.
func dump(_ source: String) -> String {
    Parser.parse(source).script.statements.map(\.dump).joined(separator: "\n")
}
