/// Names compared as the language compares them: in any case (`ATTRS` is `attrs`).
public enum Identifier {
    /// Whether `name` is `word` (written in lower case) in any case; the same answer as
    /// `name.lowercased() == word`, without making a string for the ASCII names queries use.
    @inlinable
    public static func same(_ name: String, _ word: StaticString) -> Bool {
        let target = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        var index = 0
        for byte in name.utf8 {
            // Past the end, or not ASCII (whose lowercase form may still be ASCII: K, the
            // Kelvin sign, is k): Unicode's rules decide.
            guard byte < 0x80 else { return name.lowercased() == String(decoding: target, as: UTF8.self) }
            guard index < target.count else { return false }
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            guard lower == target[index] else { return false }
            index += 1
        }
        return index == target.count
    }
}
