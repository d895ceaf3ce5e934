import CRMQuery
import CRMStore

/// Binding computed values: `due + 2bd`, `resolved - due`, `amount * 0.005 * days(late_by)`.
///
/// Types are checked here, so that `due + made` fails before anything runs, with a caret at
/// the expression; a custom field's type is known only per record and is checked then. A
/// computation that reads no field (`now + 2bd`, `1200.50 * 0.005`) is computed here once: it
/// becomes a constant, so that `due < now + 2bd` is planned exactly as `due < 2026-11-27`
/// is, with the index on `due`.
extension Binder {
    /// A value as bound: what computes it and the type of its values (`.custom` when known
    /// only per record). A bare length of time (`2d`) is kept as `interval`: it means
    /// something only added to a time or compared with a duration.
    struct BoundValue {
        var computation: Computation
        var type: FieldType
        var interval: RelativeOffset?
        var range: SourceRange
    }

    /// The names of the functions, for suggestions.
    static let functionNames = ["days", "hours", "round", "working_days"]

    /// A computed value as an operand of `type` (nil: any): a constant when it reads no field.
    /// A bare length of time becomes a duration where one is wanted (`late_by > 2d`).
    func bindValue(_ value: Value, expecting type: FieldType?) throws(QueryError) -> (BoundOperand, FieldType)
    {
        let bound = try bind(value: value)
        if let interval = bound.interval {
            guard type == .duration || type == .custom || type == nil, let micro = interval.fixedMicroseconds
            else {
                throw lengthAlone(interval, at: value.range)
            }
            return (.constant(.duration(micro)), .duration)
        }
        switch bound.computation {
        case .constant(let constant): return (.constant(constant), bound.type)
        case .path(let path): return (.path(path), bound.type)
        default: return (.computed(bound.computation), bound.type)
        }
    }

    /// The bound form of a value expression, folded where it reads no field.
    func bind(value: Value) throws(QueryError) -> BoundValue {
        let range = value.range
        switch value.kind {
        case .interval(let offset):
            return BoundValue(computation: .constant(.null), type: .duration, interval: offset, range: range)
        case .path(let path):
            let bound = try bind(path)
            return BoundValue(computation: .path(bound), type: bound.field.type, range: range)
        case .arithmetic(let op, let left, let right):
            return try combine(op, try bind(value: left), try bind(value: right), at: range)
        case .negation(let operand):
            let inner = try bind(value: operand)
            if let interval = inner.interval {
                let negated = RelativeOffset(
                    isNegative: !interval.isNegative, amount: interval.amount, unit: interval.unit)
                return BoundValue(
                    computation: inner.computation, type: .duration, interval: negated, range: range)
            }
            let kind = try checked(range) { () throws(Arithmetic.Failure) in
                try Arithmetic.negation(Arithmetic.Kind(inner.type))
            }
            return try folded(.negation(inner.computation, range), type: kind.fieldType, at: range)
        case .call(let call):
            return try bind(call: call, at: range)
        case .time(let literal):
            if case .range = literal {
                throw QueryError(
                    .typeMismatch,
                    "'\(literal)' is a range of time, not one instant; compute with now or a date instead",
                    at: range)
            }
            let instant = try constant(value, for: .timestamp, describing: value)
            return BoundValue(computation: .constant(instant), type: .timestamp, range: range)
        case .list, .object:
            throw QueryError(.typeMismatch, "a list or an object cannot be computed with", at: range)
        default:
            let constant = try constant(value, for: .custom, describing: value)
            return BoundValue(computation: .constant(constant), type: Self.type(of: constant), range: range)
        }
    }

