/// What a walk of an environment's pages found (`Environment.checkPages()`).
public struct PageCheckReport: Sendable, Equatable {
    /// Pages the walk reached: meta pages, tree pages and overflow pages.
    public var pagesReached: UInt64 = 0
    /// Named databases walked.
    public var databases = 0
    /// Each piece of damage found, in words; at most `PageCheck.maxProblems`.
    public var problems: [PageProblem] = []
    /// Problems found beyond those listed.
    public var moreProblems = 0

    /// Whether the walk found no damage.
    public var isHealthy: Bool { problems.isEmpty }

    /// An empty report: nothing walked, nothing found.
    public init() {}
}

/// One piece of damage in a file's pages: where it is and what is wrong.
public struct PageProblem: Sendable, Equatable, CustomStringConvertible {
    /// The tree it was found in: "the free-page list", "the table directory", "table customer",
    /// or "the meta pages".
    public let tree: String
    /// The page it was found on, when it is about one page.
    public let page: UInt64?
    /// What is wrong: "a node's offset 4130 lies outside the page".
    public let detail: String

    /// "table customer, page 57: a node's offset 4130 lies outside the page".
    public var description: String {
        page.map { "\(tree), page \($0): \(detail)" } ?? "\(tree): \(detail)"
    }
}

/// A walk of every page an LMDB file's current state reaches, with `pread` and bounds checks
/// (`PageFile`), that reports damage instead of following it: page numbers out of range, pages
/// of the wrong kind, node offsets, keys or values outside their page, trees that loop or share
/// pages, overflow runs past the end, keys out of order, counts that disagree with the pages,
/// and free-list entries that name pages in use.
///
/// It checks what LMDB trusts when it reads, so that after a clean walk LMDB's own reads stay
/// inside the file. `scope` `.directory` checks the meta pages and the main tree (whose
/// entries are the named databases) only: cheap enough for every open.
struct PageCheck {
    enum Scope {
        /// The meta pages and the main tree.
        case directory
        /// Every tree, the free list, and the pages past the file's end.
        case everything
    }

    /// At most this many problems are listed; a damaged file often has many.
    static let maxProblems = 50
    /// `CURSOR_STACK` in mdb.c: no tree is deeper.
    static let maxDepth = 32
    // MDB_db flags: MDB_REVERSEKEY, MDB_DUPSORT, MDB_INTEGERKEY, MDB_DUPFIXED, ...
    static let reverseKey: UInt16 = 0x02
    static let dupSort: UInt16 = 0x04
    static let integerKey: UInt16 = 0x08
    static let dupFixed: UInt16 = 0x10
    /// Every flag a tree's record may hold (`PERSISTENT_FLAGS` that `mdb_dbi_open` takes).
    static let knownTreeFlags: UInt16 = 0x7E

    let file: PageFile
    let meta: PageFile.Meta
    var report = PageCheckReport()
    /// One bit per page of the file: reached already.
    var reached: [UInt64]
    /// Pages the free list names.
    var freePages = Set<UInt64>()

    init(file: PageFile, meta: PageFile.Meta) {
        self.file = file
        self.meta = meta
        reached = [UInt64](repeating: 0, count: Int((file.pageCount + 63) / 64))
    }

    /// Walks what `scope` covers and returns the report.
    mutating func run(_ scope: Scope) -> PageCheckReport {
        checkMetas()
        let directory = walkTree(
            meta.main, name: "the table directory", kind: .directory, collectDatabases: true)
        guard scope == .everything else {
            for (name, record) in directory { _ = checkRecord(record, name: "table \(name)", kind: .table) }
            return report
        }
        walkTree(meta.free, name: "the free-page list", kind: .freeList, collectDatabases: false)
        for (name, record) in directory {
            report.databases += 1
            walkTree(record, name: "table \(name)", kind: .table, collectDatabases: false)
        }
        checkFreePages()
        return report
    }

    /// Notes a problem (the first `maxProblems` are kept).
    mutating func problem(_ tree: String, _ page: UInt64?, _ detail: String) {
        if report.problems.count < Self.maxProblems {
            report.problems.append(PageProblem(tree: tree, page: page, detail: detail))
        } else {
            report.moreProblems += 1
        }
    }

    /// Marks `page` reached; false when it was reached before (a loop or a shared page).
    mutating func reach(_ page: UInt64) -> Bool {
        guard page < file.pageCount else { return true }
        let word = Int(page / 64)
        let bit = UInt64(1) << (page % 64)
        if reached[word] & bit != 0 { return false }
        reached[word] |= bit
        report.pagesReached += 1
        return true
    }

    /// Whether `page` has been reached.
    func isReached(_ page: UInt64) -> Bool {
        page < file.pageCount && reached[Int(page / 64)] & (UInt64(1) << (page % 64)) != 0
    }

    /// Both meta pages: valid, of this page size, and the current one's counts in range.
    mutating func checkMetas() {
        for index in 0..<2 {
            _ = reach(UInt64(index))
            guard let bytes = try? file.page(UInt64(index)) else {
                problem("the meta pages", UInt64(index), "the page cannot be read")
                continue
            }
            let other = PageFile.Meta(bytes, index: index)
            if !other.isValid {
                problem("the meta pages", UInt64(index), "it is not a valid meta page")
            } else if Int(other.pageSize) != file.pageSize {
                problem(
                    "the meta pages", UInt64(index),
                    "it gives a page size of \(other.pageSize) bytes, not \(file.pageSize)")
            }
        }
        if meta.lastPage < 1 {
            problem(
                "the meta pages", UInt64(meta.index), "its last page in use (\(meta.lastPage)) is below 1")
        }
    }

    /// Free-list pages must lie in the file's range, never in use, and the pages past the
    /// file's end (which LMDB counts but never wrote) must all be free.
    mutating func checkFreePages() {
        for page in freePages.sorted() {
            if page < 2 || page > meta.lastPage {
                problem(
                    "the free-page list", nil,
                    "it lists page \(page), outside the pages in use (2 to \(meta.lastPage))")
            } else if isReached(page) {
                problem("the free-page list", nil, "it lists page \(page), which is in use")
            }
        }
        guard meta.lastPage >= file.pageCount else { return }
        // Pages from the file's end to the last page in use: all free, or the file is short.
        var page = file.pageCount
        var missing = 0
        while page <= meta.lastPage && missing < 1 {
            if !freePages.contains(page) {
                problem(
                    "the file", page,
                    "it lies past the end of the file (\(file.byteCount) bytes): the file is truncated")
                missing += 1
            }
            page += 1
        }
    }
}
