import ArgumentParser
import CRMEngine
import CRMStore
import Foundation

/// Opens the store a command names, turning failure into a one-line message naming the file
/// and the cause, and exit status 3.
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

    static func open(
        _ path: String, readOnly: Bool, now: Timestamp? = nil, durability: StoreOptions.Durability = .full,
        mapSize: Int? = nil
    )
        throws(ExitCode) -> Store
    {
        let clock: @Sendable () -> Timestamp
        if let now {
            clock = { now }
        } else {
            clock = { Timestamp.now() }
        }
        var options = StoreOptions(durability: durability, readOnly: readOnly, clock: clock)
        if let mapSize {
            options.mapSize = mapSize
            // Where address space is limited (`ulimit -v`), a large map cannot be made: open
            // with the usual one, which grows as needed.
            if let store = try? Store(path: path, options: options) { return store }
            options.mapSize = StoreOptions().mapSize
        }
        do {
            return try Store(path: path, options: options)
        } catch let error as StoreError {
            printError("crm: cannot open \(path): \(Self.cause(error, path: path))")
            throw ExitStatus.cannotOpen
        } catch {
            printError("crm: cannot open \(path): \(error)")
            throw ExitStatus.cannotOpen
        }
    }

    /// The message without the path repeated at its start.
    private static func cause(_ error: StoreError, path: String) -> String {
        var message = error.message
        for prefix in ["\(path): ", "\(path) "] where message.hasPrefix(prefix) {
            message = String(message.dropFirst(prefix.count))
        }
        return message
    }
}
