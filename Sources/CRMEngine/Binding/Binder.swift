import CRMQuery
import CRMStore

/// Checks a statement's names and values against the schema and turns them into bound
/// paths, predicates and constants, with errors that point at the word that was wrong.
struct Binder {
    /// The entity the statement is about.
    let entity: Entity
    let parameters: Parameters
    let time: TimeContext
    /// The custom fields the store declares: a declared one binds with its type.
    var customFields = CustomFields()
    /// Finds a stored calendar by name, for `working_days(a, b, "cn")`; nil when the store
    /// has none.
    var calendars: ((String) throws -> WorkingCalendar?)? = nil
    /// Whether a parameter without a value binds as a stand-in of the type its place wants
    /// (`define view` checks a statement for any values its `$params` may have later).
    var placeholders = false

    // MARK: - Paths

    /// Binds `customer.tier`, `due`, `attrs.region`. A to-many relation at the end is an
    /// error: it names a list, which only `any`, `none`, `count` and `with` take.
    func bind(_ path: Path) throws(QueryError) -> BoundPath {
        var current = entity
        var hops: [RelationSchema] = []
        let names = path.components
        var index = 0
        while index < names.count {
            let name = names[index]
            let isLast = index == names.count - 1
            if Identifier.same(name, "attrs") {
                guard index + 1 == names.count - 1 else {
                    throw QueryError(
                        .unknownField,
                        "custom fields are written attrs.NAME, with one name after 'attrs'",
                        at: path.range
                    )
                }
                let name = names[index + 1]
                let declared = customFields.field(name, of: RecordKind(current))
                return BoundPath(
                    hops: hops, field: FieldInfo(attribute: name, declared: declared), text: path.description)
            }
            if isLast, let field = Schema.field(name, of: current) {
                return BoundPath(hops: hops, field: field, text: path.description)
            }
            if let relation = Schema.relation(name, of: current) {
                if relation.toMany {
                    throw QueryError(
                        .typeMismatch,
                        "'\(name)' is a list of \(Entity(relation.target).plural); use any(\(name) where ...), "
                            + "none(\(name) where ...) or count(\(name) where ...) > N",
                        at: path.range
                    )
                }
                guard !isLast else {
                    // A to-one relation at the end: its id field (`promise.customer`).
                    guard let field = Schema.field(relation.field, of: current) else {
                        throw unknownField(name, on: current, at: path.range)
                    }
                    return BoundPath(hops: hops, field: field, text: path.description)
                }
                hops.append(relation)
                current = Entity(relation.target)
                index += 1
                continue
            }
            if !isLast, Schema.field(name, of: current) != nil {
                throw QueryError(
                    .unknownRelation,
                    "'\(name)' is a field of \(current.rawValue), not a relation, so nothing follows it",
                    at: path.range
                )
            }
            throw unknownField(name, on: current, at: path.range)
        }
        throw unknownField(path.description, on: current, at: path.range)
    }

    func unknownField(_ name: String, on entity: Entity, at range: SourceRange) -> QueryError {
        QueryError(
            .unknownField,
            "unknown field '\(name)' on \(entity.rawValue)",
            at: range,
            suggestion: Suggestion.closest(to: name.lowercased(), among: Schema.names(of: entity))
        )
    }

    /// The to-many (or to-one) relation of `any`, `none`, `count` and `with`, with its filter
    /// bound against the related entity.
    func bind(relation path: Path, filter: Expression?) throws(QueryError) -> BoundRelationQuery {
        guard path.components.count == 1, let relation = Schema.relation(path.components[0], of: entity)
        else {
            let names = Schema.relations(of: entity).map(\.name)
            throw QueryError(
                .unknownRelation,
                "unknown relation '\(path)' on \(entity.rawValue) (it has \(names.joined(separator: ", ")))",
                at: path.range,
                suggestion: Suggestion.closest(to: path.description.lowercased(), among: names)
            )
        }
        var inner = Binder(
            entity: Entity(relation.target), parameters: parameters, time: time, customFields: customFields,
            calendars: calendars)
        inner.placeholders = placeholders
        let boundFilter: BoundPredicate?
        if let filter {
            boundFilter = try inner.bind(filter)
        } else {
            boundFilter = nil
        }
        return BoundRelationQuery(relation: relation, filter: boundFilter, text: path.description)
    }

    // MARK: - Predicates

