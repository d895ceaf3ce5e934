import CRMQuery
import CRMStore

/// The query language's `+ - * /` and unary minus on values: the rules of which types combine
/// (checked when a statement is bound, for a caret at the expression) and the computation
/// itself (when a record's values are known). Nothing here traps: a result that does not fit
/// is an error.
///
/// - Integers stay integers under `+ - *`; `/` gives an exact decimal, as a user dividing
///   7 by 2 expects 3.5. Integers and decimals mix as decimals; a `real` (such as
///   `satisfaction`) makes the result a real.
/// - A quotient has the larger of 6 and the operands' scales in places, rounded half-even;
///   when it is exact, trailing zeros are dropped down to the operands' larger scale
///   (7 / 2 = 3.5, 1 / 3 = 0.333333, 1200.50 / 4 = 300.125, 10 / 2 = 5).
/// - Products of decimals are exact (scale: the sum of the scales, at most 18).
/// - `TIME - TIME` is a duration; `TIME ± DURATION` a time; durations add and subtract, and
///   multiply or divide by numbers (rounded half-even to the microsecond).
enum Arithmetic {
    /// Why an operation has no result: a message for the person, and its diagnostic.
    struct Failure: Error {
        let id: DiagnosticID
        let message: String

        init(_ id: DiagnosticID, _ message: String) {
            self.id = id
            self.message = message
        }

        /// A type mismatch.
        init(_ message: String) {
            self.init(.typeMismatch, message)
        }
    }

    /// What an operand is, as the rules see it.
    enum Kind: Equatable {
        case integer, decimal, real, timestamp, duration
        /// Known only when the record is read (a custom field `attrs.NAME`, a parameter's null).
        case unknown
        /// Anything else, by its article ("a string").
        case other(String)

        init(_ type: FieldType) {
            switch type {
            case .integer: self = .integer
            case .decimal: self = .decimal
            case .real: self = .real
            case .timestamp: self = .timestamp
            case .duration: self = .duration
            case .custom: self = .unknown
            default: self = .other(type.article)
            }
        }

        init(_ value: FieldValue) {
            switch value {
            case .integer: self = .integer
            case .decimal: self = .decimal
            case .real: self = .real
            case .timestamp: self = .timestamp
            case .duration: self = .duration
            case .null: self = .unknown
            case .symbol: self = .other("an enum value")
            case .list: self = .other("a set of tags")
            case .bool: self = .other("a boolean")
            case .string: self = .other("a string")
            }
        }

        var isNumber: Bool { self == .integer || self == .decimal || self == .real }

        var article: String {
            switch self {
            case .integer: "an integer"
            case .decimal: "a decimal"
            case .real: "a number"
            case .timestamp: "a timestamp"
            case .duration: "a duration"
            case .unknown: "a custom field"
            case .other(let article): article
            }
        }

        /// The field type of a result of this kind.
        var fieldType: FieldType {
            switch self {
            case .integer: .integer
            case .decimal: .decimal
            case .real: .real
            case .timestamp: .timestamp
            case .duration: .duration
            case .unknown, .other: .custom
            }
        }
    }

    // MARK: - Types

    /// The kind of `a OP b`, or the error that explains why there is none.
    static func result(_ op: ArithmeticOperator, _ a: Kind, _ b: Kind) throws(Failure) -> Kind {
        switch (a, b) {
        case (.unknown, .other), (.other, .unknown), (.other, _), (_, .other):
            throw mismatch(op, a, b)
        case (.unknown, _), (_, .unknown):
            return .unknown
        case (.integer, .integer):
            return op == .divide ? .decimal : .integer
        case _ where a.isNumber && b.isNumber:
            return a == .real || b == .real ? .real : .decimal
        case (.timestamp, .timestamp):
            if op == .subtract { return .duration }
            if op == .add {
                throw Failure("cannot add a timestamp to a timestamp; subtract them to get a duration")
            }
        case (.timestamp, .duration):
            if op == .add || op == .subtract { return .timestamp }
        case (.duration, .timestamp):
            if op == .add { return .timestamp }
        case (.duration, .duration):
            if op == .add || op == .subtract { return .duration }
        case (.duration, _) where b.isNumber:
            if op == .multiply || op == .divide { return .duration }
            throw Failure(
                "cannot \(verb(op)) \(b.article) \(op == .add ? "to" : "from") a duration; "
                    + "write a length of time such as 2h or 3d")
        case (_, .duration) where a.isNumber:
            if op == .multiply { return .duration }
        case (.timestamp, _) where b.isNumber:
            throw Failure(
                "cannot \(verb(op)) \(b.article) \(op == .add ? "to" : op == .subtract ? "from" : "and") a timestamp; "
                    + "add a length of time such as 2d or 24bh")
        default:
            break
        }
        throw mismatch(op, a, b)
    }

