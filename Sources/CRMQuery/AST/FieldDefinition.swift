/// `define field customer.region: string indexed`: declares a custom field's type, and
/// whether the store keeps an index of it.
public struct DefineFieldStatement: Sendable, Equatable, CustomStringConvertible {
    /// The kind of record that has the field.
    public var entity: EntityReference
    /// The field's name, without `attrs.`.
    public var name: String
    /// Where the name is.
    public var nameRange: SourceRange
    /// The type as written (`string`); the engine checks it against the types there are.
    public var type: String
    /// Where the type is.
    public var typeRange: SourceRange
    /// Whether `indexed` follows the type.
    public var indexed: Bool

    /// `(define-field customer region string indexed)`.
    public var description: String {
        "(define-field \(entity) \(name) \(type)\(indexed ? " indexed" : ""))"
    }
}

/// `drop field customer.region`: removes a custom field's declaration and its index; the
/// values stay, as undeclared custom fields.
public struct DropFieldStatement: Sendable, Equatable, CustomStringConvertible {
    /// The kind of record that has the field.
    public var entity: EntityReference
    /// The field's name, without `attrs.`.
    public var name: String
    /// Where the name is.
    public var nameRange: SourceRange

    /// `(drop-field customer region)`.
    public var description: String { "(drop-field \(entity) \(name))" }
}