    /// Binds a `where` condition.
    func bind(_ expression: Expression) throws(QueryError) -> BoundPredicate {
        switch expression.kind {
        case .and(let left, let right): return .and([try bind(left), try bind(right)])
        case .or(let left, let right): return .or([try bind(left), try bind(right)])
        case .not(let inner): return .not(try bind(inner))
        case .comparison(let left, let op, let right): return try comparison(left, op, right)
        case .inList(let value, let items, let negated):
            return try inList(value, items, negated: negated)
        case .inRange(let value, let rangeValue, let negated):
            let predicate = try comparison(value, .equal, rangeValue)
            return negated ? .not(predicate) : predicate
        case .isNull(let value, let negated):
            return .isNull(try operand(value).0, negated: negated)
        case .contains(let value, let item):
            let (operand, type) = try operand(value)
            guard type == .tags || type == .text || type == .custom else {
                throw QueryError(
                    .typeMismatch,
                    "contains works on tags and text, not on \(type.article) ('\(value)')",
                    at: value.range
                )
            }
            let needle = try constant(
                item, for: type == .tags ? .text : type, describing: value, bareWordIsText: true)
            return .contains(operand, .constant(needle))
        case .startsWith(let value, let prefix):
            let (operand, type) = try operand(value)
            guard type == .text || type == .custom else {
                throw QueryError(
                    .typeMismatch, "starts with works on text, not on \(type.article)", at: value.range)
            }
            return .startsWith(operand, .constant(try constant(prefix, for: .text, describing: value)))
        case .any(let relation):
            return .exists(try bind(relation: relation.relation, filter: relation.filter), negated: false)
        case .none(let relation):
            return .exists(try bind(relation: relation.relation, filter: relation.filter), negated: true)
        case .relationCount(let relation, let op, let value):
            let bound = try bind(relation: relation.relation, filter: relation.filter)
            guard case .integer(let count) = try constant(value, for: .integer, describing: value) else {
                throw QueryError(.typeMismatch, "count(...) is compared with a whole number", at: value.range)
            }
            return .relationCount(bound, op, count)
        case .truth(let value):
            let (operand, type) = try operand(value)
            guard type == .boolean || type == .custom else {
                throw QueryError(
                    .typeMismatch,
                    "'\(value)' is \(type.article), not a condition (compare it: \(value) = ...)",
                    at: value.range
                )
            }
            return .truth(operand)
        }
    }

    /// `left OP right`, with a literal on the left moved to the right.
    private func comparison(_ left: Value, _ op: ComparisonOperator, _ right: Value) throws(QueryError)
        -> BoundPredicate
    {
        if left.isComputed || right.isComputed { return try computedComparison(left, op, right) }
        if case .path = left.kind {
        } else if case .path = right.kind {
            return try comparison(right, op.flipped, left)
        }
        let (operand, type) = try operand(left)
        if type == .tags {
            throw QueryError(
                .typeMismatch, "tags are compared with contains: tags contains steel", at: left.range)
        }
        if case .time(let literal) = right.kind, let range = time.range(literal) {
            guard type == .timestamp || type == .custom else {
                throw mismatch(left, type, got: "a time range", at: right.range)
            }
            return .timeRange(operand, op, range)
        }
        if case .path(let path) = right.kind, !isValueWord(path, for: type) {
            let other = try bind(path)
            return .compare(operand, op, .path(other))
        }
        let value = try constant(right, for: type, describing: left)
        if case .enumeration(let enumType) = type, op != .equal, op != .notEqual,
            case .symbol(let name) = value
        {
            let names = enumType.names
            // Enums order by their declared order (standard < key < vip): `tier >= key`.
            let position = names.firstIndex(of: name) ?? 0
            let kept = names.indices.filter { index in
                switch op {
                case .less: index < position
                case .lessOrEqual: index <= position
                case .greater: index > position
                default: index >= position
                }
            }
            return .inList(operand, kept.map { .symbol(names[$0]) }, negated: false)
        }
        if value == .null {
            // `x = null` means `x is null`: what a user who writes it means.
            switch op {
            case .equal: return .isNull(operand, negated: false)
            case .notEqual: return .isNull(operand, negated: true)
            default: throw QueryError(.typeMismatch, "null cannot be ordered; use is null", at: right.range)
            }
        }
        return .compare(operand, op, .constant(value))
    }

    /// `x in (a, b)`: a set, so a value given twice (`vip, VIP`, `prospect, "prospect"`)
    /// matches once; a time range in the list (a bare date, `today`) means inside it, as
    /// `x = 2026-12-01` does.
    private func inList(_ value: Value, _ items: [Value], negated: Bool) throws(QueryError) -> BoundPredicate
    {
        let (operand, type) = try operand(value)
        var values: [FieldValue] = []
        var seen: Set<GroupKey> = []
        var ranges: [BoundPredicate] = []
        for item in items {
            if case .time(let literal) = item.kind, type == .timestamp || type == .custom,
                let range = time.range(literal)
            {
                ranges.append(.timeRange(operand, .equal, range))
                continue
            }
            let constant = try constant(item, for: type, describing: value)
            if seen.insert(GroupKey(constant)).inserted { values.append(constant) }
        }
        guard !ranges.isEmpty else { return .inList(operand, values, negated: negated) }
        let any: BoundPredicate = .or(
            ranges + (values.isEmpty ? [] : [.inList(operand, values, negated: false)]))
        return negated ? .not(any) : any
    }

