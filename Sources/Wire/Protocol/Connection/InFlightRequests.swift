import KubeAPI
import Synchronization

/// The requests a connection is running, so that a `cancel` message can stop one of them.
///
/// Each request runs in a child task of the connection; it registers an unstructured task that does the work so that
/// it can be cancelled by id. The child awaits that task and forwards its own cancellation to it, so the work never
/// outlives the connection.
final class InFlightRequests: Sendable {
    private let tasks = Mutex<[UInt64: Task<Void, Never>]>([:])

    /// Runs `work` as the request `id` until it finishes or is cancelled (by ``cancel(id:)`` or by the caller).
    func run(id: UInt64, _ work: @escaping @Sendable () async -> Void) async {
        let task = Task { await work() }
        tasks.withLock { $0[id] = task }
        await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
        _ = tasks.withLock { $0.removeValue(forKey: id) }
    }

    /// Cancels request `id` if it is still running.
    func cancel(id: UInt64) {
        tasks.withLock { $0[id] }?.cancel()
    }
}

/// Runs `operation`, failing with ``WireError/timeout(seconds:)`` if it takes longer than `seconds` (nil: no limit).
func withTimeout<T: Sendable>(seconds: Double?, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    guard let seconds, seconds > 0 else { return try await operation() }
    return try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            throw WireError.timeout(seconds: seconds)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        return first
    }
}
