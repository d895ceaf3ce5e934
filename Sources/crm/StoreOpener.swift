import ArgumentParser
import CRMEngine
import CRMStore
import Foundation

/// Opens the store a command names, turning failure into a one-line message naming the file,
/// the cause and what would fix it, and exit status 3.
enum StoreOpener {
    /// The database path: the argument, else `$CRM_DB`, else `./crm.db`.
    static func path(_ argument: String?) -> String {
        argument ?? ProcessInfo.processInfo.environment["CRM_DB"] ?? "crm.db"
    }

    /// The map a script opens: 1 TiB of address space (on 64-bit systems), so that a
    /// transaction read from a pipe (`crm DB --atomic < FILE`, a long `begin ... commit`)
    /// never has to be run again because the map had to grow: its statements were read and
    /// cannot be read again. LMDB's map is virtual memory: it costs nothing until pages are
    /// used, the file grows only with its data, and the next process that opens the file
    /// maps the size it asks for.
    static let scriptMapSize = MemoryLayout<Int>.size >= 8 ? 1 << 40 : 1 << 30

    /// Opens `path`; on failure prints why to stderr and throws exit status 3. A file the user
    /// may read but not write is opened read-only, with a note, as sqlite3 does. `mapSize`
    /// asks for a map of that size (see `scriptMapSize`).
    static func open(
        _ path: String, readOnly: Bool, now: Timestamp? = nil, durability: StoreOptions.Durability = .full,
        mapSize: Int? = nil
    )
        throws(ExitCode) -> Store
    {
        do {
            return try openStore(path, readOnly: readOnly, now: now, durability: durability, mapSize: mapSize)
        } catch {
            printError(message(error, path: path))
            throw ExitStatus.cannotOpen
        }
    }

    /// Opens `path` as `open` does, but throws the store's error instead of printing it.
    static func openStore(
        _ path: String, readOnly: Bool, now: Timestamp? = nil, durability: StoreOptions.Durability = .full,
        mapSize: Int? = nil
    ) throws -> Store {
        let clock: @Sendable () -> Timestamp
        if let now {
            clock = { now }
        } else {
            clock = { Timestamp.now() }
        }
        DamageReport.guardDatabase(path)
        var readOnly = readOnly
        if !readOnly, let reason = notWritable(path) {
            printError("crm: \(path) is read-only for you (\(reason)); opened read-only")
            readOnly = true
        }
        var options = StoreOptions(durability: durability, readOnly: readOnly, clock: clock)
        if let mapSize {
            options.mapSize = mapSize
            // Where address space is limited (`ulimit -v`), a large map cannot be made: open
            // with the usual one, which grows as needed.
            if let store = try? Store(path: path, options: options) { return store }
            options.mapSize = StoreOptions().mapSize
        }
        return try Store(path: path, options: options)
    }

    /// Why the user may read the existing file at `path` but not write it ("mode 0400", "a
    /// read-only file system"), or nil when they may write it (or not read it, or it is missing).
    static func notWritable(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(path, R_OK) == 0,
            access(path, W_OK) != 0
        else { return nil }
        if errno == EROFS { return "it is on a read-only file system" }
        let digits = String(info.st_mode & 0o7777, radix: 8)
        return "mode " + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The line for an open that failed: "crm: cannot open PATH: is not a CRM store ...", or
    /// the store's own message when it says what it could not do ("crm: cannot read PATH: ...",
    /// "crm: cannot write the lock file PATH-lock: ..."); for a damaged file, what is damaged
    /// and what to do.
    static func message(_ error: any Error, path: String) -> String {
        var text = (error as? StoreError)?.message ?? "\(error)"
        if text.hasPrefix("\(path): ") { text.removeFirst(path.count + 2) }
        if (error as? StoreError)?.code == .corrupt {
            return "crm: " + DamageReport.message(text.contains(path) ? text : "\(path) is damaged: \(text)")
        }
        if text.hasPrefix("\(path) ") { return "crm: cannot open \(path): " + text.dropFirst(path.count + 1) }
        return "crm: " + (text.contains(path) ? text : "cannot open \(path): \(text)")
    }
}