    /// `left OP right`, with the lengths of time (`2bd`) added to a time on the calendar.
    private func combine(
        _ op: ArithmeticOperator, _ left: BoundValue, _ right: BoundValue, at range: SourceRange
    )
        throws(QueryError) -> BoundValue
    {
        if let offset = right.interval, left.interval == nil, op == .add || op == .subtract {
            return try shift(left, by: offset, negated: op == .subtract, at: range)
        }
        if let offset = left.interval, right.interval == nil, op == .add {
            return try shift(right, by: offset, negated: false, at: range)
        }
        if let offset = left.interval ?? right.interval {
            let message =
                left.interval != nil && right.interval != nil
                ? "lengths of time are added to a time, one at a time: now + 2d + 3h"
                : op == .subtract
                    ? "cannot subtract a time from a length of time; write TIME - \(Self.text(offset))"
                    : "a length of time cannot be multiplied or divided; write it whole, as in 6d"
            throw QueryError(.typeMismatch, message, at: range)
        }
        let kind = try checked(range) { () throws(Arithmetic.Failure) in
            try Arithmetic.result(op, Arithmetic.Kind(left.type), Arithmetic.Kind(right.type))
        }
        return try folded(
            .arithmetic(op, left.computation, right.computation, range), type: kind.fieldType, at: range)
    }

    /// `base ± offset`: calendar arithmetic on a time, or a fixed length added to a duration.
    private func shift(_ base: BoundValue, by offset: RelativeOffset, negated: Bool, at range: SourceRange)
        throws(QueryError) -> BoundValue
    {
        let signed = RelativeOffset(
            isNegative: offset.isNegative != negated, amount: offset.amount, unit: offset.unit)
        switch base.type {
        case .timestamp, .custom:
            // The calendar is chosen once here, not for every record the statement reads.
            var context = time
            context.workingCalendar = time.calendar
            return try folded(.shift(base.computation, signed, context, range), type: base.type, at: range)
        case .duration:
            guard let micro = signed.fixedMicroseconds else {
                throw QueryError(
                    .typeMismatch,
                    "\(Self.text(offset)) has no fixed length, so it cannot be added to a duration; "
                        + "use min, h, d or w", at: range)
            }
            let sum: Computation = .arithmetic(.add, base.computation, .constant(.duration(micro)), range)
            return try folded(sum, type: .duration, at: range)
        default:
            let verb = negated ? "subtract \(Self.text(offset)) from" : "add \(Self.text(offset)) to"
            throw QueryError(
                .typeMismatch,
                "cannot \(verb) \(base.type.article); a length of time goes with a time, as in due + 2d",
                at: range)
        }
    }

    /// `days(d)`, `hours(d)`, `working_days(from, to [, calendar])`, `round(x [, digits])`.
    private func bind(call: FunctionCall, at range: SourceRange) throws(QueryError) -> BoundValue {
        let name = call.name.lowercased()
        let arguments = call.arguments
        func arity(_ allowed: ClosedRange<Int>, _ usage: String) throws(QueryError) {
            guard allowed.contains(arguments.count) else {
                throw QueryError(.typeMismatch, "\(name)() takes \(usage)", at: range)
            }
        }
        switch name {
        case "days", "hours":
            try arity(1...1, "one duration, as in \(name)(late_by) or \(name)(resolved - due)")
            let (operand, type) = try bindValue(arguments[0], expecting: .duration)
            guard type == .duration || type == .custom else {
                throw QueryError(
                    .typeMismatch,
                    "\(name)() takes a duration, not \(type.article) (subtract two times for one: resolved - due)",
                    at: arguments[0].range)
            }
            let unit = name == "days" ? Computation.day : Computation.hour
            return try folded(
                .wholeUnits(Self.computation(operand), unit: unit, range), type: .integer, at: range)
        case "working_days":
            try arity(2...3, "two times and an optional calendar name, as in working_days(made, due, \"cn\")")
            var times: [Computation] = []
            for argument in arguments.prefix(2) {
                let (operand, type) = try bindValue(argument, expecting: .timestamp)
                guard type == .timestamp || type == .custom else {
                    throw QueryError(
                        .typeMismatch, "working_days() counts between two times, not \(type.article)",
                        at: argument.range)
                }
                times.append(Self.computation(operand))
            }
            let calendar = try arguments.count == 3 ? self.calendar(named: arguments[2]) : time.calendar
            return try folded(.workingDays(times[0], times[1], calendar, range), type: .integer, at: range)
        case "round":
            try arity(
                1...2, "a number and an optional count of decimal places from 0 to 18, as in round(amount, 2)"
            )
            let (operand, type) = try bindValue(arguments[0], expecting: nil)
            guard [.integer, .decimal, .real, .custom].contains(type) else {
                throw QueryError(
                    .typeMismatch, "round() takes a number, not \(type.article)", at: arguments[0].range)
            }
            var digits: UInt8 = 0
            if arguments.count == 2 {
                guard
                    case .integer(let places) = try constant(
                        arguments[1], for: .integer, describing: "round's places"),
                    (0...Int64(ExactDecimal.maxScale)).contains(places)
                else {
                    throw QueryError(
                        .typeMismatch, "round() keeps 0 to 18 decimal places, written as a whole number",
                        at: arguments[1].range)
                }
                digits = UInt8(places)
            }
            return try folded(.round(Self.computation(operand), digits: digits, range), type: type, at: range)
        case "count", "min", "max", "sum", "avg":
            throw QueryError(
                .aggregateNotAllowed,
                "\(name)() is an aggregate: it goes on its own in select, as in select \(name)(amount)",
                at: range)
        default:
            throw QueryError(
                .unknownFunction,
                "unknown function '\(call.name)' (there are \(Self.functionNames.joined(separator: ", ")))",
                at: call.nameRange, suggestion: Suggestion.closest(to: name, among: Self.functionNames))
        }
    }