    /// The kind of `-a`.
    static func negation(_ a: Kind) throws(Failure) -> Kind {
        switch a {
        case .integer, .decimal, .real, .duration, .unknown: return a
        default: throw Failure("cannot negate \(a.article)")
        }
    }

    private static func verb(_ op: ArithmeticOperator) -> String {
        switch op {
        case .add: "add"
        case .subtract: "subtract"
        case .multiply: "multiply"
        case .divide: "divide"
        }
    }

    private static func mismatch(_ op: ArithmeticOperator, _ a: Kind, _ b: Kind) -> Failure {
        switch op {
        case .add: Failure("cannot add \(b.article) to \(a.article)")
        case .subtract: Failure("cannot subtract \(b.article) from \(a.article)")
        case .multiply: Failure("cannot multiply \(a.article) by \(b.article)")
        case .divide: Failure("cannot divide \(a.article) by \(b.article)")
        }
    }

    // MARK: - Values

    /// `a OP b`; null when either is null.
    static func apply(_ op: ArithmeticOperator, _ a: FieldValue, _ b: FieldValue) throws(Failure)
        -> FieldValue
    {
        if a == .null || b == .null { return .null }
        switch (a, b) {
        case (.integer(let x), .integer(let y)):
            let (result, overflow): (Int64, Bool)
            switch op {
            case .add: (result, overflow) = x.addingReportingOverflow(y)
            case .subtract: (result, overflow) = x.subtractingReportingOverflow(y)
            case .multiply: (result, overflow) = x.multipliedReportingOverflow(by: y)
            case .divide: return .decimal(try divide(ExactDecimal(x), ExactDecimal(y)))
            }
            guard !overflow else { throw tooLarge(op, a, b, "a whole number") }
            return .integer(result)
        case (.real, _), (_, .real):
            guard let x = real(a), let y = real(b) else { break }
            if op == .divide && y == 0 { throw Failure(.arithmeticError, "division by zero") }
            let result: Double
            switch op {
            case .add: result = x + y
            case .subtract: result = x - y
            case .multiply: result = x * y
            case .divide: result = x / y
            }
            return .real(result)
        case (.integer, .decimal), (.decimal, .integer), (.decimal, .decimal):
            guard let x = decimal(a), let y = decimal(b) else { break }
            let result: ExactDecimal?
            switch op {
            case .add: result = x.adding(y)
            case .subtract: result = x.subtracting(y)
            case .multiply: result = x.multiplied(by: y)
            case .divide: return .decimal(try divide(x, y))
            }
            guard let result else { throw tooLarge(op, a, b, "an exact decimal (19 digits at most)") }
            return .decimal(result)
        case (.timestamp(let x), .timestamp(let y)) where op == .subtract:
            let (result, overflow) = x.microseconds.subtractingReportingOverflow(y.microseconds)
            guard !overflow else { throw tooLarge(op, a, b, "a duration") }
            return .duration(result)
        case (.timestamp(let x), .duration(let y)) where op == .add || op == .subtract:
            return .timestamp(try moved(x, by: y, backward: op == .subtract))
        case (.duration(let x), .timestamp(let y)) where op == .add:
            return .timestamp(try moved(y, by: x, backward: false))
        case (.duration(let x), .duration(let y)) where op == .add || op == .subtract:
            let (result, overflow) =
                op == .add ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
            guard !overflow else { throw tooLarge(op, a, b, "a duration") }
            return .duration(result)
        case (.duration(let x), _) where op == .multiply || op == .divide:
            return .duration(try scaled(x, op, b))
        case (_, .duration(let y)) where op == .multiply:
            return .duration(try scaled(y, op, a))
        default:
            break
        }
        // Not a combination that computes: the rules say why.
        _ = try result(op, Kind(a), Kind(b))
        throw mismatch(op, Kind(a), Kind(b))
    }

