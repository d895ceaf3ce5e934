/// Terminal display width of text, so caret lines sit under the right characters.
///
/// East Asian wide and fullwidth characters (CJK ideographs, kana, Hangul, fullwidth forms, most
/// emoji) take two columns; combining marks and other zero-width scalars take none; everything
/// else takes one. This is the usual `wcwidth` approximation, not a full Unicode table.
public enum DisplayWidth {
    /// The number of terminal columns `character` occupies.
    public static func of(_ character: Character) -> Int {
        var width = 0
        for scalar in character.unicodeScalars {
            width = max(width, of(scalar))
        }
        return width
    }

    /// The number of terminal columns `text` occupies.
    public static func of(_ text: Substring) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// The number of terminal columns one scalar occupies: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0 { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return 0
        default:
            break
        }
        return isWide(value) ? 2 : 1
    }

    /// Whether the code point is East Asian Wide or Fullwidth (approximate ranges).
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
