#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An LMDB data file read page by page with `pread` and bounds checks, never through the
/// memory map: for questions about a file that may be cut short or damaged, where a read
/// through the map of a page past the end would kill the process with SIGBUS.
///
/// The page layout is LMDB's own (`mdb.c`, 0.9.x, 64-bit): a 16-byte page header (page
/// number, pad, flags, then the lower and upper bounds of the free space, or the count of
/// an overflow run), an array of 16-bit node offsets after it, and 8-byte node headers
/// (two halves of the data size or child page number, flags, key size). Every number read
/// from the file is checked before it is used as an offset, and arithmetic on it cannot
/// overflow.
struct PageFile {
    let descriptor: Int32
    let pageSize: Int
    /// The file's size in bytes.
    let byteCount: UInt64
    /// Whole pages the file holds.
    let pageCount: UInt64

    // Page flags and node flags (`P_BRANCH`, `P_LEAF`, `P_OVERFLOW`, `P_META`, `P_LEAF2`,
    // `F_BIGDATA`, `F_SUBDATA`, `F_DUPDATA`).
    static let branchPage: UInt16 = 0x01
    static let leafPage: UInt16 = 0x02
    static let overflowPage: UInt16 = 0x04
    static let metaPage: UInt16 = 0x08
    static let leaf2Page: UInt16 = 0x20
    static let bigData: UInt16 = 0x01
    static let subData: UInt16 = 0x02
    static let dupData: UInt16 = 0x04
    /// `P_INVALID`: the root of an empty tree.
    static let noPage = UInt64.max
    static let headerSize = 16
    static let nodeHeaderSize = 8
    /// `MDB_MAGIC` and `MDB_DATA_VERSION`.
    static let magic: UInt32 = 0xBEEF_C0DE
    static let dataVersion: UInt32 = 1
    /// The size of an `MDB_db` record (a tree's root and counts).
    static let treeRecordSize = 48

    /// The damage a walk met, in words.
    struct Damage: Error {
        let message: String
    }

    init?(descriptor: Int32, pageSize: Int) {
        var file = stat()
        guard pageSize >= 512, fstat(descriptor, &file) == 0, file.st_size >= 0 else { return nil }
        self.descriptor = descriptor
        self.pageSize = pageSize
        byteCount = UInt64(file.st_size)
        pageCount = byteCount / UInt64(pageSize)
    }

    /// The bytes of page `number`, or a `Damage` when the file does not hold it whole.
    func page(_ number: UInt64) throws(Damage) -> [UInt8] {
        guard number < pageCount else {
            throw Damage(message: "page \(number) lies past the end of the file (\(pageCount) pages)")
        }
        // number < pageCount = byteCount / pageSize, so the offset fits in the file's size.
        let offset = off_t(number) * off_t(pageSize)
        return try read(count: pageSize, at: offset, what: "page \(number)")
    }

