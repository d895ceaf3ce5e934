#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A process-wide readers/writer lock that keeps `mdb_env_set_mapsize` apart from every
/// transaction of this process.
///
/// LMDB: `mdb_env_set_mapsize` "may be called at later times if no transactions are active
/// in this process". Every transaction holds the lock shared; growing or adopting the map
/// takes it exclusively, with a time limit so that a thread which holds a transaction open
/// while another grows the map gets an error rather than a deadlock.
final class MapLock: @unchecked Sendable {
    // SAFETY: the pthread lock is allocated once, never moved, and destroyed in deinit;
    // pthread rwlocks are made to be shared between threads.
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_rwlock_t())
        var attributes = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributes)
        #if canImport(Glibc)
            // glibc lets readers in ahead of a waiting writer by default, so a steady stream of
            // read transactions would keep the map from ever growing. Prefer the writer.
            pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        #endif
        pthread_rwlock_init(lock, &attributes)
        pthread_rwlockattr_destroy(&attributes)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    func lockShared() {
        pthread_rwlock_rdlock(lock)
    }

    func unlockShared() {
        pthread_rwlock_unlock(lock)
    }

    /// Runs `body` holding the lock exclusively; returns nil when the lock could not be had
    /// within `seconds`.
    func withExclusive<R>(waitingAtMost seconds: Int, _ body: () throws -> R) rethrows -> R? {
        var deadline = timespec()
        clock_gettime(CLOCK_REALTIME, &deadline)
        deadline.tv_sec += seconds
        guard pthread_rwlock_timedwrlock(lock, &deadline) == 0 else { return nil }
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }
}

/// A flag per thread: whether this thread runs a write transaction on one environment.
///
/// LMDB's writer lock is not recursive: a second write transaction begun on a thread that
/// already holds one would wait for itself forever. The flag turns that into an error.
final class ThreadFlag: @unchecked Sendable {
    // SAFETY: a pthread key is an integer handle; pthread_getspecific/setspecific are
    // thread-safe and each thread sees only its own value.
    private var key = pthread_key_t()

    init() {
        pthread_key_create(&key, nil)
    }

    deinit {
        pthread_key_delete(key)
    }

    var isSet: Bool {
        get { pthread_getspecific(key) != nil }
        set { pthread_setspecific(key, newValue ? UnsafeRawPointer(bitPattern: 1) : nil) }
    }
}
