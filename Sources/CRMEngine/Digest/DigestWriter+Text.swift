import CRMStore

extension DigestWriter {
    /// Plain lines for a chat message: a title line, the counts, then per owner each
    /// section's rows as `- #12 · Acme Ltd · Reply with a solution · 2026-11-20 17:00`.
    func renderText(_ digest: Digest) -> String {
        var out = "Digest for \(dateLine(digest))\n"
        guard !digest.isEmpty else { return out + "nothing due\n" }
        out += summary(digest) + "\n"
        for group in digest.groups {
            out += "\n" + heading(group, in: digest) + "\n"
            for part in group.parts {
                out += "  \(part.section.title) (\(part.rows.count))\n"
                for row in part.rows {
                    out += "  - " + line(row, part.columns) + "\n"
                }
            }
        }
        return out
    }

    /// A row on one line: its non-empty values joined by ` · `, an `id` as `#12`; line
    /// breaks inside a value become spaces.
    func line(_ row: [FieldValue], _ columns: [String]) -> String {
        zip(columns, row).compactMap { column, value -> String? in
            let text = cellText(value).split(whereSeparator: \.isNewline).joined(separator: " ")
            guard !text.isEmpty else { return nil }
            return column == "id" ? "#" + text : text
        }.joined(separator: " · ")
    }
}
