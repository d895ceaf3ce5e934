import CRMQuery
import CRMStore

/// Converts the rows of an import file to field values, the way the query language converts
/// literals: enum names ignoring case, dates and times in the session's zone (a bare date
/// for `due` is the end of that day), decimals exactly from their text.
///
/// Every problem of a row is collected, so that one run reports them all.
struct RowConverter {
    let entity: Entity
    let binder: Binder
    /// The `--upsert-by` field, lower case.
    let upsertField: String?
    /// The fields that must have a value when a record is inserted.
    let required: [String]
    /// Whether `.null` may be assigned to each field; a non-nullable field given empty keeps
    /// its default (or, when required, is missing).
    private let nullable: [String: Bool]

    init(entity: Entity, time: TimeContext, upsertField: String?, customFields: CustomFields = CustomFields())
    {
        self.entity = entity
        self.binder = Binder(entity: entity, parameters: Parameters(), time: time, customFields: customFields)
        self.upsertField = upsertField?.lowercased()
        required = entity.schema.requiredFields.map(\.name)
        var nullable: [String: Bool] = [:]
        for field in Schema.fields(of: entity) where field.writable {
            var probe = RecordValues(blank: RecordKind(entity))
            nullable[field.name] = (try? probe.assign(field, .null)) != nil
        }
        self.nullable = nullable
    }

    /// What `required` says in messages: "a promise needs customer, title and due".
    var requirement: String {
        let names =
            required.count == 1
            ? required[0] : required.dropLast().joined(separator: ", ") + " and " + (required.last ?? "")
        return "a\(entity == .interaction ? "n" : "") \(entity.singular) needs \(names)"
    }

    /// The columns of a CSV header, resolved once: problems (unknown or repeated columns) are
    /// reported on the header line; cells of such columns are then skipped in every row.
    func resolveHeader(_ header: [String], line: Int) -> (
        columns: [String: ImportColumn], issues: [ImportIssue]
    ) {
        var columns: [String: ImportColumn] = [:]
        var issues: [ImportIssue] = []
        var seen: [String: String] = [:]
        for name in header {
            if name.isEmpty {
                issues.append(ImportIssue(line: line, message: "a column of the header has no name"))
                continue
            }
            let identity = Self.identity(of: name)
            if let earlier = seen[identity] {
                issues.append(
                    ImportIssue(line: line, message: "column '\(name)' repeats column '\(earlier)'"))
                continue
            }
            seen[identity] = name
            do {
                columns[name] = try ImportColumn.resolve(name, for: entity)
            } catch {
                issues.append(ImportIssue(line: line, message: error.message))
            }
        }
        return (columns, issues)
    }

    /// The same text for names that mean the same column: `Email` and `email`.
    private static func identity(of name: String) -> String {
        let lowered = name.lowercased()
        return lowered.hasPrefix("attrs.") ? "attrs." + name.dropFirst("attrs.".count) : lowered
    }

    /// The row's values converted, or every problem found in it. `columns` are the resolved
    /// CSV header (cells of columns missing from it are skipped); nil resolves each cell's
    /// name (JSON keys) and reports unknown ones.
    func prepare(_ row: SourceRow, columns: [String: ImportColumn]?) -> Result<PreparedRow, ImportIssues> {
        if let problem = row.problem {
            return .failure(ImportIssues([ImportIssue(line: row.line, message: problem)]))
        }
        var prepared = PreparedRow(line: row.line)
        var problems: [String] = []
        var seen: [String: String] = [:]
        for cell in row.cells {
            let column: ImportColumn
            if let columns {
                guard let resolved = columns[cell.name] else { continue }
                column = resolved
            } else {
                if let earlier = seen[Self.identity(of: cell.name)] {
                    problems.append("key '\(cell.name)' repeats key '\(earlier)'")
                    continue
                }
                seen[Self.identity(of: cell.name)] = cell.name
                do {
                    column = try ImportColumn.resolve(cell.name, for: entity)
                } catch {
                    problems.append(error.message.replacingColumnWithField)
                    continue
                }
            }
            do {
                try apply(cell.value, to: column, named: cell.name, in: &prepared)
            } catch {
                problems.append(error.message)
            }
        }
        guard problems.isEmpty else {
            return .failure(ImportIssues(problems.map { ImportIssue(line: row.line, message: $0) }))
        }
        return .success(prepared)
    }

    /// A custom field's assignment: converted to its declared type (`define field`) as a
    /// stored field's value is, or, for an undeclared one, of the type its text suggests.
    private func attributeAssignment(_ name: String, _ value: SourceValue) throws(RowProblem) -> (
        FieldInfo, FieldValue
    ) {
        if let declared = binder.customFields.field(name, of: RecordKind(entity)) {
            let field = FieldInfo(attribute: name, declared: declared)
            return (field, try fieldValue(value, field))
        }
        return (FieldInfo(attribute: name), try attributeValue(value, name))
    }

    /// Adds what one cell sets to `row`.
    private func apply(
        _ value: SourceValue, to column: ImportColumn, named name: String, in row: inout PreparedRow
    )
        throws(RowProblem)
    {
        switch column {
        case .storeSet(let field):
            guard field == "id", upsertField == "id" else { return }
            let converted = try integer(value, "id")
            if converted != .null { row.key = converted }
        case .attribute(let attribute):
            row.assignments.append(try attributeAssignment(attribute, value))
        case .attributes:
            for (attribute, member) in try attributeObject(value) {
                row.assignments.append(try attributeAssignment(attribute, member))
            }
        case .field(let field):
            let converted = try fieldValue(value, field)
            if field.name == upsertField, converted != .null { row.key = converted }
            if converted == .null && nullable[field.name] == false {
                if required.contains(field.name) { row.emptied.append(field.name) }
                return
            }
            if required.contains(field.name) { row.given.insert(field.name) }
            row.assignments.append((field, converted))
        }
    }
}

/// The problems of one row.
struct ImportIssues: Error {
    let issues: [ImportIssue]

    init(_ issues: [ImportIssue]) {
        self.issues = issues
    }
}

extension String {
    /// A column message said of a JSON key: "unknown column" becomes "unknown field".
    fileprivate var replacingColumnWithField: String {
        guard hasPrefix("unknown column") else { return self }
        return "unknown field" + dropFirst("unknown column".count)
    }
}
