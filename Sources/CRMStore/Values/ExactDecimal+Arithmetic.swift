/// Exact arithmetic on decimals, as the query language's `+ - * /` and `round()` use it.
///
/// Every operation is exact or says how it rounds, and none traps: a result that does not fit
/// (more than 19 significant digits, as ``ExactDecimal/units`` holds) is nil.
/// - `+` and `-` are exact, at the larger scale of the two (1.5 + 0.25 = 1.75).
/// - `*` is exact, at the sum of the scales (1200.50 * 0.005 = 6.00250), except that more than
///   18 digits after the point are rounded half-even to 18.
/// - `/` is rounded half-even to a scale the caller chooses (the engine: the larger of 6 and the
///   operands' scales); `exact` says whether anything was lost.
/// - ``rounded(toScale:)`` is half-even (banker's rounding: 0.125 to 2 places is 0.12, 0.135 is
///   0.14), and pads with zeros when asked for more places than there are.
extension ExactDecimal {
    /// The sum; nil when it does not fit.
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        let (a, b, scale) = Self.aligned(self, other)
        return Self.make(a + b, scale: scale)
    }

    /// The difference; nil when it does not fit.
    public func subtracting(_ other: ExactDecimal) -> ExactDecimal? {
        let (a, b, scale) = Self.aligned(self, other)
        return Self.make(a - b, scale: scale)
    }

    /// The product at the sum of the scales (at most 18, rounded half-even beyond); nil when
    /// it does not fit.
    public func multiplied(by other: ExactDecimal) -> ExactDecimal? {
        // Two 64-bit factors always fit in 128 bits.
        var product = Int128(units) * Int128(other.units)
        var scale = Int(self.scale) + Int(other.scale)
        if scale > Int(Self.maxScale) {
            product = Self.divideRoundingHalfEven(product, by: Self.power(scale - Int(Self.maxScale)))
            scale = Int(Self.maxScale)
        }
        return Self.make(product, scale: UInt8(scale))
    }

    /// The quotient rounded half-even to `scale` places, and whether it is exact; nil when
    /// `other` is zero, `scale` exceeds ``maxScale``, or the quotient does not fit.
    public func divided(by other: ExactDecimal, scale: UInt8) -> (quotient: ExactDecimal, exact: Bool)? {
        guard other.units != 0, scale <= Self.maxScale else { return nil }
        // self / other = (A / B) * 10^(sb - sa); at `scale` places that is A * 10^e / B with
        // e = scale + sb - sa, worked out digit by digit so nothing overflows.
        let exponent = Int(scale) + Int(other.scale) - Int(self.scale)
        let numerator = Int128(units).magnitude
        var denominator = Int128(other.units).magnitude
        if exponent < 0 { denominator *= UInt128(Self.power(-exponent)) }
        var quotient = numerator / denominator
        var remainder = numerator % denominator
        let limit = UInt128(UInt64.max)
        for _ in 0..<max(0, exponent) {
            remainder *= 10
            quotient = quotient * 10 + remainder / denominator
            remainder %= denominator
            guard quotient <= limit else { return nil }
        }
        let twice = remainder * 2
        if twice > denominator || (twice == denominator && quotient % 2 == 1) { quotient += 1 }
        guard quotient <= limit else { return nil }
        let negative = (units < 0) != (other.units < 0)
        let signed = negative ? -Int128(quotient) : Int128(quotient)
        guard let result = Self.make(signed, scale: scale) else { return nil }
        return (result, remainder == 0)
    }

    /// The value rounded half-even to `scale` places, or padded with zeros to it; nil when
    /// `scale` exceeds ``maxScale`` or the result does not fit.
    public func rounded(toScale scale: UInt8) -> ExactDecimal? {
        guard scale <= Self.maxScale else { return nil }
        if scale >= self.scale {
            return Self.make(Int128(units) * Self.power(Int(scale - self.scale)), scale: scale)
        }
        let divided = Self.divideRoundingHalfEven(Int128(units), by: Self.power(Int(self.scale - scale)))
        return Self.make(divided, scale: scale)
    }

    /// The same value with trailing zeros after the point dropped, keeping at least `minimum`
    /// places: 2.500 gives 2.5 (2.50 with a minimum of 2).
    public func trimmingZeros(keeping minimum: UInt8) -> ExactDecimal {
        var units = self.units
        var scale = self.scale
        while scale > minimum, units % 10 == 0 {
            units /= 10
            scale -= 1
        }
        return ExactDecimal(units: units, scale: scale) ?? self
    }

    /// The value with its sign changed; nil for the one value whose opposite does not fit.
    public var negated: ExactDecimal? {
        guard units != .min else { return nil }
        return ExactDecimal(units: -units, scale: scale)
    }

    // MARK: - Helpers

    /// Both values' units at the larger scale; 64-bit units times at most 10^18 fit in 128 bits.
    private static func aligned(_ a: ExactDecimal, _ b: ExactDecimal) -> (Int128, Int128, UInt8) {
        let scale = max(a.scale, b.scale)
        return (
            Int128(a.units) * power(Int(scale - a.scale)), Int128(b.units) * power(Int(scale - b.scale)),
            scale
        )
    }

    /// A decimal of `units` at `scale`, when the units fit 64 bits.
    private static func make(_ units: Int128, scale: UInt8) -> ExactDecimal? {
        guard let small = Int64(exactly: units) else { return nil }
        return ExactDecimal(units: small, scale: scale)
    }

    /// 10^`exponent`, for exponents from 0 to 36.
    private static func power(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// `value / divisor` rounded half-even (`divisor` positive).
    private static func divideRoundingHalfEven(_ value: Int128, by divisor: Int128) -> Int128 {
        let quotient = value / divisor
        let remainder = (value % divisor).magnitude * 2
        let half = divisor.magnitude
        guard remainder > half || (remainder == half && quotient % 2 != 0) else { return quotient }
        return value < 0 ? quotient - 1 : quotient + 1
    }
}
