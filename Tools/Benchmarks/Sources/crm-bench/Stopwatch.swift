#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the monotonic clock: elapsed times that wall-clock changes cannot disturb.
///
///     let watch = Stopwatch()
///     work()
///     let seconds = watch.seconds
struct Stopwatch {
    private let start: UInt64

    /// Starts timing now.
    init() {
        start = Self.nanoseconds()
    }

    /// Nanoseconds since the stopwatch started.
    var nanoseconds: UInt64 { Self.nanoseconds() &- start }

    /// Seconds since the stopwatch started.
    var seconds: Double { Double(nanoseconds) / 1e9 }

    /// The monotonic clock now, in nanoseconds.
    static func nanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// Runs `body` and returns its result with the seconds it took.
    static func time<R>(_ body: () throws -> R) rethrows -> (result: R, seconds: Double) {
        let watch = Stopwatch()
        let result = try body()
        return (result, watch.seconds)
    }
}

/// Latencies of repeated runs of one operation, for percentiles.
struct Latencies {
    private(set) var nanoseconds: [UInt64] = []

    /// Room for `count` samples.
    init(capacity count: Int) {
        nanoseconds.reserveCapacity(count)
    }

    /// Times one run of `body` and keeps its latency.
    mutating func measure<R>(_ body: () throws -> R) rethrows -> R {
        let watch = Stopwatch()
        let result = try body()
        nanoseconds.append(watch.nanoseconds)
        return result
    }

    /// The latency below which `fraction` of the runs fall (nearest rank), in seconds; 0 when
    /// nothing was measured.
    func percentile(_ fraction: Double) -> Double {
        guard !nanoseconds.isEmpty else { return 0 }
        let sorted = nanoseconds.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return Double(sorted[min(max(rank, 0), sorted.count - 1)]) / 1e9
    }

    /// The median latency in seconds.
    var p50: Double { percentile(0.50) }
    /// The 99th percentile latency in seconds.
    var p99: Double { percentile(0.99) }
}
