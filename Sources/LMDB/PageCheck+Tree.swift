#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension PageCheck {
    /// What a tree holds, which decides what its leaves may hold.
    enum TreeKind: Equatable {
        /// The main tree: its entries name the named databases.
        case directory
        /// The free-page list: transaction ids to lists of page numbers.
        case freeList
        /// A named database.
        case table
        /// The duplicate values of one key of a `MDB_DUPSORT` database.
        case duplicates
    }

    /// The pages, entries and named databases a walk of one tree counted.
    struct TreeCount {
        var branchPages: UInt64 = 0
        var leafPages: UInt64 = 0
        var overflowPages: UInt64 = 0
        var entries: UInt64 = 0
        var databases: [(String, PageFile.TreeRecord)] = []
        var duplicates: [PageFile.TreeRecord] = []
        var previousKey: [UInt8]?
    }

    /// The tree a walk is in: its name for reports, what it holds, and its record.
    struct Tree {
        let name: String
        let kind: TreeKind
        let record: PageFile.TreeRecord
    }

    /// One node of a leaf page, as its header gives it.
    struct LeafNode {
        /// The page it is on, and its place there.
        let page: UInt64
        let slot: Int
        /// The data's size (the node header's two low halves).
        let size: UInt64
        let flags: UInt16
        /// Where its data starts on the page (after the key).
        let dataStart: Int
        let key: [UInt8]
    }

    /// Walks the tree that `record` describes, in key order, checking each page it reaches and
    /// that the record's counts agree with the pages. Returns the named databases its leaves
    /// name when `collectDatabases` (the main tree).
    @discardableResult
    mutating func walkTree(
        _ record: PageFile.TreeRecord, name: String, kind: TreeKind, collectDatabases: Bool
    ) -> [(String, PageFile.TreeRecord)] {
        let before = report.problems.count + report.moreProblems
        guard checkRecord(record, name: name, kind: kind), record.root != PageFile.noPage else { return [] }
        let tree = Tree(name: name, kind: kind, record: record)
        var count = TreeCount()
        var stack: [(page: UInt64, level: Int)] = [(record.root, 1)]
        while let (number, level) = stack.popLast() {
            guard let children = visit(number, level: level, tree, &count) else { continue }
            stack.append(contentsOf: children.reversed().map { ($0, level + 1) })
        }
        for duplicates in count.duplicates {
            walkTree(
                duplicates, name: "\(name) (duplicate values)", kind: .duplicates, collectDatabases: false)
        }
        // Counts are compared only when the pages were sound: otherwise they add nothing.
        guard report.problems.count + report.moreProblems == before else {
            return collectDatabases ? count.databases : []
        }
        let counted: [(String, UInt64, UInt64)] = [
            ("branch pages", record.branchPages, count.branchPages),
            ("leaf pages", record.leafPages, count.leafPages),
            ("overflow pages", record.overflowPages, count.overflowPages),
        ]
        for (what, recorded, found) in counted where recorded != found {
            problem(name, nil, "its record counts \(recorded) \(what), its pages hold \(found)")
        }
        if record.flags & Self.dupSort == 0 && record.entries != count.entries {
            problem(name, nil, "its record counts \(record.entries) entries, its pages hold \(count.entries)")
        }
        return collectDatabases ? count.databases : []
    }

    /// Checks a tree's record before anything follows it: known flags, and a root and depth in
    /// range (or the record of an empty tree). Returns whether the tree can be walked.
    mutating func checkRecord(_ record: PageFile.TreeRecord, name: String, kind: TreeKind) -> Bool {
        if kind != .freeList && record.flags & ~Self.knownTreeFlags != 0 {
            problem(name, nil, "its record has unknown flags 0x\(String(record.flags, radix: 16))")
            return false
        }
        if record.root == PageFile.noPage {
            if record.depth != 0 || record.entries != 0 || record.leafPages != 0 || record.branchPages != 0 {
                problem(name, nil, "its record says it is empty but counts \(record.entries) entries")
                return false
            }
            return true
        }
        guard record.depth >= 1, Int(record.depth) <= Self.maxDepth else {
            problem(
                name, nil, "its record gives a depth of \(record.depth) (1 to \(Self.maxDepth) is possible)")
            return false
        }
        guard record.root <= meta.lastPage, record.root < file.pageCount else {
            problem(
                name, nil,
                "its root is page \(record.root), past the last page in use (\(meta.lastPage)) or the file's end"
            )
            return false
        }
        return true
    }

    /// Checks page `number` at `level` of a tree; returns its children (for a branch page), or
    /// nil when it cannot be followed.
    private mutating func visit(_ number: UInt64, level: Int, _ tree: Tree, _ count: inout TreeCount)
        -> [UInt64]?
    {
        let (name, kind, record) = (tree.name, tree.kind, tree.record)
        guard number <= meta.lastPage else {
            problem(name, nil, "it points to page \(number), past the last page in use (\(meta.lastPage))")
            return nil
        }
        guard number < file.pageCount else {
            problem(
                name, nil, "it points to page \(number), past the end of the file (\(file.pageCount) pages)")
            return nil
        }
        guard reach(number) else {
            problem(name, number, "the page is reached twice (a loop, or a page shared by two trees)")
            return nil
        }
        guard let bytes = try? file.page(number) else {
            problem(name, number, "the page cannot be read")
            return nil
        }
        let pageNumber = PageFile.load64(bytes, 0)
        if pageNumber != number {
            problem(name, number, "its header says it is page \(pageNumber)")
        }
        let flags = PageFile.load16(bytes, 10)
        let lower = Int(PageFile.load16(bytes, 12))
        let upper = Int(PageFile.load16(bytes, 14))
        let isBranch = flags == PageFile.branchPage
        let isLeaf2 = flags == PageFile.leafPage | PageFile.leaf2Page
        guard isBranch || flags == PageFile.leafPage || (isLeaf2 && kind == .duplicates) else {
            problem(
                name, number,
                "its flags 0x\(String(flags, radix: 16)) make it neither a branch nor a leaf page")
            return nil
        }
        if isBranch ? level >= Int(record.depth) : level != Int(record.depth) {
            problem(
                name, number,
                "a \(isBranch ? "branch" : "leaf") page at level \(level) of a tree \(record.depth) deep")
            return nil
        }
        guard lower >= PageFile.headerSize, (lower - PageFile.headerSize) % 2 == 0, lower <= upper,
            upper <= file.pageSize
        else {
            problem(name, number, "its free space runs from \(lower) to \(upper), outside the page")
            return nil
        }
        let keys = (lower - PageFile.headerSize) / 2
        guard keys >= (isBranch && kind != .freeList ? 2 : 1) else {
            problem(
                name, number, "it holds \(keys) key(s), too few for a \(isBranch ? "branch" : "leaf") page")
            return nil
        }
        if isLeaf2 {
            count.leafPages += 1
            count.entries += UInt64(keys)
            guard PageFile.headerSize + keys * Int(record.pad) <= file.pageSize else {
                problem(name, number, "its \(keys) keys of \(record.pad) bytes do not fit in the page")
                return nil
            }
            return []
        }
        if isBranch { count.branchPages += 1 } else { count.leafPages += 1 }
        var children: [UInt64] = []
        var previousInPage: [UInt8]?
        for slot in 0..<keys {
            let offset = Int(PageFile.load16(bytes, PageFile.headerSize + 2 * slot))
            guard offset >= upper, offset + PageFile.nodeHeaderSize <= file.pageSize else {
                problem(
                    name, number,
                    "node \(slot)'s offset \(offset) lies outside the page's nodes (\(upper) to \(file.pageSize))"
                )
                return nil
            }
            let low =
                UInt64(PageFile.load16(bytes, offset)) | UInt64(PageFile.load16(bytes, offset + 2)) << 16
            let nodeFlags = PageFile.load16(bytes, offset + 4)
            let keySize = Int(PageFile.load16(bytes, offset + 6))
            let keyStart = offset + PageFile.nodeHeaderSize
            guard keyStart + keySize <= file.pageSize else {
                problem(name, number, "node \(slot)'s key of \(keySize) bytes runs past the page's end")
                return nil
            }
            let key = Array(bytes[keyStart..<keyStart + keySize])
            if isBranch {
                // The first key of a branch page is never compared; the others ascend.
                if slot > 0 {
                    if let previous = previousInPage, !precedes(previous, key, record, kind) {
                        problem(name, number, "its keys are out of order at node \(slot)")
                        return nil
                    }
                    previousInPage = key
                }
                children.append(low | UInt64(nodeFlags) << 32)
                continue
            }
            if let previous = count.previousKey, !precedes(previous, key, record, kind) {
                problem(name, number, "its keys are out of order at node \(slot)")
                return nil
            }
            count.previousKey = key
            count.entries += 1
            let node = LeafNode(
                page: number, slot: slot, size: low, flags: nodeFlags, dataStart: keyStart + keySize, key: key
            )
            guard checkLeaf(node, bytes, tree, &count) else { return nil }
        }
        return children
    }

    /// Checks one leaf node's data: inside the page, or on an overflow run in the file; a
    /// named database's record where the tree may hold one.
    private mutating func checkLeaf(
        _ node: LeafNode, _ bytes: [UInt8], _ tree: Tree, _ count: inout TreeCount
    ) -> Bool {
        let (name, kind, record) = (tree.name, tree.kind, tree.record)
        let (number, slot, size, nodeFlags, dataStart, key) =
            (node.page, node.slot, node.size, node.flags, node.dataStart, node.key)
        guard nodeFlags & ~(PageFile.bigData | PageFile.subData | PageFile.dupData) == 0 else {
            problem(name, number, "node \(slot) has unknown flags 0x\(String(nodeFlags, radix: 16))")
            return false
        }
        if nodeFlags & PageFile.bigData != 0 {
            guard nodeFlags == PageFile.bigData, dataStart + 8 <= file.pageSize else {
                problem(name, number, "node \(slot) has a damaged overflow reference")
                return false
            }
            let first = PageFile.load64(bytes, dataStart)
            guard first <= meta.lastPage, first < file.pageCount,
                let run = try? file.overflowRun(first, size: size)
            else {
                problem(
                    name, number,
                    "node \(slot)'s value of \(size) bytes on overflow page \(first) is damaged or cut off"
                )
                return false
            }
            for page in first..<first + run where !reach(page) {
                problem(
                    name, page, "the overflow page is reached twice (a loop, or a page shared by two trees)")
                return false
            }
            count.overflowPages += run
            if kind == .freeList {
                let offset = Int64(first) * Int64(file.pageSize) + Int64(PageFile.headerSize)
                guard
                    let data = try? file.read(count: Int(size), at: off_t(offset), what: "a free-list entry")
                else { return false }
                return noteFreePages(data, name, number)
            }
            return true
        }
        guard UInt64(dataStart) + size <= UInt64(file.pageSize) else {
            problem(name, number, "node \(slot)'s value of \(size) bytes runs past the page's end")
            return false
        }
        let data = Array(bytes[dataStart..<dataStart + Int(size)])
        switch kind {
        case .freeList:
            guard key.count == 8 else {
                problem(name, number, "node \(slot)'s key is \(key.count) bytes, not a transaction id (8)")
                return false
            }
            return noteFreePages(data, name, number)
        case .directory where nodeFlags == PageFile.subData:
            guard data.count == PageFile.treeRecordSize else {
                problem(name, number, "node \(slot) is a table's record of \(data.count) bytes, not 48")
                return false
            }
            count.databases.append((String(decoding: key, as: UTF8.self), PageFile.TreeRecord(data, at: 0)))
        case _ where nodeFlags & PageFile.dupData != 0:
            guard record.flags & Self.dupSort != 0 else {
                problem(name, number, "node \(slot) says it holds duplicate values, but the tree keeps none")
                return false
            }
            if nodeFlags & PageFile.subData != 0 {
                guard data.count == PageFile.treeRecordSize else {
                    problem(name, number, "node \(slot)'s record of duplicate values is damaged")
                    return false
                }
                count.duplicates.append(PageFile.TreeRecord(data, at: 0))
            } else if data.count < PageFile.headerSize {
                problem(name, number, "node \(slot)'s page of duplicate values is damaged")
                return false
            }
        case _ where nodeFlags & PageFile.subData != 0:
            problem(
                name, number, "node \(slot) says it holds a table, but only the table directory holds tables")
            return false
        default:
            break
        }
        return true
    }

    /// Reads a free-list value (a count, then that many page numbers) into `freePages`.
    private mutating func noteFreePages(_ data: [UInt8], _ name: String, _ page: UInt64) -> Bool {
        guard data.count >= 8, PageFile.load64(data, 0) <= UInt64(data.count / 8 - 1) else {
            problem(name, page, "a free-list entry is damaged (its count exceeds its size)")
            return false
        }
        for index in 0..<Int(PageFile.load64(data, 0)) {
            freePages.insert(PageFile.load64(data, 8 + 8 * index))
        }
        return true
    }

    /// Whether `first` sorts strictly before `second` in the tree's order: bytes compared as
    /// `memcmp` does, then by length (LMDB's default); 8-byte integers in the free list. Trees
    /// with other orders (reversed or integer keys) are not checked.
    private func precedes(
        _ first: [UInt8], _ second: [UInt8], _ record: PageFile.TreeRecord, _ kind: TreeKind
    )
        -> Bool
    {
        if kind == .freeList {
            guard first.count == 8, second.count == 8 else { return true }
            return PageFile.load64(first, 0) < PageFile.load64(second, 0)
        }
        if kind == .duplicates || record.flags & (Self.reverseKey | Self.integerKey) != 0 { return true }
        return first.lexicographicallyPrecedes(second)
    }
}
