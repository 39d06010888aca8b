import Synchronization

/// A value shared between tasks behind a lock, for the state controllers keep between syncs (backoffs, state
/// machines). A class so that copies of the controller share it.
final class LockedValue<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<R>(_ body: (inout sending Value) throws -> sending R) rethrows -> sending R {
        try mutex.withLock(body)
    }
}
