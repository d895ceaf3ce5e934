/// Text comparisons that ignore case, with a fast path for ASCII.
///
/// Every row of a scan compares text, so `lowercased()` on both sides (two allocations) and
/// Foundation's search were most of a scan's time. ASCII text, the common case, is compared
/// byte by byte with its letters folded; other text falls back to `lowercased()`.
enum FoldedText {
    @inline(__always)
    private static func fold(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// Orders `a` and `b` ignoring case: -1, 0 or 1.
    static func compare(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        let ascii: Int? = a.withUTF8 { x in
            b.withUTF8 { y -> Int? in
                let common = min(x.count, y.count)
                for index in 0..<common {
                    let (p, q) = (x[index], y[index])
                    if p >= 0x80 || q >= 0x80 { return nil }
                    let (fp, fq) = (fold(p), fold(q))
                    if fp != fq { return fp < fq ? -1 : 1 }
                }
                if x.count != y.count {
                    // The longer one's rest decides only if it is ASCII; else compare in full.
                    let rest = x.count > y.count ? x[common...] : y[common...]
                    if rest.contains(where: { $0 >= 0x80 }) { return nil }
                    return x.count < y.count ? -1 : 1
                }
                return 0
            }
        }
        if let ascii { return ascii }
        let (la, lb) = (a.lowercased(), b.lowercased())
        return la == lb ? 0 : (la < lb ? -1 : 1)
    }

    /// Whether `haystack` contains `needle`, ignoring case.
    ///
    /// An ASCII needle (the common case) is searched byte by byte with ASCII letters folded;
    /// bytes of other characters simply never match it. (The rare characters whose lower case
    /// is ASCII, such as the Kelvin sign, are not folded to it.) Other needles are compared
    /// on the lower-cased texts.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var haystack = haystack
        var needle = needle
        let asciiNeedle = needle.utf8.allSatisfy { $0 < 0x80 }
        if !asciiNeedle {
            haystack = haystack.lowercased()
            needle = needle.lowercased()
        }
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in search(h, n, folding: asciiNeedle) }
        }
    }

    /// Whether UTF-8 `text` contains `needle`, an ASCII needle already lower-cased, ignoring
    /// case: what `contains(_:_:)` answers, on bytes read in place.
    @inline(__always)
    static func contains(_ text: UnsafeRawBufferPointer, foldedASCII needle: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        // SAFETY: the bytes are UTF-8 read in place; reading them as UInt8 is what they are.
        searchFolded(text.assumingMemoryBound(to: UInt8.self), needle)
    }

    /// Whether `h` contains `n`, an ASCII needle already lower-cased, with ASCII letters of
    /// `h` folded. The first byte is looked for with one compare per byte (a letter's two
    /// cases differ only in bit 0x20), and only where it is found is the rest compared.
    private static func searchFolded(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool
    {
        guard let first = n.first else { return true }
        guard n.count <= h.count, let base = h.baseAddress else { return false }
        let last = h.count - n.count
        // For a letter, OR-ing 0x20 folds both cases (and maps only the letter's two cases to
        // it among ASCII, and no byte of a multi-byte character); for any other byte, exact.
        let mask: UInt8 = first &- 0x61 < 26 ? 0x20 : 0
        var start = 0
        // Eight bytes at a time: a byte equal to `first` is a zero byte of `word ^ pattern`,
        // found with the carry trick (exact for the lowest, and never missing one; a false
        // hit is ruled out by `matches`).
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let pattern = UInt64(first) &* ones
        let folding = UInt64(mask) &* ones
        while start + 8 <= h.count, start <= last {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
            let t = (word | folding) ^ pattern
            var found = (t &- ones) & ~t & highs
            while found != 0 {
                let position = start + found.trailingZeroBitCount / 8
                if position <= last, matches(base + position, n) { return true }
                found &= found &- 1
            }
            start += 8
        }
        while start <= last {
            if base[start] | mask == first, matches(base + start, n) { return true }
            start += 1
        }
        return false
    }

    /// Whether the bytes at `at` equal the lower-cased ASCII `n`, with letters folded.
    @inline(__always)
    private static func matches(_ at: UnsafePointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 1..<max(1, n.count) where fold(at[index]) != n[index] { return false }
        return true
    }

    /// Whether UTF-8 `text` equals `other`, an ASCII text already lower-cased, ignoring case;
    /// nil when `text` is not ASCII (then compare the strings: a few characters, such as the
    /// Kelvin sign, lower-case to ASCII).
    @inline(__always)
    static func equals(_ text: UnsafeRawBufferPointer, foldedASCII other: UnsafeBufferPointer<UInt8>) -> Bool?
    {
        guard text.count == other.count else {
            return text.contains(where: { $0 >= 0x80 }) ? nil : false
        }
        for index in 0..<text.count {
            let byte = text[index]
            if byte >= 0x80 { return nil }
            if fold(byte) != other[index] { return false }
        }
        return true
    }

    /// Byte search, with ASCII letters folded when `folding`.
    private static func search(
        _ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>, folding: Bool
    )
        -> Bool
    {
        guard n.count <= h.count, let firstByte = n.first else { return n.isEmpty }
        let first = folding ? fold(firstByte) : firstByte
        var start = 0
        while start + n.count <= h.count {
            let byte = folding ? fold(h[start]) : h[start]
            if byte == first {
                var index = 1
                while index < n.count {
                    let (a, b) = (h[start + index], n[index])
                    if folding ? fold(a) != fold(b) : a != b { break }
                    index += 1
                }
                if index == n.count { return true }
            }
            start += 1
        }
        return false
    }

    /// Whether `text` starts with `prefix`, ignoring case.
    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        var text = text
        var prefix = prefix
        let ascii: Bool? = text.withUTF8 { t in
            prefix.withUTF8 { p -> Bool? in
                guard p.count <= t.count else { return nil }
                for index in 0..<p.count {
                    if t[index] >= 0x80 || p[index] >= 0x80 { return nil }
                    if fold(t[index]) != fold(p[index]) { return false }
                }
                return true
            }
        }
        return ascii ?? text.lowercased().hasPrefix(prefix.lowercased())
    }
}
