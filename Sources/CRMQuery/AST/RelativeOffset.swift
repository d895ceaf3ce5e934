/// A signed offset from now, such as `+24h`, `-30d` or `+5bd`.
public struct RelativeOffset: Sendable, Hashable, CustomStringConvertible {
    /// Whether the offset points into the past (`-`).
    public var isNegative: Bool
    /// The number of units, never negative.
    public var amount: Int
    /// The unit.
    public var unit: OffsetUnit

    /// Creates an offset of `amount` units, into the past when `isNegative`.
    public init(isNegative: Bool, amount: Int, unit: OffsetUnit) {
        self.isNegative = isNegative
        self.amount = amount
        self.unit = unit
    }

    /// The offset as written in canonical form, such as `-30d`.
    public var description: String { (isNegative ? "-" : "+") + "\(amount)" + unit.rawValue }
}
