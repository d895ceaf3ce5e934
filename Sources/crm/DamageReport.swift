import LMDB

/// How `crm` tells its user that a database is damaged, and what to do about it: one place for
/// the wording, so that a damaged record, a damaged page found at open, a write refused after
/// damage and a read fault in the map all end with the same advice.
enum DamageReport {
    /// What a user should do about a damaged database once they know where the damage is.
    static let restore = "restore from a backup (crm backup)"
    /// What a user should do about a damaged database.
    static let advice = "\(restore) or run crm check"

    /// `detail` (a store's message, "customer 42 is damaged: ...") with the advice: the
    /// library's own short advice at its end is replaced by crm's.
    static func message(_ detail: String) -> String {
        var text = detail
        for suffix in [" (restore it from a backup)", "; restore it from a backup"]
        where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
        }
        return "\(text); \(advice)"
    }

    /// The line the fault guard writes when a read of `path`'s pages faults.
    static func faultMessage(_ path: String) -> String {
        "crm: \(path) is damaged (a read fault in its pages); \(advice)\n"
    }

    /// Installs the fault guard for this process (`FaultGuard`): a read fault in a damaged
    /// database's pages ends crm with a message and exit status 3, never a raw signal.
    static func installFaultGuard() {
        try? FaultGuard.install(message: faultMessage("the database"))
    }

    /// Points the fault guard's message at `path`, the database about to be opened.
    static func guardDatabase(_ path: String) {
        FaultGuard.setMessage(faultMessage(path))
    }
}
