import CRMStore

/// Prints a ``Digest`` as text, Markdown, HTML or JSON, with times in the session's zone.
///
///     let writer = DigestWriter(format: .text, time: session.timeContext)
///     print(writer.render(digest), terminator: "")
///
/// Every form says "nothing due" when the digest is empty (JSON with `"nothing_due": true`),
/// so a cron job's mail says so rather than arriving blank.
public struct DigestWriter: Sendable {
    /// The form written.
    public let format: DigestFormat
    /// The session's time: the zone times are printed in.
    public let time: TimeContext

    /// A writer of `format`, printing times as `time` does.
    public init(format: DigestFormat, time: TimeContext) {
        self.format = format
        self.time = time
    }

    /// The whole digest, ending in a line break.
    public func render(_ digest: Digest) -> String {
        switch format {
        case .text: renderText(digest)
        case .markdown: renderMarkdown(digest)
        case .html: renderHTML(digest)
        case .json: renderJSON(digest)
        }
    }

    /// The heading of a group: its owner, "no owner", or "everyone" when not split.
    func heading(_ group: Digest.Group, in digest: Digest) -> String {
        guard digest.byOwner else { return "Everyone" }
        return group.owner ?? "No owner"
    }

    /// `2 overdue, 1 due in the next 3 working days, ...`: the counts of the sections with rows.
    func summary(_ digest: Digest) -> String {
        digest.sectionCounts.filter { $0.count > 0 }.map { "\($0.section.title): \($0.count)" }
            .joined(separator: " · ")
    }

    /// The time the digest is for, to the minute, with the zone's name.
    func dateLine(_ digest: Digest) -> String {
        // Foundation on Linux calls UTC "GMT"; people who set TZ=UTC expect to read UTC.
        let zone = time.timeZone.identifier == "GMT" ? "UTC" : time.timeZone.identifier
        return "\(time.formatForTable(digest.now, precision: .minute)) (\(zone))"
    }

    /// A value as a person reads it in a cell: times to the minute in the session's zone,
    /// durations as `3d 4h`, null as empty.
    func cellText(_ value: FieldValue) -> String {
        switch value {
        case .null: ""
        case .timestamp(let timestamp): time.formatForTable(timestamp, precision: .minute)
        case .duration(let microseconds): ResultWriter.compact(duration: microseconds)
        default: value.description
        }
    }
}
