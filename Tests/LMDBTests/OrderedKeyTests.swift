import TestSupport
import Testing

@testable import LMDB

@Suite("Ordered keys: byte order equals value order")
struct OrderedKeyTests {
    static let integers: [Int64] = [
        .min, .min + 1, -1_000_000_000_000, -65_536, -256, -255, -2, -1, 0, 1, 2, 255, 256, 65_536,
        1_000_000_000_000, .max - 1, .max,
    ]

    static func bytes(_ build: (inout OrderedKey) -> Void) -> [UInt8] {
        var key = OrderedKey()
        build(&key)
        return key.bytes
    }

    @Test func integersSortAsNumbers() {
        for (a, b) in zip(Self.integers, Self.integers.dropFirst()) {
            let ka = Self.bytes { $0.append(a) }
            let kb = Self.bytes { $0.append(b) }
            #expect(ka.lexicographicallyPrecedes(kb), "\(a) should sort before \(b)")
        }
    }

    @Test(arguments: integers) func integersRoundTrip(_ value: Int64) throws {
        let key = Self.bytes { $0.append(value) }
        #expect(key.count == 8)
        let back = try key.withUnsafeBytes { bytes in
            var reader = OrderedKeyReader(bytes)
            return try reader.readInt64()
        }
        #expect(back == value)
    }

    @Test func wideIntegersSortAndRoundTrip() throws {
        let values: [Int128] = [.min, -(Int128(1) << 100), -1, 0, 1, Int128(1) << 100, .max]
        for (a, b) in zip(values, values.dropFirst()) {
            #expect(Self.bytes { $0.append(a) }.lexicographicallyPrecedes(Self.bytes { $0.append(b) }))
        }
        for value in values {
            let key = Self.bytes { $0.append(value) }
            let back = try key.withUnsafeBytes { bytes in
                var reader = OrderedKeyReader(bytes)
                return try reader.readInt128()
            }
            #expect(back == value)
        }
    }

    /// Strings in value order, including embedded zero bytes and prefixes of each other.
    static let strings = [
        "", "\u{0}", "\u{0}\u{0}", "\u{0}a", "a", "a\u{0}", "a\u{0}b", "a\u{1}", "ab", "b", "é", "中", "中文",
    ]

    @Test func stringsSortAsStringsEvenWithAFieldAfterThem() {
        for (a, b) in zip(Self.strings, Self.strings.dropFirst()) {
            // A larger trailing field must not let a longer string jump ahead.
            let ka = Self.bytes {
                $0.append(a)
                $0.append(Int64.max)
            }
            let kb = Self.bytes {
                $0.append(b)
                $0.append(Int64.min)
            }
            #expect(ka.lexicographicallyPrecedes(kb), "\(a.debugDescription) before \(b.debugDescription)")
        }
    }

    @Test(arguments: strings) func stringsRoundTrip(_ value: String) throws {
        let key = Self.bytes {
            $0.append(value)
            $0.append(Int64(7))
        }
        let (string, number) = try key.withUnsafeBytes { bytes in
            var reader = OrderedKeyReader(bytes)
            return (try reader.readString(), try reader.readInt64())
        }
        #expect(string == value)
        #expect(number == 7)
    }

    @Test func prefixRangeCoversExactlyTheStringsThatStartWithIt() {
        var prefix = OrderedKey()
        prefix.appendPrefix("ab")
        let range = KeyRange.prefix(prefix.bytes)
        for (string, inside) in [
            ("ab", true), ("abc", true), ("ab\u{0}", true), ("a", false), ("ac", false), ("b", false),
        ] {
            let key = Self.bytes { $0.append(string) }
            let contained = key.withUnsafeBytes { range.contains($0) }
            #expect(contained == inside, "\(string.debugDescription)")
        }
    }

