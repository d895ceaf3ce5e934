import CRMQuery
import CRMStore
import Foundation

/// The thread of an ``OpenTransaction``: one `Store.write` whose closure runs the statements
/// it is handed until `commit` (the closure returns) or `rollback` (it throws).
final class TransactionWorker: @unchecked Sendable {
    // SAFETY: `store` is Sendable and `time` a value set once; the rest goes through `mailbox`.
    /// Where requests come in and replies go out.
    let mailbox = TransactionMailbox()
    private let store: Store
    private let time: TimeContext

    /// A worker writing to `store`, every statement at `time`.
    init(store: Store, time: TimeContext) {
        self.store = store
        self.time = time
    }

    /// Serves requests until the transaction ends; call on the worker's own thread.
    func serve() {
        var done: [TransactionRequest.Work] = []
        var pending: TransactionRequest?
        var began = false
        var failed: Statement?
        do {
            try store.write { tx in
                // A second run of the closure (the map grew): do again what was done.
                for work in done {
                    _ = try runner(work, cancellable: false).execute(
                        work.statement, tx, now: time, receiver: BufferingReceiver(), source: work.source)
                }
                if !began {
                    began = true
                    mailbox.reply(.ended)
                }
                while true {
                    let request = pending ?? mailbox.awaitRequest()
                    pending = request
                    switch request {
                    case .statement(let work):
                        let executed: ExecutedStatement
                        do {
                            executed = try runner(work, cancellable: true).execute(
                                work.statement, tx, now: time, receiver: BufferingReceiver(),
                                source: work.source)
                        } catch {
                            failed = work.statement
                            throw error
                        }
                        done.append(work)
                        pending = nil
                        mailbox.reply(.executed(TransactionHandoff(executed)))
                    case .commit:
                        return
                    case .rollback:
                        throw RollbackRequested()
                    }
                }
            }
            mailbox.reply(.ended)
        } catch is RollbackRequested {
            mailbox.reply(.ended)
        } catch {
            mailbox.reply(.failed(error, failed))
        }
    }

    /// A runner for `work`; a replay cannot be cancelled.
    private func runner(_ work: TransactionRequest.Work, cancellable: Bool) -> ScriptRunner {
        let session = Session(store: store, timeZone: time.timeZone, now: time.now)
        session.usesIndexes = work.usesIndexes
        if cancellable { session.isCancelled = work.isCancelled }
        return ScriptRunner(
            session: session, reader: nil, parameters: work.parameters, options: RunOptions(), receiver: nil,
            dotCommands: nil)
    }
}

/// Thrown inside the write closure to roll the transaction back.
private struct RollbackRequested: Error {}

/// What the caller asks the transaction's thread to do.
enum TransactionRequest: Sendable {
    /// A statement to run, with what it needs from the caller's session.
    struct Work: @unchecked Sendable {
        // SAFETY: values handed to the worker, which alone uses them afterwards.
        let statement: Statement
        let source: String
        let parameters: Parameters
        let usesIndexes: Bool
        let isCancelled: @Sendable () -> Bool
    }

    /// Run a statement.
    case statement(Work)
    /// Commit and end.
    case commit
    /// Roll back and end.
    case rollback
}

/// What the transaction's thread answers.
enum TransactionReply: Sendable {
    /// The statement ran; here is what it sent.
    case executed(TransactionHandoff<ExecutedStatement>)
    /// The transaction ended on an error (of this statement, if known): nothing was written.
    case failed(any Error, Statement?)
    /// Begun, committed or rolled back, as asked.
    case ended
}

/// A value handed from one thread to the other, which never use it at the same time.
struct TransactionHandoff<Value>: @unchecked Sendable {
    // SAFETY: the sending thread lets go of the value when it replies.
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// One request slot, one reply slot and a condition: the caller sends a request and waits
/// for the reply; the worker waits for a request and replies.
final class TransactionMailbox: @unchecked Sendable {
    // SAFETY: every field is read and written with `condition` locked.
    private let condition = NSCondition()
    private var request: TransactionRequest?
    private var answer: TransactionReply?

    /// Hands `request` to the worker and waits for its reply.
    func send(_ request: TransactionRequest) -> TransactionReply {
        condition.lock()
        self.request = request
        condition.broadcast()
        condition.unlock()
        return awaitReply()
    }

    /// Waits for the worker's next reply.
    func awaitReply() -> TransactionReply {
        condition.lock()
        defer { condition.unlock() }
        while answer == nil { condition.wait() }
        let reply = answer ?? .ended
        answer = nil
        return reply
    }

    /// Waits for the caller's next request (on the worker).
    func awaitRequest() -> TransactionRequest {
        condition.lock()
        defer { condition.unlock() }
        while request == nil { condition.wait() }
        let next = request ?? .rollback
        request = nil
        return next
    }

    /// Answers the caller (on the worker).
    func reply(_ reply: TransactionReply) {
        condition.lock()
        answer = reply
        condition.broadcast()
        condition.unlock()
    }
}
