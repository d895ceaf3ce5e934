/// Work done inside the write that changes a record, by a layer above the store: how SLA
/// policies (in `CRMEngine`) check their conditions and make their promises.
///
/// The store cannot read the query language a policy's condition is written in, so the
/// engine installs a trigger (`Store.install(_:)`; a `Session` installs the policies' own)
/// and the store calls it from every write path: statements, the Swift API and imports.
public protocol RecordTrigger: Sendable {
    /// A name for the trigger: installing a second trigger of the same name replaces the first.
    var name: String { get }

    /// Checks `record` before it is inserted or updated; throws to refuse it (nothing is
    /// written).
    func check(_ record: RecordValues, in transaction: WriteTransaction) throws

    /// Runs after `record` was inserted, in the same transaction; may write more records.
    /// What it throws undoes the insert.
    func inserted(_ record: RecordValues, in transaction: WriteTransaction) throws
}
