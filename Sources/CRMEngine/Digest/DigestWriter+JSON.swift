import CRMStore

extension DigestWriter {
    /// One JSON object on one line:
    ///
    ///     {"now":"2026-11-25T12:00:00Z","by":"owner","nothing_due":false,
    ///      "counts":{"overdue":2,...},"owners":[{"owner":"li.wei","count":3}],
    ///      "groups":[{"owner":"li.wei","sections":[{"id":"overdue","title":"Overdue","rows":[{...}]}]}]}
    ///
    /// Rows are objects keyed by column, with values as `--format json` writes them
    /// (timestamps ISO 8601 in the session's offset, decimals exact). `by` is null and the
    /// one group's `owner` null when the digest is not split by owner.
    func renderJSON(_ digest: Digest) -> String {
        let zone = time
        let writer = ResultWriter(format: .json, formatTimestamp: { zone.format($0) })
        var out = "{\"now\":"
        ResultWriter.appendJSONString(time.format(digest.now), to: &out)
        out += ",\"by\":" + (digest.byOwner ? "\"owner\"" : "null")
        out += ",\"nothing_due\":" + (digest.isEmpty ? "true" : "false")
        out += ",\"counts\":{"
        out += digest.sectionCounts.map { section, count in
            var entry = ""
            ResultWriter.appendJSONString(section.id, to: &entry)
            return entry + ":\(count)"
        }.joined(separator: ",")
        out += "},\"owners\":["
        out += digest.ownerCounts.map { owner, count in
            "{\"owner\":" + string(owner) + ",\"count\":\(count)}"
        }.joined(separator: ",")
        out += "],\"groups\":["
        out += digest.groups.map { group in
            let sections = group.parts.map { part in
                "{\"id\":" + string(part.section.id) + ",\"title\":" + string(part.section.title)
                    + ",\"rows\":"
                    + writer.render(columns: part.columns, rows: part.rows).trimmingSuffixNewline() + "}"
            }
            return "{\"owner\":" + string(group.owner) + ",\"sections\":[" + sections.joined(separator: ",")
                + "]}"
        }.joined(separator: ",")
        return out + "]}\n"
    }

    /// A JSON string, or null.
    private func string(_ text: String?) -> String {
        guard let text else { return "null" }
        var out = ""
        ResultWriter.appendJSONString(text, to: &out)
        return out
    }
}

extension String {
    /// The text without its one final line break.
    fileprivate func trimmingSuffixNewline() -> String {
        hasSuffix("\n") ? String(dropLast()) : self
    }
}
