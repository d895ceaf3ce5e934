/// Bytes kept for as long as the arena lives: copies of records that a statement keeps past
/// the walk that read them (to sort them), and records of the first format rewritten in the
/// current one. Views into an arena need no reference count of their own, which keeps a view
/// a plain value: copying one costs nothing.
///
/// Not for sharing between threads: one arena belongs to one transaction or statement.
public final class ByteArena {
    private var blocks: [UnsafeMutableRawBufferPointer] = []

    /// An empty arena.
    public init() {}

    /// A copy of `bytes`, valid while the arena lives.
    public func keep(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 8)
        if let source = bytes.baseAddress, let target = block.baseAddress {
            target.copyMemory(from: source, byteCount: bytes.count)
        }
        blocks.append(block)
        return UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(block)[0..<bytes.count])
    }

    /// A copy of `bytes`, valid while the arena lives.
    public func keep(_ bytes: [UInt8]) -> UnsafeRawBufferPointer {
        bytes.withUnsafeBytes { keep($0) }
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}
