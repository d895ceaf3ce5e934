import CLMDB
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns a read fault in a damaged database's pages into a message and an exit status, for a
/// program (the `crm` command) that would rather say so than die of a raw signal.
///
/// LMDB reads its pages through the memory map and trusts the offsets and sizes written in
/// them; a page damaged on disk can make it (or code reading the bytes it returned) touch an
/// address past a page, past the file, or near null, and the process gets SIGSEGV or SIGBUS.
/// With the guard installed, such a fault writes `message` to standard error and ends the
/// process with `_exit(3)`. A fault is the database's when the faulting instruction lies in
/// liblmdb's code or the faulting address in (or just past) the map of an open environment;
/// any other fault goes on to the handler installed before, as if the guard were not there.
///
/// The handler is C (the `CLMDB` shim): it runs on an alternate signal stack and calls only
/// `write` and `_exit`. LMDB's own assertions on damaged pages end the same way.
///
///     try FaultGuard.install(message: "crm: crm.db is damaged; restore it from a backup\n")
public enum FaultGuard {
    /// Installs the handlers for SIGSEGV and SIGBUS (once; later calls only change the message)
    /// and sets the message. Install it on the main thread, before opening environments.
    ///
    /// - Throws: `.system(errno)` when the alternate stack or a handler cannot be set.
    public static func install(message: String) throws(LMDBError) {
        setMessage(message)
        guard !isInstalled else { return }
        for region in libraryCode() {
            clmdb_fault_add_code(
                UInt(bitPattern: region.start), UInt(bitPattern: region.start) + UInt(region.count))
        }
        guard clmdb_fault_install() == 0 else { throw LMDBError(returnCode: errno) }
        installed.store(true, ordering: .releasing)
    }

    /// Changes the message written when a fault ends the process (at most 2 KiB is kept).
    public static func setMessage(_ message: String) {
        var bytes = Array(message.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                clmdb_fault_set_message(chars.baseAddress, chars.count)
            }
        }
    }

    /// Whether `install(message:)` has run in this process.
    public static var isInstalled: Bool { installed.load(ordering: .acquiring) }

    private static let installed = Atomic<Bool>(false)
    private static let slots = Mutex([Bool](repeating: false, count: Int(CLMDB_FAULT_REGIONS)))

    /// Counts `regions` (a map's address ranges) as the database's; returns the slots taken,
    /// for `release(_:)`. Takes none when the guard is not installed or every slot is taken.
    static func register(_ regions: [(start: UnsafeMutableRawPointer, count: Int)]) -> [Int32] {
        guard isInstalled else { return [] }
        var taken: [Int32] = []
        for region in regions {
            let slot = slots.withLock { used -> Int? in
                guard let free = used.firstIndex(of: false) else { return nil }
                used[free] = true
                return free
            }
            guard let slot else { break }
            clmdb_fault_set_region(Int32(slot), UInt(bitPattern: region.start), UInt(region.count))
            taken.append(Int32(slot))
        }
        return taken
    }

    /// Frees slots that `register(_:)` took.
    static func release(_ taken: [Int32]) {
        for slot in taken {
            clmdb_fault_set_region(slot, 0, 0)
            slots.withLock { $0[Int(slot)] = false }
        }
    }

    /// The executable regions of the library that holds LMDB's code, from `/proc/self/maps`
    /// (Linux; elsewhere none, and only faults at map addresses count).
    static func libraryCode() -> [(start: UnsafeMutableRawPointer, count: Int)] {
        let function:
            @convention(c) (
                OpaquePointer?, UnsafeMutablePointer<MDB_val>?, UnsafeMutablePointer<MDB_val>?, MDB_cursor_op
            ) -> Int32 = mdb_cursor_get
        // A C function pointer and a raw pointer have the same size on every platform Swift
        // runs on, and the function is linked in, so the cast neither traps nor reads what a
        // file or user controls: it only finds where liblmdb's code is mapped.
        let probe = UInt(bitPattern: unsafeBitCast(function, to: UnsafeRawPointer.self))
        let mappings = Environment.mappings()
        guard let home = mappings.first(where: { probe >= $0.start && probe < $0.end }) else { return [] }
        return mappings.filter { $0.path == home.path && $0.executable }.compactMap { mapping in
            UnsafeMutableRawPointer(bitPattern: mapping.start).map { ($0, Int(mapping.end - mapping.start)) }
        }
    }

    /// Makes a failed LMDB assertion in `env` (a damaged page) end the process as a fault does,
    /// when the guard is installed; without it, LMDB aborts as it always has.
    static func handleAssertions(of env: OpaquePointer) {
        _ = clmdb_set_assert_handler(env)
    }
}
