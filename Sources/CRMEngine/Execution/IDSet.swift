/// A set of record ids for membership tests on many candidates (`SemiJoin`).
///
/// Ids are small positive integers handed out in order, so a set of them is usually dense
/// enough for a bitmap: a membership test is one shift and mask, where `Set<Int64>` hashes
/// every id. Sparse sets fall back to a sorted array and a binary search.
struct IDSet: Equatable, Sendable {
    private var bits: [UInt64] = []
    private var sorted: [Int64] = []
    private var useBits = false
    /// How many ids the set holds.
    private(set) var count = 0

    /// The set of `ids` (any order, duplicates allowed).
    init(_ ids: [Int64]) {
        var ids = ids
        if !ids.isSorted() { ids.sort() }
        var unique: [Int64] = []
        unique.reserveCapacity(ids.count)
        for id in ids where unique.last != id { unique.append(id) }
        count = unique.count
        guard let first = unique.first, let last = unique.last, first >= 0 else {
            sorted = unique
            return
        }
        // A bitmap costs one bit per id up to the largest; use it while that is at most
        // 16 words per id held (128 bytes an id, 2.5 MB for the semi-join's 20,000), else
        // the sorted array.
        let words = Int(last / 64) + 1
        if words <= max(1024, unique.count * 16) {
            bits = [UInt64](repeating: 0, count: words)
            for id in unique { bits[Int(id / 64)] |= 1 << UInt64(id % 64) }
            useBits = true
        } else {
            sorted = unique
        }
    }

    /// Whether `id` is in the set.
    func contains(_ id: Int64) -> Bool {
        if useBits {
            guard id >= 0 else { return false }
            let word = Int(id / 64)
            return word < bits.count && bits[word] & (1 << UInt64(id % 64)) != 0
        }
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == id
    }
}

extension Array where Element == Int64 {
    fileprivate func isSorted() -> Bool {
        zip(self, dropFirst()).allSatisfy { $0 <= $1 }
    }
}
