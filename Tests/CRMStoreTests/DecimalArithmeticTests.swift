import Testing

@testable import CRMStore

@Suite("Exact decimal arithmetic")
struct DecimalArithmeticTests {
    private func decimal(_ text: String) throws -> ExactDecimal { try #require(ExactDecimal(parsing: text)) }

    @Test(
        "Sums and differences are exact at the larger scale; products at the sum of the scales",
        arguments: [
            ("1200.50", "+", "0.005", "1200.505"), ("1.5", "+", "0.25", "1.75"), ("0.1", "+", "0.2", "0.3"),
            ("1", "-", "1.000", "0.000"), ("-7", "-", "0.5", "-7.5"), ("1200.50", "*", "0.005", "6.00250"),
            ("-1.5", "*", "-1.5", "2.25"), ("0.000000001", "*", "0.000000001", "0.000000000000000001"),
            ("0.0000000001", "*", "0.000000005", "0.000000000000000000"),
            ("0.0000000001", "*", "0.000000015", "0.000000000000000002"),
            ("922337203685477580.7", "+", "0", "922337203685477580.7"),
        ])
    func exactOperations(_ a: String, _ op: String, _ b: String, _ expected: String) throws {
        let x = try decimal(a)
        let y = try decimal(b)
        let result: ExactDecimal? =
            switch op {
            case "+": x.adding(y)
            case "-": x.subtracting(y)
            default: x.multiplied(by: y)
            }
        #expect(result?.description == expected)
    }

    @Test func resultsThatDoNotFitAreNil() throws {
        let big = try decimal("9223372036854775807")
        #expect(big.adding(ExactDecimal(1)) == nil)
        #expect(ExactDecimal(units: .min, scale: 0)?.negated == nil)
        #expect(big.multiplied(by: ExactDecimal(2)) == nil)
        #expect(try decimal("92233720368547758.07").adding(try decimal("0.001")) == nil)
        #expect(big.divided(by: try decimal("0.1"), scale: 0) == nil)
        #expect(ExactDecimal(1).divided(by: ExactDecimal(0), scale: 6) == nil)
        #expect(ExactDecimal(1).rounded(toScale: 19) == nil)
        #expect(big.rounded(toScale: 1) == nil)
    }

    @Test(
        "Quotients round half-even at the scale asked for, and say whether they are exact",
        arguments: [
            ("1", "3", 6, "0.333333", false), ("2", "3", 6, "0.666667", false),
            ("7", "2", 6, "3.500000", true),
            ("-7", "2", 0, "-4", false), ("5", "2", 0, "2", false), ("-5", "2", 0, "-2", false),
            ("1200.50", "4", 3, "300.125", true), ("1", "0.003", 2, "333.33", false),
            ("0.000001", "3", 18, "0.000000333333333333", false), ("10", "-4", 1, "-2.5", true),
        ])
    func quotients(_ a: String, _ b: String, _ scale: Int, _ expected: String, _ exact: Bool) throws {
        let result = try #require(try decimal(a).divided(by: try decimal(b), scale: UInt8(scale)))
        #expect(result.quotient.description == expected)
        #expect(result.exact == exact)
    }

    @Test(
        "Rounding is half-even, and pads when asked for more places",
        arguments: [
            ("2.345", 2, "2.34"), ("2.355", 2, "2.36"), ("0.125", 2, "0.12"), ("0.135", 2, "0.14"),
            ("-2.5", 0, "-2"), ("-3.5", 0, "-4"), ("1.5", 3, "1.500"), ("1234.5678", 1, "1234.6"),
        ])
    func rounding(_ text: String, _ scale: Int, _ expected: String) throws {
        #expect(try decimal(text).rounded(toScale: UInt8(scale))?.description == expected)
    }

    @Test func trailingZerosTrimDownToAMinimum() throws {
        #expect(try decimal("2.500").trimmingZeros(keeping: 0).description == "2.5")
        #expect(try decimal("2.500").trimmingZeros(keeping: 2).description == "2.50")
        #expect(try decimal("300").trimmingZeros(keeping: 0).description == "300")
    }
}
