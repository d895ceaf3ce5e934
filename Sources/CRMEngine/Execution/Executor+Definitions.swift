import CRMQuery
import CRMStore

extension Executor {
    /// `define field customer.region: string indexed`: declares the field in the store and
    /// answers with one row describing it.
    func define(_ statement: DefineFieldStatement) throws {
        let kind = RecordKind(statement.entity.entity)
        let names = CustomFieldType.allCases.map(\.rawValue)
        guard let type = CustomFieldType(rawValue: statement.type.lowercased()) else {
            throw QueryError(
                .unknownValue,
                "'\(statement.type)' is not a field type (expected one of: \(names.joined(separator: ", ")))",
                at: statement.typeRange,
                suggestion: Suggestion.closest(to: statement.type.lowercased(), among: names))
        }
        let field = try writer(for: statement.nameRange).defineField(
            statement.name, on: kind, type: type, indexed: statement.indexed)
        try describe(field)
    }

    /// `drop field customer.region`: removes the declaration and its index, answering with the
    /// row of the field as it was.
    func drop(_ statement: DropFieldStatement) throws {
        let kind = RecordKind(statement.entity.entity)
        let field = try writer(for: statement.nameRange).dropField(statement.name, on: kind)
        try describe(field)
    }

    /// The write transaction a definition runs in; it is a programmer error to run one in a
    /// read (the session routes statements that write to a write transaction).
    private func writer(for range: SourceRange) throws -> WriteTransaction {
        guard let tx = context.transaction as? WriteTransaction else {
            throw QueryError(
                .transactionState, "a definition changes the store; it cannot run in a read", at: range)
        }
        return tx
    }

    /// One row: the field as queries name it, its type, whether it is indexed.
    private func describe(_ field: CustomField) throws {
        receiver.section(title: nil, columns: ["field", "type", "indexed"])
        receiver.row([
            .string("\(field.kind.rawValue).attrs.\(field.name)"), .string(field.type.rawValue),
            .bool(field.indexed),
        ])
    }
}
