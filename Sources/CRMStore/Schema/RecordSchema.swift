/// Everything declared about one kind of record: its stored fields, derived fields,
/// indexes, relations, summaries and rules. Built once from the kind's declaration
/// (`Customer.declaration` and its like); every layer reads the kind's shape from here.
public final class RecordSchema: Sendable {
    /// The kind.
    public let kind: RecordKind
    /// The stored fields in result order: the kind's own (in the order of SPEC.md section 2),
    /// then `tags`, `created`, `updated`. Custom fields (`attrs`) are not among them.
    public let fields: [FieldSchema]
    /// The derived fields.
    public let derived: [DerivedField]
    /// The indexes.
    public let indexes: [IndexSchema]
    /// The relations that start here.
    public let relations: [RelationSchema]
    /// The summaries this kind's records feed.
    public let summaries: [SummarySchema]
    /// Rules that tie fields together on every write.
    public let rules: [RecordRule]
    /// Fields by slot; nil where no field has that slot.
    let bySlot: [FieldSchema?]
    private let byName: [String: Int]

    init(
        kind: RecordKind,
        fields: [FieldSchema],
        derived: [DerivedField],
        indexes declarations: [IndexDeclaration],
        relations: [RelationSchema],
        summaries: [SummarySchema],
        rules: [RecordRule]
    ) {
        self.kind = kind
        self.fields = fields
        self.derived = derived
        self.relations = relations
        self.summaries = summaries
        self.rules = rules
        var bySlot = [FieldSchema?](repeating: nil, count: (fields.map(\.slot).max() ?? 0) + 1)
        for field in fields { bySlot[field.slot] = field }
        self.bySlot = bySlot
        let byName = Dictionary(
            fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.byName = byName
        indexes = declarations.enumerated().compactMap { position, declaration in
            IndexSchema(declaration, kind: kind, position: position) { name in byName[name].map { fields[$0] }
            }
        }
        derivedInputs = derived.map { $0.inputs.compactMap { name in byName[name].map { fields[$0] } } }
        references = fields.filter { if case .reference = $0.type { true } else { false } }
        namingFields = fields.filter { if case .names = $0.rule { true } else { false } }
        requiredFields = fields.filter(\.required)
        ownFields = fields.filter { $0.number >= CommonField.firstOwn }
        // Every kind declares both (`RecordDeclaration` adds them); the first field is only
        // a fallback that keeps this initializer total.
        createdField = fields.first { $0.number == CommonField.created } ?? fields[0]
        updatedField = fields.first { $0.number == CommonField.updated } ?? fields[0]
    }

    /// The `created` field, which every kind has.
    let createdField: FieldSchema
    /// The `updated` field, which every kind has.
    let updatedField: FieldSchema

    /// The stored fields each derived field reads, parallel to `derived`.
    let derivedInputs: [[FieldSchema]]
    /// The fields that refer to other records.
    let references: [FieldSchema]
    /// The fields that name a record of another kind by its unique name (a holiday's
    /// calendar).
    let namingFields: [FieldSchema]

    /// The stored fields `derived` reads.
    public func inputs(of derived: DerivedField) -> [FieldSchema] {
        for (index, field) in self.derived.enumerated() where field === derived {
            return derivedInputs[index]
        }
        return []
    }

    /// The stored field called `name` (exactly as declared), or nil.
    public func field(_ name: String) -> FieldSchema? {
        byName[name].map { fields[$0] }
    }

    /// The position of the stored field called `name` in `fields`, or nil.
    public func fieldIndex(_ name: String) -> Int? { byName[name] }

    /// The derived field called `name`, or nil.
    public func derivedField(_ name: String) -> DerivedField? {
        derived.first { $0.name == name }
    }

    /// The relation called `name`, singular or plural, or nil.
    public func relation(_ name: String) -> RelationSchema? {
        let lowered = name.lowercased()
        return relations.first { $0.name == lowered || $0.name == lowered + "s" || $0.name + "s" == lowered }
    }

    /// The index called `name`, or nil.
    public func index(_ name: String) -> IndexSchema? {
        indexes.first { $0.name == name }
    }

    /// The fields an insert must give.
    public let requiredFields: [FieldSchema]

    /// The kind's own fields (numbered from 16), without those every record has.
    let ownFields: [FieldSchema]

    /// The number of slots a record of this kind may use.
    var slotCount: Int { bySlot.count }
}

/// A rule that ties fields together, kept on every insert and update.
public enum RecordRule: Sendable, Hashable {
    /// `field` records when `status` left `open`: set to now when it leaves (unless given),
    /// cleared when it returns. A promise's `resolved`.
    case settles(field: String, status: String, open: FieldValue)
    /// The record's `zone`, `days` and `hours` make a working calendar (`WorkingCalendar`).
    case workingCalendar
    /// The date in `to` is not before the one in `from`.
    case dateRange(from: String, to: String)
}

extension RecordKind {
    /// The declared schema of this kind.
    public var schema: RecordSchema {
        switch self {
        case .customer: Customer.declaration.schema
        case .interaction: Interaction.declaration.schema
        case .promise: Promise.declaration.schema
        case .calendar: WorkCalendar.declaration.schema
        case .holiday: Holiday.declaration.schema
        case .policy: Policy.declaration.schema
        case .view: SavedView.declaration.schema
        }
    }
}
