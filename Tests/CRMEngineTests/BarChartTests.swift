import CRMEngine
import CRMStore
import Testing

/// The terminal bar chart (``BarChart``): bars in eighths, labels aligned by display width.
@Suite("Bar chart")
struct BarChartTests {
    @Test func barsAreProportionalAndChineseLabelsLineUp() {
        let chart = BarChart(
            title: "count by kind",
            bars: [
                .init(label: "call", value: 16, text: "16"), .init(label: "投诉", value: 8, text: "8"),
                .init(label: "note", value: 1, text: "1"),
            ])
        #expect(
            chart.render(width: 28)
                == """
                count by kind
                call │███████████████████ 16
                投诉 │█████████▌ 8
                note │█▎ 1

                """)
    }

    @Test func aGroupedResultBecomesAChartOfItsLastNumberColumn() throws {
        let result = ResultSet(
            columns: ["kind", "channel", "count"],
            rows: [
                [.symbol("call"), .symbol("phone"), .integer(4)], [.symbol("visit"), .null, .integer(2)],
            ])
        let chart = try #require(BarChart(result: result))
        #expect(chart.title == "count by kind, channel")
        #expect(chart.bars.map(\.label) == ["call / phone", "visit / (none)"])
        #expect(chart.bars.map(\.value) == [4, 2])
        #expect(BarChart(result: ResultSet(columns: ["kind"], rows: [[.symbol("call")]])) == nil)
        #expect(BarChart(result: result, value: "kind")?.bars.first?.value == nil)
    }

    @Test func negativeAndMissingValuesDrawNoBar() {
        let chart = BarChart(
            bars: [.init(label: "a", value: -3, text: "-3"), .init(label: "b", value: nil, text: "")])
        #expect(chart.render(width: 30) == "a │ -3\nb │\n")
    }
}