    /// Whether a bare word on the right of a comparison is a value (an enum name or a tag)
    /// rather than a field.
    func isValueWord(_ path: Path, for type: FieldType) -> Bool {
        guard path.components.count == 1 else { return false }
        switch type {
        case .enumeration, .tags: return true
        case .custom: return Schema.field(path.components[0], of: entity) == nil
        default: return false
        }
    }

    /// A value used as an operand: a path, a computation, or a constant of its own type.
    func operand(_ value: Value) throws(QueryError) -> (BoundOperand, FieldType) {
        if value.isComputed { return try bindValue(value, expecting: nil) }
        if case .path(let path) = value.kind {
            let bound = try bind(path)
            return (.path(bound), bound.field.type)
        }
        let constant = try constant(value, for: .custom, describing: value)
        return (.constant(constant), .custom)
    }

    func integer(_ argument: IntegerArgument) throws(QueryError) -> Int64 {
        switch argument.kind {
        case .literal(let value): return Int64(value)
        case .parameter(let parameter):
            guard case .integer(let value) = try lookup(parameter, at: argument.range, for: .integer) else {
                throw QueryError(
                    .typeMismatch, "parameter \(parameter) must be a whole number", at: argument.range)
            }
            return value
        }
    }

    // MARK: - Constants

    /// Converts a literal to the type of the field it is compared with or assigned to.
    /// `endOfDay`: a bare date means its last second (for `due`).
    func constant(
        _ value: Value,
        for type: FieldType,
        describing subject: CustomStringConvertible,
        endOfDay: Bool = false,
        bareWordIsText: Bool = false
    ) throws(QueryError) -> FieldValue {
        if value.isComputed {
            let (operand, _) = try bindValue(value, expecting: type)
            guard case .constant(let computed) = operand else {
                throw QueryError(
                    .typeMismatch,
                    "\(subject) takes a value known before any record is read, but "
                        + "'\(value.expressionText)' reads a field", at: value.range)
            }
            return try coerce(computed, to: type, subject, at: value.range, endOfDay: false)
        }
        switch value.kind {
        case .null: return .null
        case .integer(let text):
            guard let number = Int64(text) else {
                throw QueryError(.typeMismatch, "\(text) is too large for a whole number", at: value.range)
            }
            return try coerce(.integer(number), to: type, subject, at: value.range, endOfDay: endOfDay)
        case .decimal(let text):
            guard let decimal = ExactDecimal(parsing: text) else {
                throw QueryError(
                    .typeMismatch, "\(text) has too many digits for an exact decimal", at: value.range)
            }
            return try coerce(.decimal(decimal), to: type, subject, at: value.range, endOfDay: endOfDay)
        case .string(let text):
            return try coerce(.string(text), to: type, subject, at: value.range, endOfDay: endOfDay)
        case .boolean(let flag):
            return try coerce(.bool(flag), to: type, subject, at: value.range, endOfDay: endOfDay)
        case .parameter(let parameter):
            let bound = try lookup(parameter, at: value.range, for: type)
            return try coerce(bound, to: type, subject, at: value.range, endOfDay: endOfDay)
        case .path(let path):
            let word = path.description
            switch type {
            case .enumeration(let enumType):
                let names = enumType.names
                let lowered = word.lowercased()
                guard names.contains(lowered) else {
                    throw QueryError(
                        .unknownValue,
                        "'\(word)' is not a value of \(subject) (expected one of: \(names.joined(separator: ", ")))",
                        at: value.range,
                        suggestion: Suggestion.closest(to: lowered, among: names)
                    )
                }
                return .symbol(lowered)
            case .tags, .custom: return .string(word)
            case .text where bareWordIsText: return .string(word)
            default:
                throw QueryError(
                    .typeMismatch,
                    "\(subject) takes \(type.example); a bare word is a field or an enum value "
                        + "(quote text: \"\(word)\")",
                    at: value.range
                )
            }
        case .time(let literal):
            switch type {
            case .timestamp, .custom:
                do {
                    return .timestamp(try time.instant(literal, endOfDay: endOfDay))
                } catch {
                    throw QueryError(.typeMismatch, error.message, at: value.range)
                }
            case .duration:
                guard case .offset(let offset) = literal, let micro = offset.fixedMicroseconds else {
                    throw mismatch(subject, type, got: "this time", at: value.range)
                }
                return .duration(micro)
            default: throw mismatch(subject, type, got: "a time", at: value.range)
            }
        case .list(let items):
            guard type == .tags else { throw mismatch(subject, type, got: "a list", at: value.range) }
            var tags: [String] = []
            for item in items {
                switch item.kind {
                case .string(let text): tags.append(text)
                case .path(let path) where path.components.count == 1: tags.append(path.components[0])
                default:
                    throw QueryError(.typeMismatch, "a tag is a word or a quoted string", at: item.range)
                }
            }
            return .list(tags)
        case .object:
            throw mismatch(subject, type, got: "an object", at: value.range)
        case .interval, .arithmetic, .negation, .call:
            // Handled above; kept for the switch to be exhaustive.
            throw mismatch(subject, type, got: "a computed value", at: value.range)
        }
    }

