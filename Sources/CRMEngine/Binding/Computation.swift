import CRMQuery
import CRMStore

/// A value computed from a record's fields (or from constants alone, when the binder folds
/// it to a constant): arithmetic, a calendar or working-time offset added to a time, and the
/// functions `days`, `hours`, `working_days` and `round`.
///
/// Each node keeps the source range of its expression, so that an error found while a record
/// is read (an overflow, a division by zero) still points at the words that caused it.
indirect enum Computation: Sendable {
    case constant(FieldValue)
    case path(BoundPath)
    /// A time moved by a signed offset of calendar units or working time (`due + 2bd`),
    /// counted in `time`'s zone and on `calendar`.
    case shift(Computation, RelativeOffset, TimeContext, SourceRange)
    case arithmetic(ArithmeticOperator, Computation, Computation, SourceRange)
    case negation(Computation, SourceRange)
    /// `days(d)` or `hours(d)`: a duration in whole units of `unit` microseconds, toward zero.
    case wholeUnits(Computation, unit: Int64, SourceRange)
    /// `working_days(from, to)` on `calendar`.
    case workingDays(Computation, Computation, WorkingCalendar, SourceRange)
    /// `round(x, digits)`: half-even.
    case round(Computation, digits: UInt8, SourceRange)

    /// Every path the computation reads.
    var paths: [BoundPath] {
        switch self {
        case .constant: []
        case .path(let path): [path]
        case .shift(let base, _, _, _), .negation(let base, _), .wholeUnits(let base, _, _),
            .round(let base, _, _):
            base.paths
        case .arithmetic(_, let left, let right, _), .workingDays(let left, let right, _, _):
            left.paths + right.paths
        }
    }

    /// Whether it reads no field, so that its value is known when the statement is bound.
    var isConstant: Bool { paths.isEmpty }

    /// The value for `record`; with no record, only a constant computation has one.
    func value(of record: AnyRecord?, in context: ExecutionContext?) throws -> FieldValue {
        switch self {
        case .constant(let value):
            return value
        case .path(let path):
            guard let record, let context else {
                // Only a computation that reads no field is computed without a record.
                throw QueryError(
                    .typeMismatch, "\(path.text) has no value here",
                    at: SourceRange(at: SourceLocation(offset: 0, line: 1, column: 1)))
            }
            return try Evaluator.value(path, of: record, in: context)
        case .shift(let base, let offset, let time, let range):
            let value = try base.value(of: record, in: context)
            switch value {
            case .null: return .null
            case .timestamp(let instant):
                do {
                    return .timestamp(try time.apply(offset, to: instant))
                } catch {
                    throw QueryError(.arithmeticError, error.message, at: range)
                }
            case .duration(let length):
                // A custom field holding a duration: only fixed lengths add to it.
                guard let fixed = offset.fixedMicroseconds else { break }
                return try Self.guarded(range) { () throws(Arithmetic.Failure) in
                    try Arithmetic.apply(.add, .duration(length), .duration(fixed))
                }
            default: break
            }
            let sign = offset.isNegative ? "subtract" : "add"
            throw QueryError(
                .typeMismatch,
                "cannot \(sign) \(offset.amount)\(offset.unit.rawValue) \(offset.isNegative ? "from" : "to") "
                    + "\(Arithmetic.Kind(value).article); a length of time goes with a time, as in due + 2d",
                at: range)
        case .arithmetic(let op, let left, let right, let range):
            let a = try left.value(of: record, in: context)
            let b = try right.value(of: record, in: context)
            return try Self.guarded(range) { () throws(Arithmetic.Failure) in try Arithmetic.apply(op, a, b) }
        case .negation(let operand, let range):
            let a = try operand.value(of: record, in: context)
            return try Self.guarded(range) { () throws(Arithmetic.Failure) in try Arithmetic.negate(a) }
        case .wholeUnits(let operand, let unit, let range):
            switch try operand.value(of: record, in: context) {
            case .null: return .null
            case .duration(let length): return .integer(length / unit)
            case let other:
                throw QueryError(
                    .typeMismatch,
                    "\(unit == Self.day ? "days" : "hours")() takes a duration, not \(Arithmetic.Kind(other).article)",
                    at: range)
            }
        case .workingDays(let from, let to, let calendar, let range):
            let start = try from.value(of: record, in: context)
            let end = try to.value(of: record, in: context)
            if start == .null || end == .null { return .null }
            guard case .timestamp(let first) = start, case .timestamp(let last) = end else {
                throw QueryError(.typeMismatch, "working_days() takes two times", at: range)
            }
            return .integer(Int64(calendar.workingDays(from: first, to: last)))
        case .round(let operand, let digits, let range):
            switch try operand.value(of: record, in: context) {
            case .null: return .null
            case .integer(let whole): return .integer(whole)
            case .decimal(let decimal):
                guard let rounded = decimal.rounded(toScale: digits) else {
                    throw QueryError(
                        .arithmeticError, "round(\(decimal), \(digits)) does not fit in an exact decimal",
                        at: range)
                }
                return .decimal(rounded)
            case .real(let number):
                var scale = 1.0
                for _ in 0..<digits { scale *= 10 }
                return .real((number * scale).rounded(.toNearestOrEven) / scale)
            case let other:
                throw QueryError(
                    .typeMismatch, "round() takes a number, not \(Arithmetic.Kind(other).article)", at: range)
            }
        }
    }

    /// Microseconds in a day and in an hour, for `days()` and `hours()`.
    static let day: Int64 = 86_400_000_000
    static let hour: Int64 = 3_600_000_000

    /// Runs `body`, turning its failure into an error at `range`.
    private static func guarded(_ range: SourceRange, _ body: () throws(Arithmetic.Failure) -> FieldValue)
        throws(QueryError) -> FieldValue
    {
        do {
            return try body()
        } catch {
            throw QueryError(error.id, error.message, at: range)
        }
    }
}
