/// One system's measurement for one row.
enum Figure {
    /// Operations per second: higher is better.
    case rate(Double)
    /// Latency percentiles in seconds: lower is better; compared on the median.
    case latency(p50: Double, p99: Double?)
    /// Wall time in seconds: lower is better.
    case seconds(Double)
    /// Memory in MiB: lower is better.
    case mebibytes(Double)

    /// How many times better `self` is than `other` (above 1: `self` wins); nil when the two
    /// cannot be compared.
    func speedup(over other: Figure) -> Double? {
        switch (self, other) {
        case (.rate(let mine), .rate(let theirs)) where theirs > 0: mine / theirs
        case (.latency(let mine, _), .latency(let theirs, _)) where mine > 0: theirs / mine
        case (.seconds(let mine), .seconds(let theirs)) where mine > 0: theirs / mine
        case (.mebibytes(let mine), .mebibytes(let theirs)) where mine > 0: theirs / mine
        default: nil
        }
    }

    /// The figure as the table prints it: `1,234,567`, `12.3 us / 40.1 us`, `2.41 s`, `180 MiB`.
    var text: String {
        switch self {
        case .rate(let value): Self.grouped(value)
        case .latency(let p50, let p99):
            p99.map { "\(Self.duration(p50)) / \(Self.duration($0))" } ?? Self.duration(p50)
        case .seconds(let value): Self.duration(value)
        case .mebibytes(let value): "\(Self.decimal(value, places: 0)) MiB"
        }
    }

    /// `value` rounded to a whole number with thousands separators.
    static func grouped(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        let digits = String(Int64(value.rounded()))
        var result = ""
        for (offset, character) in digits.reversed().enumerated() {
            if offset > 0 && offset % 3 == 0 && character != "-" { result.append(",") }
            result.append(character)
        }
        return String(result.reversed())
    }

    /// A time in the unit that suits it: `850 ns`, `12.3 us`, `4.56 ms`, `2.41 s`.
    static func duration(_ seconds: Double) -> String {
        switch seconds {
        case ..<1e-6: "\(decimal(seconds * 1e9, places: 0)) ns"
        case ..<1e-3: "\(decimal(seconds * 1e6, places: 1)) us"
        case ..<1: "\(decimal(seconds * 1e3, places: 2)) ms"
        default: "\(decimal(seconds, places: 2)) s"
        }
    }

    /// `value` with `places` decimals.
    static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "-" }
        var factor = 1.0
        for _ in 0..<places { factor *= 10 }
        let scaled = Int64((abs(value) * factor).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard places > 0 else { return sign + String(scaled) }
        let whole = scaled / Int64(factor)
        var fraction = String(scaled % Int64(factor))
        while fraction.count < places { fraction = "0" + fraction }
        return "\(sign)\(whole).\(fraction)"
    }
}
