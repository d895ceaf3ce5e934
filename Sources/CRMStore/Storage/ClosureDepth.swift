#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How many read and write closures of one engine the current thread is inside, so that a
/// write or a table open started inside one is refused rather than left to wait for itself.
///
/// One pthread key per engine: each thread sees only its own count, without a lock.
final class ClosureDepth: @unchecked Sendable {
    // SAFETY: a pthread key is an integer handle, written once in init; pthread_getspecific
    // and pthread_setspecific are thread-safe and each thread sees only its own value.
    private var key = pthread_key_t()

    init() {
        // Should the process run out of keys, `current` stays 0: nesting then goes undetected
        // here, and LMDB's own check still refuses a write inside a write.
        pthread_key_create(&key, nil)
    }

    deinit {
        pthread_key_delete(key)
    }

    /// The number of closures the current thread is inside.
    var current: Int {
        Int(bitPattern: pthread_getspecific(key))
    }

    /// Notes that the current thread enters a closure.
    func enter() {
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: current + 1))
    }

    /// Notes that the current thread leaves a closure.
    func leave() {
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: current - 1))
    }
}
