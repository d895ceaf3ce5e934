import CRMQuery
import CRMStore

/// SLA policies acting by themselves: the `RecordTrigger` a `Session` installs on its store.
///
/// - A policy is checked when it is written: its `on` must be a condition on interactions
///   (else ``PolicyConditionError``, which the statement shows with a caret inside the text).
/// - When an interaction is inserted, each active policy whose condition holds for it makes
///   a promise in the same transaction (see ``PolicyRule/promise(for:)``).
///
/// Editing or deactivating a policy never rewrites the promises it made.
public struct PolicyTrigger: RecordTrigger {
    /// `policies`.
    public let name = "policies"

    /// The trigger; install it with `store.install(PolicyTrigger())` to have policies fire
    /// for writes made through the Swift API without a `Session`.
    public init() {}

    /// Refuses a policy whose condition, offset or calendar is not right.
    public func check(_ record: RecordValues, in transaction: WriteTransaction) throws {
        guard record.kind == .policy else { return }
        _ = try PolicyRule(Policy(values: record), in: transaction)
    }

    /// Makes the promises of the active policies that hold for an inserted interaction.
    public func inserted(_ record: RecordValues, in transaction: WriteTransaction) throws {
        guard record.kind == .interaction else { return }
        let rules = try Self.activeRules(in: transaction)
        guard !rules.isEmpty else { return }
        let context = ExecutionContext(transaction: transaction, now: transaction.now)
        for rule in rules where try rule.holds(for: record, in: context) {
            _ = try transaction.insert(try rule.promise(for: record))
        }
    }

    /// The active policies, ready, read once per write (a write to a policy, calendar or
    /// holiday reads them again).
    static func activeRules(in transaction: WriteTransaction) throws -> [PolicyRule] {
        if let cached = transaction.triggerState["policies"] as? RuleList { return cached.rules }
        let rules = try activeRules(reading: transaction)
        transaction.triggerState["policies"] = RuleList(rules)
        return rules
    }

    /// The active policies in `tx`, ready, in id order.
    static func activeRules(reading tx: ReadTransaction) throws -> [PolicyRule] {
        try tx.all(Policy.self).collect().filter(\.active).map { try PolicyRule($0, in: tx) }
    }

    /// The rules kept in a write's `triggerState`.
    private final class RuleList {
        let rules: [PolicyRule]
        init(_ rules: [PolicyRule]) { self.rules = rules }
    }
}
