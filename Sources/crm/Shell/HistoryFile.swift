import Foundation

/// Where the shell keeps its history across sessions: `$CRM_HISTORY`, else `~/.crm_history`.
///
/// The file may hold customer names and e-mail addresses typed into queries, so it is
/// created readable by its owner only (mode 0600), like the history files of psql and bash.
struct HistoryFile {
    /// The file's path.
    let path: String

    /// The history file for this environment, or nil when there is no home folder to keep
    /// one in (history then lasts for the session only).
    static func forEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> HistoryFile?
    {
        if let path = environment["CRM_HISTORY"], !path.isEmpty { return HistoryFile(path: path) }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return HistoryFile(path: home + "/.crm_history")
    }

    /// Creates the file if it is missing and makes it private to its owner (mode 0600).
    /// Returns whether the file is usable.
    @discardableResult
    func makePrivate() -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return fchmod(descriptor, 0o600) == 0
    }
}
