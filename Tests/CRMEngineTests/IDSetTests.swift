import TestSupport
import Testing

@testable import CRMEngine

@Suite("IDSet: membership of record ids")
struct IDSetTests {
    /// Checks `set` against `Set` on every id in `probe`.
    private func agrees(_ ids: [Int64], probe: some Sequence<Int64>) {
        let set = IDSet(ids)
        let reference = Set(ids)
        #expect(set.count == reference.count)
        for id in probe where set.contains(id) != reference.contains(id) {
            Issue.record("IDSet(\(ids.count) ids).contains(\(id)) is \(set.contains(id))")
            return
        }
    }

    @Test func denseIdsInAnyOrderWithDuplicates() {
        var random = SplitMix64(seed: 11)
        let ids = (0..<5_000).map { _ in Int64(random.next() % 100_000) + 1 }
        agrees(ids, probe: -70...100_070)
    }

    @Test func sparseIdsFallBackToASortedArray() {
        let ids: [Int64] = [3, 1 << 40, 7, (1 << 40) + 1, Int64.max, 1 << 62]
        agrees(
            ids,
            probe: [0, 1, 3, 7, 8, 1 << 40, (1 << 40) + 1, (1 << 40) + 2, Int64.max, Int64.max - 1, 1 << 62])
    }

    @Test func emptyAndNegative() {
        agrees([], probe: -3...3)
        agrees([-5, 2, -1], probe: -8...8)
    }
}
