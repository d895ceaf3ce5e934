import Foundation

/// The words after a dot-command's name: split at spaces, with `"..."` keeping spaces in one
/// word (`.read "my script.crm"`), and the raw text kept for commands that want it whole.
struct DotCommandArguments {
    /// The command name without the dot, as typed.
    let name: String
    /// The arguments, quotes removed.
    let words: [String]
    /// The text after the name, trimmed.
    let rest: String

    /// Splits `line`, which starts with `.`.
    init(_ line: String) {
        let trimmed = line.drop { $0.isWhitespace }.dropFirst()
        let nameEnd = trimmed.firstIndex(where: \.isWhitespace) ?? trimmed.endIndex
        name = String(trimmed[..<nameEnd])
        let rest = trimmed[nameEnd...].trimmingCharacters(in: .whitespaces)
        self.rest = rest
        words = Self.split(rest)
    }

    /// The argument at `index`, or nil.
    subscript(_ index: Int) -> String? { index < words.count ? words[index] : nil }

    /// The text after the first `count` words, trimmed (`.param set NAME <this text>`).
    func text(after count: Int) -> String {
        var remaining = Substring(rest)
        for _ in 0..<count {
            remaining = remaining.drop { $0.isWhitespace }
            remaining = remaining.drop { !$0.isWhitespace }
        }
        return remaining.trimmingCharacters(in: .whitespaces)
    }

    private static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inQuotes = false
        var started = false
        for character in text {
            if character == "\"" {
                inQuotes.toggle()
                started = true
            } else if character.isWhitespace && !inQuotes {
                if started { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
                started = true
            }
        }
        if started { words.append(current) }
        return words
    }
}
