/// The file formats `crm import` reads and `crm export` writes.
///
/// The raw value is the name `--format` accepts:
///
///     TransferFormat(rawValue: "jsonl")           // .jsonl
///     TransferFormat.inferred(fromPath: "a.json")  // .jsonl
public enum TransferFormat: String, CaseIterable, Sendable {
    /// RFC 4180 CSV with a header line naming the columns; custom fields as `attrs.NAME` columns.
    case csv
    /// JSON Lines: one JSON object per line; custom fields as a nested `attrs` object.
    case jsonl

    /// The format a file's extension names: `.jsonl`, `.ndjson` and `.json` are JSON Lines,
    /// anything else (`.csv`, `.txt`, no extension) is CSV. The extension's case is ignored.
    public static func inferred(fromPath path: String) -> TransferFormat {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return .csv }
        switch name[name.index(after: dot)...].lowercased() {
        case "jsonl", "ndjson", "json": return .jsonl
        default: return .csv
        }
    }
}
