import CRMQuery
import Foundation

/// Where a script's runner takes its chunks from: a ``StatementReader`` read on the
/// runner's thread, or, for a reader of a file or standard input, read ahead on a thread of
/// its own, so that lines are split and statements parsed on one core while the store
/// writes on another (the write transaction stays on the runner's thread, as LMDB
/// requires). At most 64 parsed chunks wait, so memory stays bounded.
final class ChunkSource {
    /// The name errors give the script.
    let name: String
    /// Where the chunk after the last one given starts: where to read again from after a
    /// transaction that must run again.
    private(set) var position: StatementReader.Mark
    private var reader: StatementReader?
    private let prefetcher: Prefetcher?

    /// A source reading `reader`, ahead on another thread when `prefetching`.
    init(_ reader: StatementReader, prefetching: Bool) {
        name = reader.name
        position = reader.position
        if prefetching {
            prefetcher = Prefetcher(reader)
            self.reader = nil
        } else {
            prefetcher = nil
            self.reader = reader
        }
    }

    /// The next chunk, or nil at the end. `beforeWaiting` is called (on this thread) when
    /// no chunk is ready and the input seems to wait for its writer.
    func next(beforeWaiting: () -> Void) throws -> PreparedChunk? {
        let prepared: PreparedChunk?
        if let prefetcher {
            prepared = try prefetcher.next(beforeWaiting: beforeWaiting)
        } else {
            prepared = try reader?.next().map { PreparedChunk(chunk: $0) }
        }
        if let prepared { position = prepared.chunk.end }
        return prepared
    }

    deinit {
        prefetcher?.cancel()
    }

    /// Takes back a chunk the runner is done with, so that a reading thread frees it (a
    /// chunk's statements are many small allocations; freeing them is work the runner's
    /// thread need not do).
    func retire(_ chunk: PreparedChunk) {
        prefetcher?.retire(chunk)
    }

    /// Goes back to `mark`; false when the input cannot.
    func rewind(to mark: StatementReader.Mark) -> Bool {
        let done: Bool
        if let prefetcher {
            done = prefetcher.rewind(to: mark)
        } else {
            done = reader?.rewind(to: mark) ?? false
        }
        if done { position = mark }
        return done
    }
}

/// Reads and parses chunks on a thread of its own into a bounded queue.
private final class Prefetcher: @unchecked Sendable {
    // SAFETY: `reader` is used by the reading thread only while it runs, and by the caller
    // only while it does not (`rewind` stops it and waits for it to end first). The queue and
    // the flags are touched only with `condition` locked.
    private var reader: StatementReader
    private let condition = NSCondition()
    private var queue: [Result<PreparedChunk, any Error>] = []
    private var readerDone = false
    private var running = false
    private var stopping = false
    private var callerWaiting = false
    /// The chunks taken from the queue at once, and the next to give.
    private var taken: [Result<PreparedChunk, any Error>] = []
    private var takenIndex = 0
    /// Chunks the caller is done with, and those handed to the reading thread to free.
    private var retired: [PreparedChunk] = []
    private var graveyard: [PreparedChunk] = []
    private var spentBatches: [[Result<PreparedChunk, any Error>]] = []

    /// The most chunks parsed ahead (a chunk holds up to 64 statements).
    static let capacity = 64

    /// Whether the reader's input can go back (taken before the thread starts).
    private let canRewind: Bool

    init(_ reader: StatementReader) {
        self.reader = reader
        canRewind = reader.canRewind
        start()
    }

    private func start() {
        running = true
        readerDone = false
        stopping = false
        Thread { [self] in produce() }.start()
    }

    /// The reading thread: parses chunks until the end, an error, or `stopping`.
    private func produce() {
        while true {
            condition.lock()
            while queue.count >= Self.capacity && !stopping { condition.wait() }
            if !graveyard.isEmpty || !spentBatches.isEmpty {
                var dead = graveyard
                var spent = spentBatches
                graveyard = []
                spentBatches = []
                condition.unlock()
                // Freed here, outside the lock.
                dead.removeAll()
                spent.removeAll()
                continue
            }
            if stopping {
                running = false
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.unlock()
            // Inserts are bound here too, off the runner's thread.
            let item: Result<PreparedChunk?, any Error> = Result {
                try reader.next().map(PreparedChunk.prebinding)
            }
            condition.lock()
            switch item {
            case .success(let chunk?): queue.append(.success(chunk))
            case .success(nil): readerDone = true
            case .failure(let error):
                queue.append(.failure(error))
                readerDone = true
            }
            if readerDone { running = false }
            if callerWaiting || readerDone { condition.broadcast() }
            let done = readerDone
            condition.unlock()
            if done { return }
        }
    }

    func next(beforeWaiting: () -> Void) throws -> PreparedChunk? {
        if takenIndex < taken.count {
            defer { takenIndex += 1 }
            return try taken[takenIndex].get()
        }
        condition.lock()
        if queue.isEmpty && !readerDone {
            callerWaiting = true
            // A moment's wait first: a file is parsed faster than that; a pipe whose writer
            // sends a statement and waits for its answer is not, so print what is pending.
            if !condition.wait(until: Date(timeIntervalSinceNow: 0.002)) && queue.isEmpty && !readerDone {
                condition.unlock()
                beforeWaiting()
                condition.lock()
            }
            while queue.isEmpty && !readerDone { condition.wait() }
            callerWaiting = false
        }
        if !taken.isEmpty { spentBatches.append(taken) }
        if !retired.isEmpty {
            graveyard.append(contentsOf: retired)
            retired.removeAll(keepingCapacity: true)
        }
        taken = queue
        queue = []
        takenIndex = 0
        condition.broadcast()
        condition.unlock()
        guard !taken.isEmpty else { return nil }
        takenIndex = 1
        return try taken[0].get()
    }

    /// Tells the reading thread to stop at its next chunk, without waiting for it: the
    /// caller is done with the script (it stopped early; a shell's `.read` after Ctrl-C).
    func cancel() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    /// Keeps `chunk` to be freed by the reading thread.
    func retire(_ chunk: PreparedChunk) {
        retired.append(chunk)
    }

    /// Stops the reading thread, goes back to `mark`, and reads on from there.
    func rewind(to mark: StatementReader.Mark) -> Bool {
        guard canRewind else { return false }
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        queue.removeAll()
        condition.unlock()
        taken.removeAll()
        takenIndex = 0
        let done = reader.rewind(to: mark)
        start()
        return done
    }
}
