import CRMQuery

/// Text as a terminal shows it: display widths, one-line cells, and cells cut to a width.
///
/// Widths build on `CRMQuery.DisplayWidth` (CJK wide and fullwidth characters take two
/// columns, combining marks and zero-width joiners none) and add emoji: a character drawn as
/// an emoji (Emoji_Presentation, a U+FE0F variation selector, flags, ZWJ sequences) takes two.
/// The unit is the `Character` (grapheme cluster), so a wide character is never cut in half
/// and a combining mark stays with its base.
enum TerminalText {
    /// The ellipsis that marks a truncated cell.
    static let ellipsis: Character = "…"
    /// What a line break inside a cell is shown as.
    static let lineBreakMark: Character = "↵"

    /// The number of terminal columns `character` occupies: 0, 1 or 2.
    static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let only = scalars.first, only.value < 0x80 {
            return DisplayWidth.of(only)
        }
        for scalar in scalars where scalar.properties.isEmojiPresentation {
            return 2
        }
        if let first = scalars.first, first.properties.isEmoji, scalars.contains("\u{FE0F}") {
            return 2
        }
        return DisplayWidth.of(character)
    }

    /// The number of terminal columns `text` occupies.
    static func width(of text: some StringProtocol) -> Int {
        // Printable ASCII, the common case: one column a byte, no Unicode lookups.
        if isPrintableASCII(text) { return text.utf8.count }
        return text.reduce(0) { $0 + width(of: $1) }
    }

    /// Whether every byte of `text` is printable ASCII.
    static func isPrintableASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// `text` made safe for one table cell: line breaks (LF, CR, CRLF, NEL, U+2028, U+2029)
    /// become `↵`, tabs a space, other C0 controls and DEL their Unicode control pictures
    /// (`␛` for ESC, so no escape sequence reaches the terminal), C1 controls `�`.
    static func singleLine(_ text: String) -> String {
        if isPrintableASCII(text) { return text }
        guard text.unicodeScalars.contains(where: needsReplacement) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            guard let first = character.unicodeScalars.first, needsReplacement(first) else {
                out.append(character)
                continue
            }
            switch first.value {
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: out.append(lineBreakMark)
            case 0x09: out.append(" ")
            case 0x00..<0x20: out.unicodeScalars.append(Unicode.Scalar(0x2400 + first.value) ?? "\u{FFFD}")
            case 0x7F: out.append("\u{2421}")
            default: out.append("\u{FFFD}")
            }
        }
        return out
    }

    /// Whether a scalar cannot be shown as itself in one line of a table.
    private static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// `text` (already one line) padded with spaces to exactly `width` columns, on the left
    /// when `alignRight`; when it is wider, cut to its longest prefix that leaves room for
    /// `…`, then padded (a wide character that does not fit whole is dropped, not halved).
    static func fitted(_ text: String, width: Int, alignRight: Bool) -> String {
        let textWidth = self.width(of: text)
        if textWidth <= width {
            let padding = String(repeating: " ", count: width - textWidth)
            return alignRight ? padding + text : text + padding
        }
        guard width > 0 else { return "" }
        var kept = ""
        var used = 0
        for character in text {
            let characterWidth = self.width(of: character)
            if used + characterWidth > width - 1 { break }
            kept.append(character)
            used += characterWidth
        }
        kept.append(ellipsis)
        used += 1
        let padding = String(repeating: " ", count: width - used)
        return alignRight ? padding + kept : kept + padding
    }
}
