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
/// from the file is checked before it is used as an offset.
struct PageFile {
    let descriptor: Int32
    let pageSize: Int
    /// The file's size in bytes.
    let byteCount: UInt64
    /// Whole pages the file holds.
    let pageCount: UInt64

    // Page flags and node flags (`P_BRANCH`, `P_LEAF`, `P_OVERFLOW`, `F_BIGDATA`).
    static let branchPage: UInt16 = 0x01
    static let leafPage: UInt16 = 0x02
    static let overflowPage: UInt16 = 0x04
    static let leaf2Page: UInt16 = 0x20
    static let bigData: UInt16 = 0x01
    /// `P_INVALID`: the root of an empty tree.
    static let noPage = UInt64.max
    static let headerSize = 16
    static let nodeHeaderSize = 8

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
        var bytes = [UInt8](repeating: 0, count: pageSize)
        let offset = off_t(number) * off_t(pageSize)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, pageSize, offset) }
        guard read == pageSize else { throw Damage(message: "page \(number) could not be read") }
        return bytes
    }

    /// The roots of the free-page tree and the main tree, and the last page in use, from
    /// the meta page (0 or 1) of transaction `txnid`.
    struct Meta {
        let freeRoot: UInt64
        let mainRoot: UInt64
        let lastPage: UInt64
        let txnid: UInt64
    }

    /// The meta page LMDB uses: of pages 0 and 1, the one with the larger transaction id.
    func currentMeta() throws(Damage) -> Meta {
        let metas = [try meta(page(0)), try meta(page(1))]
        return metas[0].txnid >= metas[1].txnid ? metas[0] : metas[1]
    }

    private func meta(_ bytes: [UInt8]) throws(Damage) -> Meta {
        // MDB_meta after the page header: magic, version, address, map size, the free and
        // main MDB_db (48 bytes each, the root last), last page, transaction id.
        let base = Self.headerSize
        guard Self.load32(bytes, base) == 0xBEEF_C0DE else { throw Damage(message: "a meta page is damaged") }
        return Meta(
            freeRoot: Self.load64(bytes, base + 24 + 40),
            mainRoot: Self.load64(bytes, base + 24 + 48 + 40),
            lastPage: Self.load64(bytes, base + 24 + 96),
            txnid: Self.load64(bytes, base + 24 + 96 + 8)
        )
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

    /// The `size` bytes of a value kept on overflow pages from `first` on.
    private func overflow(_ first: UInt64, size: UInt64) throws(Damage) -> [UInt8] {
        let head = try page(first)
        let count = UInt64(Self.load32(head, 12))
        let (end, overflowed) = first.addingReportingOverflow(count)
        guard Self.load16(head, 10) & Self.overflowPage != 0, !overflowed, end <= pageCount,
            size <= count * UInt64(pageSize) - UInt64(Self.headerSize)
        else { throw Damage(message: "the overflow pages from page \(first) are damaged or cut off") }
        var data = [UInt8](repeating: 0, count: Int(size))
        let offset = off_t(first) * off_t(pageSize) + off_t(Self.headerSize)
        let read = data.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, Int(size), offset) }
        guard read == Int(size) else {
            throw Damage(message: "the overflow pages from page \(first) are cut off")
        }
        return data
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
