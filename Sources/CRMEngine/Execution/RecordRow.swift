import CRMStore
import LMDB

/// One row of a `find` whose columns are all fields of the record itself (the default
/// columns, or a `select` of its own fields), given as the record read in place rather than
/// as values.
///
/// A receiver that writes bytes (``ResultStream`` in csv, json and jsonl) copies text,
/// numbers and enum names straight from the record's bytes, with no `String` or
/// ``FieldValue`` made per cell: a million-row export spends its time writing, not building
/// values it throws away. ``values()`` gives the row as values, for every other use.
///
/// Valid only during the ``ResultReceiver/row(record:)`` call that passes it: the record's
/// bytes are borrowed from the store.
public struct RecordRow {
    /// The record: read in place (its cells can be copied from its bytes), or the values an
    /// insert just stored.
    let record: AnyRecord
    /// How each column is read.
    let columns: RecordColumns
    /// For the columns read as values: derived fields, custom fields.
    let context: ExecutionContext

    /// The id of the row's record.
    public var id: Int64 { record.id }

    /// How many columns the row has.
    public var count: Int { columns.fields.count }

    /// The record read in place, whose bytes the cells can be copied from; nil for values.
    var view: RecordView? { record.view }

    /// The row's values, in column order.
    public func values() throws -> [FieldValue] {
        try record.values(columns.fields, in: context)
    }

    /// The value of column `index`, read the slow way: for the cells ``RecordColumns`` does
    /// not read from bytes.
    func value(_ index: Int) throws -> FieldValue {
        try record.value(columns.fields[index], in: context)
    }
}

/// The columns of a ``RecordRow``, worked out once per statement: for each, how its cell is
/// read from a record's bytes, and what is written for it when the record does not hold it.
final class RecordColumns: Sendable {
    /// How one cell is read. A plain value (no references), so that reading it for every
    /// cell of a million rows costs no reference counting.
    struct Cell {
        /// What the cell's bytes hold.
        enum Kind: UInt8 {
            /// The record's id.
            case id
            /// UTF-8 text, copied (escaped for the format) when it is ASCII.
            case text
            /// A variable-length integer (integers, references).
            case integer
            /// Microseconds since 1970, as an integer.
            case timestamp
            /// One byte: the position of the name among the column's ``Cell/names``.
            case enumeration
            /// One byte: 0 or 1.
            case boolean
            /// Anything else, read as a ``FieldValue``: decimals, tags, derived and custom
            /// fields.
            case value
        }
        let kind: Kind
        /// The field's slot in the record.
        let slot: Int
        /// The slot read instead when the field is absent (`created` for `updated`), or -1.
        let absentSlot: Int
        /// For `.enumeration`: the column's names, as positions in ``RecordColumns/names``.
        let names: Range<Int>
        /// What an absent field is written as, in JSON and in CSV: bytes of
        /// ``RecordColumns/constants``; nil when it is read as a value.
        let absentJSON: Range<Int>?
        let absentCSV: Range<Int>?
    }

    /// The fields, in column order.
    let fields: [FieldRef]
    /// How each is read.
    let cells: [Cell]
    /// Bytes written as they are: enum names, and absent fields' defaults.
    let constants: [UInt8]
    /// The enum names of every enumeration column, as bytes of ``constants``. Only names that
    /// neither JSON nor CSV escapes are kept (a column with another is read as values).
    let names: [Range<Int>]

    /// The columns for `fields`, each read from bytes where its type allows.
    init(_ fields: [FieldRef]) {
        self.fields = fields
        var constants: [UInt8] = []
        var names: [Range<Int>] = []
        /// Appends `bytes` to the constants and returns where they are.
        func constant(_ write: (inout [UInt8]) -> Void) -> Range<Int> {
            let start = constants.count
            write(&constants)
            return start..<constants.count
        }
        cells = fields.map { field in
            guard case .stored(let stored) = field else {
                return Cell(
                    kind: field == .id ? .id : .value, slot: 0, absentSlot: -1, names: 0..<0, absentJSON: nil,
                    absentCSV: nil)
            }
            var kind: Cell.Kind
            var columnNames = 0..<0
            switch stored.type {
            case .text: kind = .text
            case .integer, .reference: kind = .integer
            case .timestamp: kind = .timestamp
            case .boolean: kind = .boolean
            case .enumeration(let type) where type.names.allSatisfy(Self.isPlain):
                kind = .enumeration
                let first = names.count
                for name in type.names { names.append(constant { $0.append(contentsOf: name.utf8) }) }
                columnNames = first..<names.count
            default: kind = .value
            }
            // A default is written the same in every row; a timestamp's depends on the zone.
            var absentJSON: Range<Int>?
            var absentCSV: Range<Int>?
            if stored.absentSlot == nil, !Self.dependsOnZone(stored.defaultValue) {
                let value = stored.defaultValue
                let plain: (Timestamp) -> String = { $0.description }
                absentJSON = constant {
                    ResultWriter.appendJSONValue(value, timestamps: nil, formatTimestamp: plain, to: &$0)
                }
                absentCSV = constant {
                    ResultWriter.appendCSVValue(value, timestamps: nil, formatTimestamp: plain, to: &$0)
                }
            }
            return Cell(
                kind: kind, slot: stored.slot, absentSlot: stored.absentSlot ?? -1, names: columnNames,
                absentJSON: absentJSON, absentCSV: absentCSV)
        }
        self.constants = constants
        self.names = names
    }

    /// Whether `value` is written differently in different zones (a timestamp).
    private static func dependsOnZone(_ value: FieldValue) -> Bool {
        if case .timestamp = value { return true }
        return false
    }

    /// Whether `name` is written the same, unquoted in CSV and inside quotes in JSON:
    /// printable ASCII with no `"`, `\` or `,`, and not empty.
    private static func isPlain(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
                    && byte != UInt8(ascii: ",")
            }
    }
}