    /// `-a`; null for null.
    static func negate(_ a: FieldValue) throws(Failure) -> FieldValue {
        switch a {
        case .null: return .null
        case .integer(let x):
            guard x != .min else { throw Failure(.arithmeticError, "-(\(x)) does not fit in a whole number") }
            return .integer(-x)
        case .decimal(let x):
            guard let negated = x.negated else {
                throw Failure(.arithmeticError, "-(\(x)) does not fit in an exact decimal")
            }
            return .decimal(negated)
        case .real(let x): return .real(-x)
        case .duration(let x):
            guard x != .min else { throw Failure(.arithmeticError, "the duration is too long to negate") }
            return .duration(-x)
        default:
            _ = try negation(Kind(a))
            throw Failure("cannot negate \(Kind(a).article)")
        }
    }

    /// `x / y` by the quotient rule: half-even at max(6, scales) places, exact ones trimmed.
    static func divide(_ x: ExactDecimal, _ y: ExactDecimal) throws(Failure) -> ExactDecimal {
        guard y.units != 0 else { throw Failure(.arithmeticError, "division by zero") }
        let operands = max(x.scale, y.scale)
        guard let (quotient, exact) = x.divided(by: y, scale: max(operands, 6)) else {
            throw Failure(
                .arithmeticError, "\(x) / \(y) does not fit in an exact decimal (19 digits at most)")
        }
        return exact ? quotient.trimmingZeros(keeping: operands) : quotient
    }

    /// `time` moved by `microseconds`, within the years -99999 to 99999.
    static func moved(_ time: Timestamp, by microseconds: Int64, backward: Bool) throws(Failure) -> Timestamp
    {
        let (result, overflow) =
            backward
            ? time.microseconds.subtractingReportingOverflow(microseconds)
            : time.microseconds.addingReportingOverflow(microseconds)
        let moved = Timestamp(microseconds: result)
        guard !overflow, moved >= WallClock.earliest, moved <= WallClock.latest else {
            throw Failure(.arithmeticError, "the time is beyond the years -99999 to 99999")
        }
        return moved
    }

    /// A duration multiplied or divided by a number, rounded half-even to the microsecond.
    private static func scaled(_ duration: Int64, _ op: ArithmeticOperator, _ factor: FieldValue)
        throws(Failure)
        -> Int64
    {
        let failure = Failure(.arithmeticError, "the duration is too long (arithmetic overflow)")
        if case .real(let number) = factor {
            let result = op == .multiply ? Double(duration) * number : Double(duration) / number
            guard result.isFinite, result.magnitude < 9.2e18 else {
                throw number == 0 ? Failure(.arithmeticError, "division by zero") : failure
            }
            return Int64(result.rounded(.toNearestOrEven))
        }
        guard let number = decimal(factor) else { throw mismatch(op, .duration, Kind(factor)) }
        let micro = ExactDecimal(duration)
        let result: ExactDecimal?
        if op == .multiply {
            result = micro.multiplied(by: number)?.rounded(toScale: 0)
        } else {
            guard number.units != 0 else { throw Failure(.arithmeticError, "division by zero") }
            result = micro.divided(by: number, scale: 0)?.quotient
        }
        guard let result else { throw failure }
        return result.units
    }

    private static func tooLarge(_ op: ArithmeticOperator, _ a: FieldValue, _ b: FieldValue, _ what: String)
        -> Failure
    {
        Failure(.arithmeticError, "\(a) \(op) \(b) does not fit in \(what) (arithmetic overflow)")
    }

    private static func decimal(_ value: FieldValue) -> ExactDecimal? {
        switch value {
        case .integer(let x): ExactDecimal(x)
        case .decimal(let x): x
        default: nil
        }
    }

    private static func real(_ value: FieldValue) -> Double? {
        switch value {
        case .integer(let x): Double(x)
        case .decimal(let x): x.doubleValue
        case .real(let x): x
        default: nil
        }
    }
}