    @Test func damagedKeysThrowInsteadOfTrapping() {
        let cases: [[UInt8]] = [
            [], [1, 2, 3], [0x61, 0x00], [0x61, 0x00, 0x07], [0xFF, 0xFE, 0x00, 0x00],
        ]
        for bytes in cases {
            #expect(throws: KeyDecodingError.self) {
                try bytes.withUnsafeBytes { buffer in
                    var reader = OrderedKeyReader(buffer)
                    _ = try reader.readString()
                    _ = try reader.readInt64()
                }
            }
        }
    }

    @Test func successorOfPrefix() {
        #expect(KeyRange.successor(ofPrefix: [1, 2]) == [1, 3])
        #expect(KeyRange.successor(ofPrefix: [1, 0xFF]) == [2])
        #expect(KeyRange.successor(ofPrefix: [0xFF, 0xFF]) == nil)
        #expect(KeyRange.successor(ofPrefix: []) == nil)
    }
}

@Suite("Compact integers in keys: byte order is value order, and they read back")
struct CompactIntegerTests {
    static let samples: [Int64] = [
        .min, .min + 1, -1 << 40, -65_537, -65_536, -257, -256, -255, -2, -1, 0, 1, 2, 255, 256, 65_535,
        65_536,
        1 << 40, .max - 1, .max,
    ]

    @Test func orderAndRoundTrip() throws {
        var random = SplitMix64(seed: 5)
        let values =
            Self.samples + (0..<2_000).map { _ in Int64(bitPattern: random.next()) >> (random.next() % 60) }
        let encoded = values.map { value -> [UInt8] in
            var key = OrderedKey()
            key.appendCompact(value)
            return key.bytes
        }
        for (value, bytes) in zip(values, encoded) {
            let read = try bytes.withUnsafeBytes { raw -> Int64 in
                var reader = OrderedKeyReader(raw)
                let read = try reader.readCompact()
                #expect(reader.isAtEnd)
                return read
            }
            #expect(read == value)
            #expect(bytes.count <= 9)
        }
        for _ in 0..<5_000 {
            let a = Int(random.next() % UInt64(values.count))
            let b = Int(random.next() % UInt64(values.count))
            let byteOrder = encoded[a].lexicographicallyPrecedes(encoded[b])
            #expect(byteOrder == (values[a] < values[b]), "\(values[a]) vs \(values[b])")
        }
    }

    @Test func compactIntegersInARowAndDamagedOnesAreReadOrRefused() throws {
        var key = OrderedKey()
        for value: Int64 in [7, -3, 0, 300, .max] { key.appendCompact(value) }
        let read = try key.bytes.withUnsafeBytes { raw -> [Int64] in
            var reader = OrderedKeyReader(raw)
            var values: [Int64] = []
            while !reader.isAtEnd { values.append(try reader.readCompact()) }
            return values
        }
        #expect(read == [7, -3, 0, 300, .max])
        // A positive integer cut short, and one beyond 64 bits, name what is wrong.
        for (bytes, reason) in [
            ([0x16, 0x01] as [UInt8], "ends inside a compact integer"),
            ([0x1C, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], "holds an integer beyond 64 bits"),
            ([0x1D, 0x01], "holds no compact integer (tag 29)"),
        ] {
            let error = #expect(throws: KeyDecodingError.self) {
                try bytes.withUnsafeBytes { raw in
                    var reader = OrderedKeyReader(raw)
                    _ = try reader.readCompact()
                }
            }
            #expect(error?.reason == reason, "\(bytes)")
        }
    }

    @Test func idsAtTheEndReadBackAndKeepTheOrder() {
        for id in Self.samples + [3, 77, 100_000, 1_000_000] {
            var key = OrderedKey()
            key.append(String("steel"))
            key.appendCompactID(id)
            #expect(key.bytes.withUnsafeBytes { OrderedKeyReader.compactID(atEndOf: $0) } == id)
        }
        var small = OrderedKey()
        small.appendCompactID(255)
        var large = OrderedKey()
        large.appendCompactID(256)
        #expect(small.bytes.lexicographicallyPrecedes(large.bytes))
        #expect([UInt8]([1, 2, 3]).withUnsafeBytes { OrderedKeyReader.compactID(atEndOf: $0) } == nil)
    }
}
