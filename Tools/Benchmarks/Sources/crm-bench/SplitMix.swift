/// A small seeded random generator (SplitMix64), so that every system gets the same random
/// ids in the same order on every run.
///
///     var random = SplitMix(seed: 7)
///     let id = random.id(upTo: 100_000)   // 1...100_000
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    /// A generator from `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random id from 1 to `count` (1 when `count` is below 1).
    mutating func id(upTo count: Int) -> Int64 {
        Int64(next() % UInt64(max(count, 1))) + 1
    }

    /// `count` random ids from 1 to `upTo`.
    static func ids(seed: UInt64, count: Int, upTo: Int) -> [Int64] {
        var random = SplitMix(seed: seed)
        return (0..<count).map { _ in random.id(upTo: upTo) }
    }
}
