import CRMQuery
import CRMStore

/// One output column of a `find`: a path, an aggregate over the group's records, or a value
/// computed from the record (`amount * 0.005 * days(late_by)`).
enum Projection {
    case path(BoundPath, name: String)
    case aggregate(AggregateFunction, BoundPath?, name: String)
    case computed(BoundOperand, type: FieldType, name: String)

    var name: String {
        switch self {
        case .path(_, let name), .aggregate(_, _, let name), .computed(_, _, let name): name
        }
    }

    /// The type of the column's values where it decides their order (an enum's declared
    /// order): a path's field type, or the argument's for `min` and `max`; nil otherwise.
    var sortType: FieldType? {
        switch self {
        case .path(let path, _): path.field.type
        case .aggregate(.min, let argument?, _), .aggregate(.max, let argument?, _): argument.field.type
        case .aggregate: nil
        case .computed(_, let type, _): type
        }
    }

    /// The paths the column reads from a record (none for an aggregate's own value).
    var paths: [BoundPath] {
        switch self {
        case .path(let path, _): [path]
        case .aggregate: []
        case .computed(let operand, _, _): operand.paths
        }
    }

    var isAggregate: Bool {
        if case .aggregate = self { return true }
        return false
    }

    /// The default column name of a select target: `customer.name`, `avg(score)`, `count`.
    static func name(of target: SelectTarget) -> String {
        switch target {
        case .path(let path): path.description
        case .aggregate(.count, nil, _): "count"
        case .aggregate(let function, let argument, _): "\(function.rawValue)(\(argument?.description ?? ""))"
        case .expression(let value): value.expressionText
        }
    }
}

/// Accumulates one aggregate over a group's records.
struct Accumulator {
    let function: AggregateFunction
    /// The argument's type, for `min` and `max` of enums (by declared order).
    let type: FieldType?
    private(set) var count: Int64 = 0
    private var extreme: FieldValue = .null
    private var extremeKey: FieldValue = .null
    private var integerSum: Int64 = 0
    private var decimalSum = DecimalSum()
    private var realSum = 0.0
    private var sawReal = false
    private var sawDecimal = false
    private var overflowed = false

    init(_ function: AggregateFunction, type: FieldType? = nil) {
        self.function = function
        self.type = type
    }

    /// Adds one value; `count()` without an argument passes `.bool(true)`.
    mutating func add(_ value: FieldValue) {
        guard value != .null else { return }
        count += 1
        switch function {
        case .count: return
        case .min, .max:
            let key = Evaluator.sortValue(value, type)
            let order = extreme == .null ? 0 : Evaluator.sortOrder(key, extremeKey)
            if extreme == .null || (function == .min ? order < 0 : order > 0) {
                extreme = value
                extremeKey = key
            }
        case .sum, .avg:
            switch value {
            case .integer(let number):
                let (sum, overflow) = integerSum.addingReportingOverflow(number)
                if overflow { overflowed = true } else { integerSum = sum }
                decimalSum.add(ExactDecimal(number))
                realSum += Double(number)
            case .decimal(let number):
                sawDecimal = true
                decimalSum.add(number)
                realSum += number.doubleValue
            case .real(let number):
                sawReal = true
                realSum += number
            default:
                overflowed = true
            }
        }
    }

    /// The aggregate's value: null for min, max, sum and avg of no values.
    var result: FieldValue {
        switch function {
        case .count: return .integer(count)
        case .min, .max: return extreme
        case .avg: return count == 0 ? .null : .real(realSum / Double(count))
        case .sum:
            if count == 0 { return .null }
            if sawReal || overflowed { return .real(realSum) }
            if sawDecimal { return decimalSum.value.map { .decimal($0) } ?? .real(realSum) }
            return .integer(integerSum)
        }
    }
}

/// An exact sum of decimals of any scale, kept as a 128-bit integer at the largest scale seen.
struct DecimalSum {
    private var units: Int128 = 0
    private var scale: UInt8 = 0
    private var overflowed = false

    mutating func add(_ decimal: ExactDecimal) {
        var addend = Int128(decimal.units)
        while scale < decimal.scale {
            let (scaled, overflow) = units.multipliedReportingOverflow(by: 10)
            overflowed = overflowed || overflow
            units = scaled
            scale += 1
        }
        var addendScale = decimal.scale
        while addendScale < scale {
            addend *= 10
            addendScale += 1
        }
        let (sum, overflow) = units.addingReportingOverflow(addend)
        overflowed = overflowed || overflow
        units = sum
    }

    /// The sum, or nil when it does not fit an `ExactDecimal`.
    var value: ExactDecimal? {
        guard !overflowed, let small = Int64(exactly: units) else { return nil }
        return ExactDecimal(units: small, scale: scale)
    }
}
