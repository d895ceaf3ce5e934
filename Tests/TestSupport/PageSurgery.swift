import Foundation

/// Damage made on purpose to an LMDB file, page by page, for tests of what the program does
/// with it: finds a table's pages by walking the file as LMDB lays it out (64-bit, 0.9.x: a
/// 16-byte page header, 16-bit node offsets, 8-byte node headers, the meta page's two tree
/// records), then changes bytes in place. A reader of its own, kept apart from the code
/// under test.
public struct PageSurgery {
    /// The file's bytes, changed in memory until `save()`.
    public var bytes: [UInt8]
    /// The file's path.
    public let path: String
    /// The page size the meta page gives.
    public let pageSize: Int

    /// What went wrong reading the file.
    public struct Failure: Error, CustomStringConvertible {
        /// What, in words.
        public let description: String

        /// A failure described by `description`.
        public init(description: String) { self.description = description }
    }

    /// Reads the file at `path`.
    public init(path: String) throws {
        self.path = path
        bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        guard bytes.count >= 8192 else { throw Failure(description: "\(path) is too short") }
        pageSize = Int(Self.load32(bytes, 16 + 24))
    }

    /// Writes the changed bytes back.
    public func save() throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The byte offset of page `page`.
    public func offset(_ page: Int) -> Int { page * pageSize }

    /// The page numbers of a table's tree, root first, level by level; the leaves are last.
    public func pages(ofTable name: String) throws -> [Int] {
        let record = try tableRecord(name)
        return try treePages(root: Int(Self.load64(bytes, record + 40)))
    }

    /// The leaf pages of a table, in key order.
    public func leaves(ofTable name: String) throws -> [Int] {
        try pages(ofTable: name).filter { flags($0) & 0x02 != 0 }
    }

    /// The branch pages of a table.
    public func branches(ofTable name: String) throws -> [Int] {
        try pages(ofTable: name).filter { flags($0) & 0x01 != 0 }
    }

    /// The page's flags (`P_BRANCH` 1, `P_LEAF` 2, `P_OVERFLOW` 4).
    public func flags(_ page: Int) -> UInt16 { Self.load16(bytes, offset(page) + 10) }

    /// The number of nodes on a branch or leaf page.
    public func nodeCount(_ page: Int) -> Int { (Int(Self.load16(bytes, offset(page) + 12)) - 16) / 2 }

    /// The byte offset in the file of node `index`'s header on `page`.
    public func node(_ page: Int, _ index: Int) -> Int {
        offset(page) + Int(Self.load16(bytes, offset(page) + 16 + 2 * index))
    }

    /// The byte offset in the file of the slot that holds node `index`'s offset on `page`.
    public func nodeSlot(_ page: Int, _ index: Int) -> Int { offset(page) + 16 + 2 * index }

    /// The byte offset of the tree record (`MDB_db`, 48 bytes) of table `name` in the main tree.
    public func tableRecord(_ name: String) throws -> Int {
        let meta = currentMeta()
        let mainRoot = Int(Self.load64(bytes, meta + 24 + 48 + 40))
        for page in try treePages(root: mainRoot) where flags(page) & 0x02 != 0 {
            for index in 0..<nodeCount(page) {
                let node = node(page, index)
                let keySize = Int(Self.load16(bytes, node + 6))
                if Array(bytes[node + 8..<node + 8 + keySize]) == Array(name.utf8) {
                    return node + 8 + keySize
                }
            }
        }
        throw Failure(description: "\(path) has no table \(name)")
    }

    /// The byte offset of the `MDB_meta` of the meta page in use (the larger transaction id).
    public func currentMeta() -> Int {
        let first = 16
        let second = pageSize + 16
        return Self.load64(bytes, first + 128) >= Self.load64(bytes, second + 128) ? first : second
    }

    private func treePages(root: Int) throws -> [Int] {
        var level = [root]
        var all: [Int] = []
        while !level.isEmpty {
            all += level
            var next: [Int] = []
            for page in level where flags(page) & 0x01 != 0 {
                for index in 0..<nodeCount(page) {
                    let node = node(page, index)
                    let low = Int(Self.load16(bytes, node)) | Int(Self.load16(bytes, node + 2)) << 16
                    next.append(low | Int(Self.load16(bytes, node + 4)) << 32)
                }
            }
            guard all.count + next.count <= bytes.count / pageSize else {
                throw Failure(description: "the tree at page \(root) is not a tree")
            }
            level = next
        }
        return all
    }

    /// Sets the 16-bit little-endian value at byte `offset`.
    public mutating func set16(_ offset: Int, _ value: UInt16) {
        bytes[offset] = UInt8(value & 0xFF)
        bytes[offset + 1] = UInt8(value >> 8)
    }

    /// Sets the 64-bit little-endian value at byte `offset`.
    public mutating func set64(_ offset: Int, _ value: UInt64) {
        for index in 0..<8 { bytes[offset + index] = UInt8((value >> (8 * UInt64(index))) & 0xFF) }
    }

    /// The 16-bit little-endian value at `offset`.
    public static func load16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    /// The 32-bit little-endian value at `offset`.
    public static func load32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(load16(bytes, offset)) | UInt32(load16(bytes, offset + 2)) << 16
    }

    /// The 64-bit little-endian value at `offset`.
    public static func load64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        UInt64(load32(bytes, offset)) | UInt64(load32(bytes, offset + 4)) << 32
    }
}
