/// An exact decimal number, such as money: `units` scaled by 10^-`scale`.
///
/// Never floating point: `1200.50` is 120050 units at scale 2, printed back exactly as
/// written. Two decimals are equal when their values are (1.5 == 1.50); the scale is kept
/// for printing.
///
///     let amount = try ExactDecimal(parsing: "1200.50")
///     amount.description  // "1200.50"
public struct ExactDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The digits as an integer: 120050 for 1200.50.
    public let units: Int64
    /// How many of the digits are after the point: 2 for 1200.50. At most `maxScale`.
    public let scale: UInt8

    /// The most digits after the point.
    public static let maxScale: UInt8 = 18

    /// `units` × 10^-`scale`; nil when `scale` exceeds `maxScale`.
    public init?(units: Int64, scale: UInt8) {
        guard scale <= Self.maxScale else { return nil }
        self.units = units
        self.scale = scale
    }

    /// A whole number.
    public init(_ integer: Int64) {
        self.units = integer
        self.scale = 0
    }

    /// Parses `-1200.50`, `42`, `0.001`: an optional minus, digits, an optional point and
    /// digits. Nil for anything else, or for more than 18 digits after the point or a value
    /// beyond ±9223372036854775807 units.
    public init?(parsing text: some StringProtocol) {
        var units: Int64 = 0
        var scale: UInt8 = 0
        var seenPoint = false
        var digits = 0
        var utf8 = Substring(text).utf8[...]
        let negative = utf8.first == UInt8(ascii: "-")
        if negative { utf8 = utf8.dropFirst() }
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint, digits > 0 else { return nil }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = units.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            units = sum
            digits += 1
            if seenPoint { scale += 1 }
        }
        guard digits > 0, scale <= Self.maxScale, utf8.last != UInt8(ascii: ".") else { return nil }
        self.units = negative ? -units : units
        self.scale = scale
    }

    /// The value as an integer count of 10^-18: the same for 1.5 and 1.50, so it orders and
    /// compares values whatever their scale.
    public var normalized: Int128 {
        var value = Int128(units)
        for _ in 0..<(Self.maxScale - scale) { value *= 10 }
        return value
    }

    /// The nearest floating-point value, for averages and display only.
    public var doubleValue: Double {
        var divisor = 1.0
        for _ in 0..<scale { divisor *= 10 }
        return Double(units) / divisor
    }

    /// Equal when the values are, whatever the scale.
    public static func == (a: ExactDecimal, b: ExactDecimal) -> Bool { a.normalized == b.normalized }
    /// Orders by value.
    public static func < (a: ExactDecimal, b: ExactDecimal) -> Bool { a.normalized < b.normalized }
    /// Hashes the value, so that 1.5 and 1.50 hash alike.
    public func hash(into hasher: inout Hasher) { hasher.combine(normalized) }

    /// The digits with the point where `scale` puts it: `1200.50`, `-0.05`, `42`.
    public var description: String {
        let magnitude = units.magnitude
        var digits = String(magnitude)
        let scale = Int(self.scale)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return (units < 0 ? "-" : "") + digits
    }
}
