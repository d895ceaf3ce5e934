import CRMQuery
import CRMStore
import Foundation

/// A policy made ready to fire: its condition bound against interactions, its offset read,
/// its calendar found.
struct PolicyRule {
    /// The policy as stored.
    let policy: Policy
    /// Its `on` condition, bound.
    let condition: BoundPredicate
    /// Its `within`, as an offset.
    let within: RelativeOffset
    /// The calendar `within` counts on.
    let calendar: WorkingCalendar

    /// The words put before a policy's `on` text to parse it as a statement's condition.
    static let conditionPrefix = "find interactions where "

    /// Reads `policy` in `tx`.
    ///
    /// - Throws: ``PolicyConditionError`` when `on` does not parse or bind (its range inside
    ///   the `on` text), `QueryError` when `within` is not an offset or `calendar` names none.
    init(_ policy: Policy, in tx: ReadTransaction) throws {
        self.policy = policy
        condition = try Self.condition(policy.on, in: tx)
        guard let within = Self.offset(policy.within) else {
            throw StoreError(
                .invalidValue,
                "policy \(policy.name): within '\(policy.within)' is not an offset (write 24bh, 5bd, 48h)",
                field: "within")
        }
        self.within = within
        if let name = policy.calendar {
            guard let calendar = try tx.workingCalendar(named: name) else {
                throw StoreError(
                    .badReference, "policy \(policy.name) counts on calendar \(name), which does not exist",
                    field: "calendar")
            }
            self.calendar = calendar
        } else {
            calendar = try tx.defaultCalendar()
        }
    }

    /// `on` bound as a condition on interactions.
    ///
    /// - Throws: ``PolicyConditionError`` with the first problem, its range counted in `on`.
    static func condition(_ on: String, in tx: ReadTransaction) throws(PolicyConditionError) -> BoundPredicate
    {
        let parsed = Parser.parse(conditionPrefix + on)
        if let first = parsed.diagnostics.first { throw PolicyConditionError(first, in: on) }
        guard parsed.script.statements.count == 1, case .find(let find) = parsed.script.statements[0].kind,
            let filter = find.filter
        else {
            let whole = SourceRange(
                start: SourceLocation(
                    offset: conditionPrefix.utf8.count, line: 1, column: conditionPrefix.count + 1),
                end: SourceLocation(
                    offset: conditionPrefix.utf8.count + on.utf8.count, line: 1,
                    column: conditionPrefix.count + on.count + 1))
            throw PolicyConditionError(
                Diagnostic(
                    .expectedExpression,
                    "a policy's on is one condition on the interaction, such as kind = complaint", at: whole),
                in: on)
        }
        let binder = Binder(
            entity: .interaction, parameters: Parameters(),
            time: TimeContext(now: tx.now, timeZone: TimeZone(identifier: "UTC") ?? .current),
            customFields: (try? tx.customFields()) ?? CustomFields(),
            calendars: { name in try tx.workingCalendar(named: name) })
        do {
            return try binder.bind(filter)
        } catch {
            throw PolicyConditionError(error.diagnostic, in: on)
        }
    }

    /// `24bh`, `+5bd`, `48h` as an offset; nil for anything else.
    static func offset(_ text: String) -> RelativeOffset? {
        let body = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        let digits = body.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9, let amount = Int(digits),
            let unit = OffsetUnit(rawValue: body.dropFirst(digits.count).lowercased())
        else { return nil }
        return RelativeOffset(isNegative: false, amount: amount, unit: unit)
    }

    /// Whether the condition holds for the interaction `values`.
    func holds(for values: RecordValues, in context: ExecutionContext) throws -> Bool {
        try Evaluator.passes([condition], AnyRecord(values), in: context)
    }

    /// The promise the policy makes for the interaction `interaction`: its customer and id,
    /// the policy's title and owner (else the interaction's `by`), made at the interaction's
    /// `at`, due `within` later on the calendar.
    func promise(for interaction: RecordValues) throws -> RecordValues {
        let schema = RecordKind.interaction.schema
        guard let atField = schema.field("at"), case .timestamp(let at) = interaction[atField],
            let customerField = schema.field("customer"), let byField = schema.field("by")
        else {
            throw StoreError(.invalidValue, "interaction \(interaction.id) has no time", field: "at")
        }
        let due: Timestamp
        do {
            due = try TimeContext(now: at, timeZone: calendar.timeZone).apply(within, to: at, on: calendar)
        } catch {
            throw StoreError(
                .invalidValue, "policy \(policy.name): \(error.message)", field: "within")
        }
        var promise = RecordValues(blank: .promise)
        let promiseSchema = RecordKind.promise.schema
        func set(_ name: String, _ value: FieldValue) {
            if let field = promiseSchema.field(name) { promise[field] = value }
        }
        set("customer", interaction[customerField])
        set("interaction", .integer(interaction.id))
        set("title", .string(policy.title))
        set("owner", policy.owner.map(FieldValue.string) ?? interaction[byField])
        set("made", .timestamp(at))
        set("due", .timestamp(due))
        set("policy", .integer(policy.id))
        return promise
    }
}

/// A policy's `on` text that is not a condition on interactions: the diagnostic, with its
/// range counted in the `on` text (offset 0 is its first byte, on line 1).
public struct PolicyConditionError: Error, Sendable, CustomStringConvertible {
    /// What was wrong, where inside the `on` text.
    public let diagnostic: Diagnostic

    /// The diagnostic of parsing `conditionPrefix + on`, moved to count in `on`.
    init(_ parsed: Diagnostic, in on: String) {
        let prefix = PolicyRule.conditionPrefix
        func inside(_ location: SourceLocation) -> SourceLocation {
            let offset = min(max(0, location.offset - prefix.utf8.count), on.utf8.count)
            return SourceLocation(offset: offset, line: 1, column: max(1, location.column - prefix.count))
        }
        var moved = parsed
        moved.range = SourceRange(start: inside(parsed.range.start), end: inside(parsed.range.end))
        moved.message = "in the policy's on: " + parsed.message
        diagnostic = moved
    }

    /// The message, with what it is about.
    public var description: String { diagnostic.fullMessage }
}
