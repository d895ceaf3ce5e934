import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The demo's temporary folder: created for one run, removed when the shell ends, and also
/// when the process is told to stop (SIGHUP when the terminal closes, SIGTERM) rather than
/// left behind.
///
/// The signal handler may only make async-signal-safe calls, so the paths are made C strings
/// before it is installed, and it removes the store's two files (`demo.db` and
/// `demo.db-lock`: LMDB with `MDB_NOSUBDIR`) and the folder with `unlink` and `rmdir`, then
/// ends the process as the signal would have.
enum DemoFolder {
    // SAFETY: the three paths are written once, before the handlers are installed, and only
    // read afterwards; plain pointers, so the handler neither allocates nor retains.
    /// The store's path, for the handler.
    nonisolated(unsafe) private static var storePath: UnsafeMutablePointer<CChar>?
    /// The store's lock file.
    nonisolated(unsafe) private static var lockPath: UnsafeMutablePointer<CChar>?
    /// The folder.
    nonisolated(unsafe) private static var folderPath: UnsafeMutablePointer<CChar>?

    /// Creates a fresh folder for this process's demo and returns the store's path in it.
    /// Folders left by demos whose process is gone (killed with SIGKILL) are removed first.
    static func create() -> String {
        let temporary = NSTemporaryDirectory()
        removeAbandoned(in: temporary)
        let directory = temporary + (temporary.hasSuffix("/") ? "" : "/") + "crm-demo-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = directory + "/demo.db"
        storePath = strdup(store)
        lockPath = strdup(store + "-lock")
        folderPath = strdup(directory)
        for signal in [SIGHUP, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in
                // SAFETY: unlink, rmdir and _exit are async-signal-safe.
                if let path = DemoFolder.storePath { unlink(path) }
                if let path = DemoFolder.lockPath { unlink(path) }
                if let path = DemoFolder.folderPath { rmdir(path) }
                _exit(128 + signal)
            }
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
        return store
    }

    /// Removes the folder (when the shell ends normally).
    static func remove() {
        guard let folder = folderPath else { return }
        try? FileManager.default.removeItem(atPath: String(cString: folder))
    }

    /// Removes `crm-demo-PID` folders in `temporary` whose process no longer runs.
    private static func removeAbandoned(in temporary: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []
        for name in names where name.hasPrefix("crm-demo-") {
            guard let pid = pid_t(name.dropFirst("crm-demo-".count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: temporary + "/" + name)
            }
        }
    }
}