    /// Fits a value of one type to `type`: integers widen to decimals, strings name enum
    /// values and parse as times; anything else that differs is an error.
    func coerce(
        _ value: FieldValue,
        to type: FieldType,
        _ subject: CustomStringConvertible,
        at range: SourceRange,
        endOfDay: Bool
    ) throws(QueryError) -> FieldValue {
        switch (type, value) {
        case (_, .null), (.custom, _): return value
        case (.text, .string), (.integer, .integer), (.reference, .integer), (.decimal, .decimal),
            (.boolean, .bool), (.timestamp, .timestamp), (.real, .integer), (.real, .decimal), (.real, .real),
            (.tags, .list), (.tags, .string), (.duration, .duration), (.integer, .decimal):
            return value
        case (.decimal, .integer(let whole)): return .decimal(ExactDecimal(whole))
        case (.enumeration(let enumType), .string(let name)), (.enumeration(let enumType), .symbol(let name)):
            let names = enumType.names
            let lowered = name.lowercased()
            guard names.contains(lowered) else {
                throw QueryError(
                    .unknownValue,
                    "'\(name)' is not a value of \(subject) (expected one of: \(names.joined(separator: ", ")))",
                    at: range,
                    suggestion: Suggestion.closest(to: lowered, among: names)
                )
            }
            return .symbol(lowered)
        case (.timestamp, .string(let text)):
            guard let instant = time.parseInstant(text) else {
                throw mismatch(subject, type, got: "a string", at: range)
            }
            return .timestamp(instant)
        default:
            throw mismatch(
                subject, type, got: value.typeNameWithArticle, at: range)
        }
    }

    private func mismatch(
        _ subject: CustomStringConvertible, _ type: FieldType, got: String, at range: SourceRange
    )
        -> QueryError
    {
        QueryError(
            .typeMismatch, "\(subject) is \(type.article), not \(got) (write \(type.example))", at: range)
    }

    private func lookup(_ parameter: Parameter, at range: SourceRange, for type: FieldType) throws(QueryError)
        -> FieldValue
    {
        let value: FieldValue?
        switch parameter {
        case .named(let name): value = parameters.named[name]
        case .positional(let index):
            value =
                index >= 1 && index <= parameters.positional.count ? parameters.positional[index - 1] : nil
        }
        guard let value else {
            if placeholders { return placeholder(for: type) }
            throw QueryError(
                .missingParameter,
                "parameter \(parameter) has no value (bind it, or use .param in the shell)", at: range)
        }
        return value
    }
}

extension Binder {
    /// A value of `type` standing in for a parameter not yet bound. Where any type would do
    /// (a custom field, an operand of arithmetic), a whole number: it widens to a decimal and
    /// scales a length of time (`$days * 1bd`), the uses a view's parameters mostly have.
    func placeholder(for type: FieldType) -> FieldValue {
        switch type {
        case .text: .string("")
        case .decimal, .real: .decimal(ExactDecimal(1))
        case .boolean: .bool(true)
        case .timestamp: .timestamp(time.now)
        case .duration: .duration(0)
        case .enumeration(let enumType): enumType.names.first.map { .symbol($0) } ?? .null
        case .tags: .list([])
        case .integer, .reference, .attributes, .custom: .integer(1)
        }
    }
}

extension ComparisonOperator {
    /// The operator with its sides swapped: `5 < score` is `score > 5`.
    var flipped: ComparisonOperator {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        }
    }
}

extension RelativeOffset {
    /// The offset as a fixed length, for comparing with durations: days as 24 hours, weeks as
    /// 7 days; nil for months, years and working days, which have no fixed length.
    var fixedMicroseconds: Int64? {
        let unit: Int64
        switch self.unit {
        case .minutes: unit = 60_000_000
        case .hours: unit = 3_600_000_000
        case .days: unit = 86_400_000_000
        case .weeks: unit = 604_800_000_000
        case .businessDays, .businessHours, .months, .years: return nil
        }
        let (product, overflow) = Int64(amount).multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        return isNegative ? -product : product
    }
}
