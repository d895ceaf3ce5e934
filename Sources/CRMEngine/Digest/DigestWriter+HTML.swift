import CRMStore

extension DigestWriter {
    /// One self-contained page for a mail: inline styles on every element (mail clients drop
    /// `<style>` blocks and never run scripts), tables for layout, and a bar chart of rows
    /// per owner drawn as table cells of proportional width.
    func renderHTML(_ digest: Digest) -> String {
        let title = "Digest for \(dateLine(digest))"
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escaped(title))</title>
            </head>
            <body style="margin:0;padding:16px;background:#ffffff;color:#1f2328;font-family:Helvetica,Arial,sans-serif;font-size:14px;line-height:1.4">
            <h1 style="font-size:20px;margin:0 0 8px 0">\(escaped(title))</h1>

            """
        guard !digest.isEmpty else {
            return out + "<p style=\"margin:8px 0;color:#1a7f37\">nothing due</p>\n</body>\n</html>\n"
        }
        out += "<p style=\"margin:0 0 12px 0;color:#59636e\">\(escaped(summary(digest)))</p>\n"
        out += chart(digest)
        for group in digest.groups {
            out +=
                "<h2 style=\"font-size:17px;margin:20px 0 6px 0;border-bottom:1px solid #d1d9e0\">"
                + "\(escaped(heading(group, in: digest))) (\(group.count))</h2>\n"
            for part in group.parts {
                out +=
                    "<h3 style=\"font-size:14px;margin:12px 0 4px 0\">\(escaped(part.section.title)) "
                    + "(\(part.rows.count))</h3>\n"
                out += table(part)
            }
        }
        return out + "</body>\n</html>\n"
    }

    /// Rows per owner as horizontal bars: one table row per owner, the bar a cell whose
    /// width is its share of the largest count (at most 240 pixels).
    private func chart(_ digest: Digest) -> String {
        let counts = digest.ownerCounts
        guard let largest = counts.map(\.count).max(), largest > 0 else { return "" }
        var out =
            "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" "
            + "style=\"border-collapse:collapse;margin:0 0 12px 0\">\n"
        for (owner, count) in counts {
            let width = max(2, count * 240 / largest)
            out += "<tr>"
            out +=
                "<td style=\"padding:2px 8px 2px 0;white-space:nowrap;color:#1f2328\">"
                + "\(escaped(owner ?? "No owner"))</td>"
            out +=
                "<td style=\"padding:2px 0\"><table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\">"
                + "<tr><td width=\"\(width)\" height=\"12\" "
                + "style=\"width:\(width)px;height:12px;background:#0969da;font-size:0;line-height:0\">&nbsp;</td>"
                + "</tr></table></td>"
            out += "<td style=\"padding:2px 0 2px 8px;color:#59636e\">\(count)</td>"
            out += "</tr>\n"
        }
        return out + "</table>\n"
    }

    /// One section's rows as a table with a header row; numbers aligned right.
    private func table(_ part: Digest.Part) -> String {
        let cell = "padding:4px 8px;border:1px solid #d1d9e0;vertical-align:top"
        var out =
            "<table cellpadding=\"0\" cellspacing=\"0\" "
            + "style=\"border-collapse:collapse;margin:0 0 8px 0;font-size:13px\">\n<tr>"
        for column in part.columns {
            out += "<th style=\"\(cell);background:#f6f8fa;text-align:left\">\(escaped(column))</th>"
        }
        out += "</tr>\n"
        for row in part.rows {
            out += "<tr>"
            for value in row {
                let align: String
                switch value {
                case .integer, .decimal, .real: align = "right"
                default: align = "left"
                }
                out += "<td style=\"\(cell);text-align:\(align)\">\(escaped(cellText(value)))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</table>\n"
    }

    /// Text safe inside HTML elements and attribute values.
    private func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
