import CRMStore

extension DigestWriter {
    /// Headings and GitHub-flavoured tables: `# Digest`, `## owner`, `### section (N)`.
    func renderMarkdown(_ digest: Digest) -> String {
        var out = "# Digest for \(dateLine(digest))\n\n"
        guard !digest.isEmpty else { return out + "nothing due\n" }
        out += summary(digest) + "\n"
        let zone = time
        let writer = ResultWriter(
            format: .table, formatTimestamp: { zone.format($0) },
            table: TableOptions(style: .markdown, formatTimestamp: { _, _ in "" }))
        for group in digest.groups {
            out += "\n## " + escaped(heading(group, in: digest)) + "\n"
            for part in group.parts {
                out += "\n### \(escaped(part.section.title)) (\(part.rows.count))\n\n"
                // The writer's Markdown table, with times to the minute as the cells show them.
                let rows = part.rows.map { row in
                    row.map { value -> FieldValue in
                        if case .timestamp = value { return .string(cellText(value)) }
                        return value
                    }
                }
                out += writer.render(columns: part.columns, rows: rows)
            }
        }
        return out
    }

    /// Text for a Markdown heading: the characters that would start emphasis, links or
    /// code escaped.
    private func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
