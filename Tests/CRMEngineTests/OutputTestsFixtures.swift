import CRMStore

@testable import CRMEngine

/// Result sets the output tests share.
enum OutputFixture {
    /// An exact decimal from its text; a test that passes bad text fails loudly.
    static func decimal(_ text: String) -> FieldValue {
        guard let value = ExactDecimal(parsing: text) else {
            preconditionFailure("not a decimal: \(text)")
        }
        return .decimal(value)
    }

    /// One column of every value type.
    static let allTypesColumns = [
        "id", "name", "tier", "amount", "score", "tags", "created", "late_by", "active", "note",
    ]

    /// One row of every value type, in `allTypesColumns` order.
    static let allTypesRow: [FieldValue] = [
        .integer(1), .string("Acme Ltd"), .symbol("vip"), decimal("1200.50"), .real(3.333),
        .list(["steel", "north"]), .timestamp(Timestamp(year: 2026, month: 12, day: 1, hour: 17)),
        .duration((2 * 86_400 + 3 * 3600 + 4 * 60 + 5) * 1_000_000), .bool(true), .null,
    ]

    /// A customer list with Chinese names, a null and a decimal to the cent.
    static let customerColumns = ["id", "name", "amount", "note"]

    /// Rows for `customerColumns`.
    static let customerRows: [[FieldValue]] = [
        [.integer(1), .string("Acme Ltd"), decimal("1200.50"), .null],
        [.integer(2), .string("西安重工"), decimal("0.05"), .string("late delivery")],
    ]

    /// Text that needs quoting or escaping in every format.
    static let awkwardText = "He said \"hi, there\"\nthen\tleft\\ \u{01}"

    /// UTC+8, as the engine passes for `--tz Asia/Shanghai`.
    static let shanghai: @Sendable (Timestamp) -> String = { timestamp in
        let local = Timestamp(microseconds: timestamp.microseconds + 8 * 3_600_000_000).description
        return String(local.dropLast()) + "+08:00"
    }
}
