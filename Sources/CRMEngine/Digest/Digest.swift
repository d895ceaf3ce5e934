import CRMQuery
import CRMStore

/// What is due, per owner: the rows of each ``DigestSection``, run through a ``Session``
/// at its clock and split by the section's owner column. The model behind `crm digest`;
/// ``DigestWriter`` prints it as text, Markdown, HTML or JSON.
///
///     let digest = try Digest(session: session, sections: DigestSection.standard, byOwner: true)
///     print(DigestWriter(format: .markdown, time: session.timeContext).render(digest))
///
/// All statements run in one read transaction each, at the session's one "now", so the
/// sections agree with each other about what time it is.
public struct Digest: Sendable {
    /// The rows one section has for one owner (or for everyone).
    public struct Part: Sendable {
        /// The section they belong to.
        public let section: DigestSection
        /// The result's column names (without the owner column when the digest is split by
        /// owner: the heading names the owner).
        public let columns: [String]
        /// The rows, in the order the statement gave them.
        public let rows: [[FieldValue]]
    }

    /// The parts of one owner (or of everyone, when the digest is not split).
    public struct Group: Sendable {
        /// Whose they are; nil for rows with no owner, or for the one group of an unsplit
        /// digest.
        public let owner: String?
        /// One part per section that has rows for this owner, in section order.
        public let parts: [Part]

        /// How many rows the group has in all.
        public var count: Int { parts.reduce(0) { $0 + $1.rows.count } }
    }

    /// The session clock the statements ran at.
    public let now: Timestamp
    /// The sections asked for, in order (also those with no rows).
    public let sections: [DigestSection]
    /// Whether the groups are per owner.
    public let byOwner: Bool
    /// The groups with rows: owners in name order (ignoring case), no owner last; or one
    /// group for everyone.
    public let groups: [Group]
    /// Rows per owner across all sections, for the bar chart; nil is no owner. In the order
    /// of ``groups``' owners, whether or not the digest is split.
    public let ownerCounts: [(owner: String?, count: Int)]

    /// Whether every section is empty: "nothing due".
    public var isEmpty: Bool { groups.allSatisfy { $0.parts.isEmpty } }

    /// Rows per section across owners, in section order.
    public var sectionCounts: [(section: DigestSection, count: Int)] {
        sections.map { section in
            (
                section,
                groups.reduce(0) { total, group in
                    total + group.parts.filter { $0.section == section }.reduce(0) { $0 + $1.rows.count }
                }
            )
        }
    }

    /// Runs every section's statement in `session` and sorts its rows by owner.
    ///
    /// - Throws: the `QueryError` of the first statement that fails (a view that does not
    ///   exist, or that needs a parameter the session does not bind).
    public init(session: Session, sections: [DigestSection], byOwner: Bool) throws(QueryError) {
        now = session.timeContext.now
        // One clock for every section, even when the session follows the system clock.
        let fixed = session.fixedNow
        session.fixedNow = now
        defer { session.fixedNow = fixed }
        var results: [(DigestSection, StatementResult)] = []
        for section in sections {
            let parsed = Parser.parse(section.statement)
            guard parsed.diagnostics.isEmpty, parsed.script.statements.count == 1 else {
                throw QueryError(
                    .invalidView,
                    "the digest section '\(section.title)' is not one statement: \(section.statement)",
                    at: parsed.diagnostics.first?.range
                        ?? SourceRange(at: SourceLocation(offset: 0, line: 1, column: 1)))
            }
            let report = session.run(parsed)
            if let error = report.errors.first { throw error }
            guard let result = report.results.first else { continue }
            results.append((section, result))
        }
        self.sections = sections
        self.byOwner = byOwner
        var owners = OwnerIndex()
        var rowsByOwner: [[Int: (columns: [String], rows: [[FieldValue]])]] = []
        for (section, result) in results {
            let columns = result.columns
            let ownerIndex = section.ownerColumn.flatMap { name in
                columns.firstIndex { $0.lowercased() == name.lowercased() }
            }
            var split: [Int: (columns: [String], rows: [[FieldValue]])] = [:]
            for row in result.rows {
                let owner = ownerIndex.map { owners.slot(of: row[$0]) } ?? OwnerIndex.nobody
                let key = byOwner ? owner : OwnerIndex.everyone
                var kept = row
                var keptColumns = columns
                if byOwner, let ownerIndex {
                    kept.remove(at: ownerIndex)
                    keptColumns.remove(at: ownerIndex)
                }
                split[key, default: (keptColumns, [])].rows.append(kept)
                owners.count(owner)
            }
            rowsByOwner.append(split)
        }
        let order = byOwner ? owners.ordered : [OwnerIndex.everyone]
        groups = order.compactMap { key in
            let parts = zip(results, rowsByOwner).compactMap { pair -> Part? in
                guard let found = pair.1[key] else { return nil }
                return Part(section: pair.0.0, columns: found.columns, rows: found.rows)
            }
            guard !parts.isEmpty else { return nil }
            return Group(owner: byOwner ? owners.name(of: key) : nil, parts: parts)
        }
        ownerCounts = owners.ordered.map { (owners.name(of: $0), owners.counts[$0, default: 0]) }
    }
}

/// Owners met in rows, by slot: text that differs only in case is one owner (as it is one
/// group in `group by`), shown as first written; empty or null is nobody.
private struct OwnerIndex {
    static let nobody = -1
    static let everyone = -2
    private var slots: [String: Int] = [:]
    private var names: [String] = []
    private(set) var counts: [Int: Int] = [:]

    /// The slot of the owner `value` names.
    mutating func slot(of value: FieldValue) -> Int {
        let name: String
        switch value {
        case .null: return Self.nobody
        case .string(let text), .symbol(let text): name = text
        default: name = value.description
        }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return Self.nobody }
        let key = trimmed.lowercased()
        if let slot = slots[key] { return slot }
        slots[key] = names.count
        names.append(trimmed)
        return names.count - 1
    }

    /// Counts one row for `slot`.
    mutating func count(_ slot: Int) { counts[slot, default: 0] += 1 }

    /// The name in `slot`; nil for nobody.
    func name(of slot: Int) -> String? { slot >= 0 && slot < names.count ? names[slot] : nil }

    /// The slots with rows: names in order ignoring case, nobody last.
    var ordered: [Int] {
        let named = names.indices.filter { counts[$0, default: 0] > 0 }.sorted {
            (names[$0].lowercased(), names[$0]) < (names[$1].lowercased(), names[$1])
        }
        return named + (counts[Self.nobody, default: 0] > 0 ? [Self.nobody] : [])
    }
}