    /// `count` bytes at `offset`, or a `Damage` naming `what` when the file ends first.
    func read(count: Int, at offset: off_t, what: String) throws(Damage) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let read = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress.map { $0 + done }, count - done, offset + off_t(done))
            }
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else { throw Damage(message: "\(what) could not be read") }
            done += read
        }
        return bytes
    }

    /// An `MDB_db` record: a tree's flags, depth, page counts, entry count and root.
    struct TreeRecord: Equatable {
        let pad: UInt32
        let flags: UInt16
        let depth: UInt16
        let branchPages: UInt64
        let leafPages: UInt64
        let overflowPages: UInt64
        let entries: UInt64
        let root: UInt64

        /// Reads the record at `offset` of `bytes`; the caller has checked 48 bytes are there.
        init(_ bytes: [UInt8], at offset: Int) {
            pad = PageFile.load32(bytes, offset)
            flags = PageFile.load16(bytes, offset + 4)
            depth = PageFile.load16(bytes, offset + 6)
            branchPages = PageFile.load64(bytes, offset + 8)
            leafPages = PageFile.load64(bytes, offset + 16)
            overflowPages = PageFile.load64(bytes, offset + 24)
            entries = PageFile.load64(bytes, offset + 32)
            root = PageFile.load64(bytes, offset + 40)
        }
    }

    /// A meta page: the roots of the free-page tree and the main tree, the last page in use and
    /// the transaction id, as `MDB_meta` holds them after the page header.
    struct Meta {
        /// Which of the two meta pages (0 or 1).
        let index: Int
        let flags: UInt16
        let magic: UInt32
        let version: UInt32
        let mapSize: UInt64
        let free: TreeRecord
        let main: TreeRecord
        let lastPage: UInt64
        let txnid: UInt64

        var freeRoot: UInt64 { free.root }
        var mainRoot: UInt64 { main.root }
        /// The page size LMDB keeps in the free tree's pad field.
        var pageSize: UInt32 { free.pad }
        /// Whether the page is a meta page of a file this LMDB reads.
        var isValid: Bool {
            flags & PageFile.metaPage != 0 && magic == PageFile.magic && version == PageFile.dataVersion
        }

        /// Reads meta page `index` from its page bytes (at least header and `MDB_meta`).
        init(_ bytes: [UInt8], index: Int) {
            let base = PageFile.headerSize
            self.index = index
            flags = PageFile.load16(bytes, 10)
            magic = PageFile.load32(bytes, base)
            version = PageFile.load32(bytes, base + 4)
            mapSize = PageFile.load64(bytes, base + 16)
            free = TreeRecord(bytes, at: base + 24)
            main = TreeRecord(bytes, at: base + 24 + 48)
            lastPage = PageFile.load64(bytes, base + 24 + 96)
            txnid = PageFile.load64(bytes, base + 24 + 96 + 8)
        }

        /// Bytes of a page header and `MDB_meta`: what must be read to know a meta page.
        static let byteCount = PageFile.headerSize + 24 + 96 + 16
    }

    /// The meta page LMDB uses: of pages 0 and 1, the one with the larger transaction id.
    func currentMeta() throws(Damage) -> Meta {
        let metas = [try meta(0), try meta(1)]
        return metas[0].txnid >= metas[1].txnid ? metas[0] : metas[1]
    }

    /// Meta page `index` (0 or 1), or a `Damage` when it is not a valid meta page.
    func meta(_ index: Int) throws(Damage) -> Meta {
        let meta = Meta(try page(UInt64(index)), index: index)
        guard meta.isValid else { throw Damage(message: "meta page \(index) is damaged") }
        return meta
    }

    /// Visits every leaf node of the tree rooted at `root`, with its data (an overflow run
    /// read whole), checking that each page it reaches is in the file and well formed.
    func walkLeaves(
        root: UInt64, _ visit: (_ key: ArraySlice<UInt8>, _ data: [UInt8]) throws(Damage) -> Void
    ) throws(Damage) {
        guard root != Self.noPage else { return }
        var stack: [(page: UInt64, depth: Int)] = [(root, 0)]
        var visited: UInt64 = 0
        while let (number, depth) = stack.popLast() {
            visited += 1
            // A tree deeper than any real one, or with more pages than the file: a cycle.
            guard depth < 64, visited <= pageCount else {
                throw Damage(message: "the tree at page \(root) loops back on itself")
            }
            let bytes = try page(number)
            let flags = Self.load16(bytes, 10)
            let lower = Int(Self.load16(bytes, 12))
            guard lower >= Self.headerSize, lower <= pageSize, flags & Self.leaf2Page == 0 else {
                throw Damage(message: "page \(number) has a damaged header")
            }
            for slot in 0..<(lower - Self.headerSize) / 2 {
                let offset = Int(Self.load16(bytes, Self.headerSize + 2 * slot))
                guard offset >= Self.headerSize, offset + Self.nodeHeaderSize <= pageSize else {
                    throw Damage(message: "page \(number) has a damaged node offset")
                }
                let low = UInt64(Self.load16(bytes, offset)) | UInt64(Self.load16(bytes, offset + 2)) << 16
                let nodeFlags = Self.load16(bytes, offset + 4)
                let keySize = Int(Self.load16(bytes, offset + 6))
                let keyStart = offset + Self.nodeHeaderSize
                guard keyStart + keySize <= pageSize else {
                    throw Damage(message: "page \(number) has a key past its end")
                }
                if flags & Self.branchPage != 0 {
                    stack.append((low | UInt64(nodeFlags) << 32, depth + 1))
                    continue
                }
                guard flags & Self.leafPage != 0 else {
                    throw Damage(message: "page \(number) is neither a branch nor a leaf")
                }
                let key = bytes[keyStart..<keyStart + keySize]
                let dataStart = keyStart + keySize
                if nodeFlags & Self.bigData != 0 {
                    guard dataStart + 8 <= pageSize else {
                        throw Damage(message: "page \(number) has a damaged overflow reference")
                    }
                    try visit(key, try overflow(Self.load64(bytes, dataStart), size: low))
                } else {
                    guard UInt64(dataStart) + low <= UInt64(pageSize) else {
                        throw Damage(message: "page \(number) has a value past its end")
                    }
                    try visit(key, Array(bytes[dataStart..<dataStart + Int(low)]))
                }
            }
        }
    }

    /// How many pages the overflow run from `first` takes, when its head page is an overflow
    /// page that the file holds whole and that can hold `size` bytes; nil otherwise.
    func overflowRun(_ first: UInt64, size: UInt64) throws(Damage) -> UInt64? {
        let head = try page(first)
        let count = UInt64(Self.load32(head, 12))
        let (end, overflowed) = first.addingReportingOverflow(count)
        let (room, roomOverflowed) = count.multipliedReportingOverflow(by: UInt64(pageSize))
        guard Self.load16(head, 10) & Self.overflowPage != 0, count >= 1, !overflowed, end <= pageCount,
            !roomOverflowed, size <= room - UInt64(Self.headerSize)
        else { return nil }
        return count
    }

    /// The `size` bytes of a value kept on overflow pages from `first` on.
    private func overflow(_ first: UInt64, size: UInt64) throws(Damage) -> [UInt8] {
        guard try overflowRun(first, size: size) != nil else {
            throw Damage(message: "the overflow pages from page \(first) are damaged or cut off")
        }
        // The run lies inside the file (checked above), so the offset and size fit.
        let offset = off_t(first) * off_t(pageSize) + off_t(Self.headerSize)
        return try read(count: Int(size), at: offset, what: "the overflow pages from page \(first)")
    }

    static func load16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    static func load32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(load16(bytes, offset)) | UInt32(load16(bytes, offset + 2)) << 16
    }

    static func load64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        UInt64(load32(bytes, offset)) | UInt64(load32(bytes, offset + 4)) << 32
    }
}