    /// The calendar a `working_days` argument names: a string or a parameter, found by
    /// the session's lookup.
    private func calendar(named argument: Value) throws(QueryError) -> WorkingCalendar {
        guard case .string(let name) = try constant(argument, for: .text, describing: "a calendar name")
        else {
            throw QueryError(
                .typeMismatch, "a calendar is named by a string, as in \"cn\"", at: argument.range)
        }
        let found: WorkingCalendar?
        do {
            found = try calendars?(name)
        } catch {
            throw QueryError(
                .unknownCalendar, "calendar '\(name)' could not be read: \(error)", at: argument.range)
        }
        guard let found else {
            throw QueryError(
                .unknownCalendar,
                "unknown calendar '\(name)'" + (calendars == nil ? " (this store has no calendars)" : ""),
                at: argument.range)
        }
        return found
    }

    /// `computation`, computed now when it reads no field.
    private func folded(_ computation: Computation, type: FieldType, at range: SourceRange) throws(QueryError)
        -> BoundValue
    {
        guard computation.isConstant else {
            return BoundValue(computation: computation, type: type, range: range)
        }
        let value: FieldValue
        do {
            value = try computation.value(of: nil, in: nil)
        } catch let error as QueryError {
            throw error
        } catch {
            throw QueryError(.arithmeticError, "\(error)", at: range)
        }
        // A custom field's type is known only per record; a constant's is known now.
        return BoundValue(
            computation: .constant(value), type: value == .null ? type : Self.type(of: value), range: range)
    }

    private func checked(_ range: SourceRange, _ body: () throws(Arithmetic.Failure) -> Arithmetic.Kind)
        throws(QueryError) -> Arithmetic.Kind
    {
        do {
            return try body()
        } catch {
            throw QueryError(error.id, error.message, at: range)
        }
    }

    private func lengthAlone(_ offset: RelativeOffset, at range: SourceRange) -> QueryError {
        let text = Self.text(offset)
        return QueryError(
            .typeMismatch,
            offset.fixedMicroseconds == nil
                ? "\(text) has no fixed length: add it to a time, as in due + \(text)"
                : "\(text) is a length of time: add it to a time (now + \(text)), or write +\(text) for "
                    + "\(text) from now",
            at: range)
    }

    static func computation(_ operand: BoundOperand) -> Computation {
        switch operand {
        case .constant(let value): .constant(value)
        case .path(let path): .path(path)
        case .computed(let computation): computation
        }
    }

    static func text(_ offset: RelativeOffset) -> String {
        (offset.isNegative ? "-" : "") + "\(offset.amount)\(offset.unit.rawValue)"
    }

    /// The type of a constant's values.
    static func type(of value: FieldValue) -> FieldType {
        switch value {
        case .integer: .integer
        case .decimal: .decimal
        case .real: .real
        case .timestamp: .timestamp
        case .duration: .duration
        case .string, .symbol: .text
        case .bool: .boolean
        case .list: .tags
        case .null: .custom
        }
    }
}
