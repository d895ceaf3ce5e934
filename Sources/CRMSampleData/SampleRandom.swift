/// SplitMix64: a small, fast, deterministic generator, so that the same seed gives the same
/// sample data on every machine and every run.
struct SampleRandom: RandomNumberGenerator {
    private var state: UInt64

    /// A generator for one stream of `seed`: a customer's interactions, say, so that each can
    /// be regenerated on its own.
    init(seed: UInt64, stream: UInt64, index: Int) {
        state =
            seed ^ (stream &* 0x9E37_79B9_7F4A_7C15)
            ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(max(1, bound)))
    }

    /// True `percent` times in a hundred.
    mutating func chance(_ percent: Int) -> Bool {
        below(100) < percent
    }

    /// One of `items`.
    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }
}
