import LMDB
import Testing

@testable import CRMStore

@Suite("Timestamps and exact decimals")
struct ValueTests {
    @Test(arguments: [
        (Timestamp(year: 1970, month: 1, day: 1), "1970-01-01T00:00:00Z"),
        (Timestamp(year: 2026, month: 12, day: 1, hour: 17), "2026-12-01T17:00:00Z"),
        (Timestamp(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59), "2024-02-29T23:59:59Z"),
        (Timestamp(year: 1969, month: 12, day: 31, hour: 23), "1969-12-31T23:00:00Z"),
        (Timestamp(year: 2026, month: 13, day: 1), "2027-01-01T00:00:00Z"),
        (Timestamp(microseconds: 1_500_000), "1970-01-01T00:00:01.500000Z"),
        (Timestamp(microseconds: -1), "1969-12-31T23:59:59.999999Z"),
    ])
    func timestampsPrintAsISO8601(_ time: Timestamp, _ text: String) {
        #expect(time.description == text)
    }

    @Test func civilDatesRoundTripOverFourCenturies() {
        for days in stride(from: -146_097, through: 146_097, by: 37) {
            let (year, month, day) = Timestamp.civil(fromDays: days)
            #expect(Timestamp.daysFromCivil(year: year, month: month, day: day) == days)
        }
    }

    @Test(arguments: [
        ("1200.50", 120_050, 2, "1200.50"), ("42", 42, 0, "42"), ("-7", -7, 0, "-7"), ("0.05", 5, 2, "0.05"),
        ("-0.001", -1, 3, "-0.001"), ("9223372036854775807", Int64.max, 0, "9223372036854775807"),
    ])
    func decimalsParseAndPrintExactly(_ text: String, _ units: Int64, _ scale: Int, _ printed: String) throws
    {
        let decimal = try #require(ExactDecimal(parsing: text))
        #expect(decimal.units == units)
        #expect(Int(decimal.scale) == scale)
        #expect(decimal.description == printed)
    }

    @Test(arguments: [
        "", "-", ".", "1.", ".5", "1.2.3", "12a", "1e5", "9223372036854775808", "0.1234567890123456789",
    ])
    func badDecimalsAreRejected(_ text: String) {
        #expect(ExactDecimal(parsing: text) == nil)
    }

    @Test func decimalsCompareByValueWhateverTheScale() throws {
        let texts = [
            "-1000", "-0.5", "-0.05", "0", "0.001", "0.01", "1", "1.5", "1200.49", "1200.50", "1200.51",
        ]
        let values = try texts.map { try #require(ExactDecimal(parsing: $0)) }
        for (a, b) in zip(values, values.dropFirst()) {
            #expect(a < b)
            var ka = OrderedKey()
            ka.append(a.normalized)
            var kb = OrderedKey()
            kb.append(b.normalized)
            #expect(ka.bytes.lexicographicallyPrecedes(kb.bytes), "\(a) before \(b) in key order")
        }
        #expect(ExactDecimal(parsing: "1.5") == ExactDecimal(parsing: "1.50"))
        #expect(ExactDecimal(parsing: "1.50")?.description == "1.50")
    }

    @Test func timestampsSortInKeysAsInTime() {
        let times = [Int64.min, -86_400_000_000, -1, 0, 1, 1_790_000_000_000_000, .max].map(
            Timestamp.init(microseconds:))
        for (a, b) in zip(times, times.dropFirst()) {
            var ka = OrderedKey()
            ka.append(a.microseconds)
            var kb = OrderedKey()
            kb.append(b.microseconds)
            #expect(ka.bytes.lexicographicallyPrecedes(kb.bytes))
        }
    }

    @Test func enumsHaveStableCodesAndNames() throws {
        // The codes are in the file: this list may only grow at its end.
        #expect(
            InteractionKind.allCases.map(\.name) == [
                "call", "email", "visit", "meeting", "message", "letter", "complaint", "enquiry",
                "suggestion",
                "survey", "service", "care", "note",
            ])
        #expect(Channel.inPerson.name == "in_person")
        #expect(Channel.inPerson.code == 4)
        #expect(Channel(code: 4) == .inPerson)
        #expect(Channel(code: 200) == nil)
        #expect(try CustomerTier.named("VIP") == .vip)
        let error = #expect(throws: StoreError.self) { try CustomerTier.named("gold") }
        #expect(error?.message == "unknown tier 'gold' (expected one of: standard, key, vip)")
    }
}

@Suite("Computed values print plainly")
struct ComputedValueTests {
    @Test(arguments: [
        (3.5, "3.5"), (10.0 / 3.0, "3.33"), (4.0, "4"), (-0.125, "-0.13"), (0.05, "0.05"), (2.999, "3"),
    ])
    func realsRoundToTwoDecimals(_ value: Double, _ text: String) {
        #expect(FieldValue.real(value).description == text)
    }

    static let second: Int64 = 1_000_000
    static let durations: [(Int64, String)] = [
        (0, "PT0S"),
        (45 * 60 * second, "PT45M"),
        (2 * 86_400 * second + 3 * 3600 * second + 4 * 60 * second + 5 * second, "P2DT3H4M5S"),
        (86_400 * second, "P1D"),
        (-3600 * second, "-PT1H"),
    ]

    @Test(arguments: durations)
    func durationsPrintAsISO8601(_ microseconds: Int64, _ text: String) {
        #expect(FieldValue.duration(microseconds).description == text)
    }
}

@Suite("Timestamps at the extremes")
struct TimestampExtremeTests {
    @Test func extremesPrintWithoutTrapping() {
        #expect(Timestamp(microseconds: .min).seconds == -9_223_372_036_855)
        #expect(Timestamp(microseconds: .max).seconds == 9_223_372_036_854)
        #expect(!Timestamp(microseconds: .min).description.isEmpty)
        #expect(!Timestamp(microseconds: .max).description.isEmpty)
    }
}
