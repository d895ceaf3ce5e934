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

    static func open(
        _ path: String, readOnly: Bool, now: Timestamp? = nil, durability: StoreOptions.Durability = .full
    )
        throws(ExitCode) -> Store
    {
        let clock: @Sendable () -> Timestamp
        if let now {
            clock = { now }
        } else {
            clock = { Timestamp.now() }
        }
        do {
            return try Store(
                path: path, options: StoreOptions(durability: durability, readOnly: readOnly, clock: clock))
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
