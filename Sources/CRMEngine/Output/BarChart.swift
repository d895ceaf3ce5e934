/// A horizontal bar chart in terminal text: one bar per label, as long as its value, the
/// value written after it. Labels line up by display width (CJK labels take two columns a
/// character), bars are drawn in eighths of a column (`█▉▊▋▌▍▎▏`).
///
///     let chart = BarChart(title: "count by kind", bars: [
///         .init(label: "call", value: 16, text: "16"), .init(label: "投诉", value: 8, text: "8"),
///     ])
///     print(chart.render(width: 28))
///     // count by kind
///     // call │███████████████████ 16
///     // 投诉 │█████████▌ 8
///
/// Reusable by any front end: the shell's `.chart`, a report writer.
public struct BarChart: Sendable {
    /// One bar.
    public struct Bar: Sendable, Equatable {
        /// What the bar stands for.
        public var label: String
        /// Its length, relative to the longest; negative and missing values draw no bar.
        public var value: Double?
        /// The value as written after the bar.
        public var text: String

        /// A bar for `label` of `value`, written `text`.
        public init(label: String, value: Double?, text: String) {
            self.label = label
            self.value = value
            self.text = text
        }
    }

    /// A line above the chart, or nil.
    public var title: String?
    /// The bars, top to bottom.
    public var bars: [Bar]

    /// A chart of `bars` under `title`.
    public init(title: String? = nil, bars: [Bar]) {
        self.title = title
        self.bars = bars
    }

    /// The widest a label may be, as a share of the width: longer labels are cut with `…`.
    private static let labelShare = 3

    /// The chart in lines of at most `width` columns (at least room for a short bar).
    public func render(width: Int) -> String {
        var out = title.map { TerminalText.singleLine($0) + "\n" } ?? ""
        guard !bars.isEmpty else { return out + "(no rows)\n" }
        let labels = bars.map { TerminalText.singleLine($0.label.isEmpty ? "(none)" : $0.label) }
        let labelWidth = min(
            labels.map { TerminalText.width(of: $0) }.max() ?? 0, max(8, width / Self.labelShare))
        let textWidth = bars.map { TerminalText.width(of: $0.text) }.max() ?? 0
        let room = max(10, width - labelWidth - 3 - textWidth)
        let largest = bars.compactMap(\.value).filter { $0 > 0 }.max() ?? 0
        for (bar, label) in zip(bars, labels) {
            out += TerminalText.fitted(label, width: labelWidth, alignRight: false) + " │"
            let eighths =
                largest > 0 ? Int((max(0, bar.value ?? 0) / largest * Double(room * 8)).rounded()) : 0
            out += String(repeating: "█", count: eighths / 8)
            if eighths % 8 > 0 { out += String(Self.partial[eighths % 8]) }
            out += (bar.text.isEmpty ? "" : " " + bar.text) + "\n"
        }
        return out
    }

    /// The blocks for one to seven eighths of a column (index 0 unused).
    private static let partial: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
}
