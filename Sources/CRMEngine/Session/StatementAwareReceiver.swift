import CRMQuery

/// A receiver that is told which statement the sections after it belong to, so that it can
/// show each kind its own way (the `crm` shell shows a `get` as an expanded record).
///
/// `Session.run` calls ``statementWillSend(_:)`` before a statement's first section (also for
/// statements that send none); a statement that then fails is reported with `failed`.
public protocol StatementAwareReceiver: ResultReceiver {
    /// The sections of `statement` come next.
    func statementWillSend(_ statement: Statement)
}

extension ResultReceiver {
    /// Tells a ``StatementAwareReceiver`` that `statement`'s sections come next.
    func announce(_ statement: Statement) {
        (self as? StatementAwareReceiver)?.statementWillSend(statement)
    }
}
