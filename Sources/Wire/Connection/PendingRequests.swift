import Synchronization

/// The client's table of requests awaiting an answer and of open watches, keyed by request id.
///
/// Every continuation is resumed exactly once: by its response, its error, a cancellation, or the connection closing
/// (which fails everything pending and refuses new entries).
final class PendingRequests: Sendable {
    private struct State {
        var nextID: UInt64 = 1
        var responses: [UInt64: CheckedContinuation<JSONValue?, any Error>] = [:]
        var watches: [UInt64: AsyncThrowingStream<WatchEvent, any Error>.Continuation] = [:]
        /// Ids cancelled before their continuation was registered.
        var cancelledEarly: Set<UInt64> = []
        var closedError: (any Error)?
    }

    private let state = Mutex(State())

    /// A fresh request id.
    func makeID() -> UInt64 {
        state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
    }

    /// Registers a continuation for `id`; resumes it at once if the connection is closed or `id` was cancelled.
    /// Returns whether the request should be sent.
    func register(_ id: UInt64, _ continuation: CheckedContinuation<JSONValue?, any Error>) -> Bool {
        let refusal: (any Error)? = state.withLock { state in
            if let error = state.closedError { return error }
            if state.cancelledEarly.remove(id) != nil { return CancellationError() }
            state.responses[id] = continuation
            return nil
        }
        if let refusal {
            continuation.resume(throwing: refusal)
            return false
        }
        return true
    }

    /// Registers a watch stream for `id`. Returns false (after finishing the stream) if the connection is closed.
    func registerWatch(_ id: UInt64, _ continuation: AsyncThrowingStream<WatchEvent, any Error>.Continuation) -> Bool {
        let refusal: (any Error)? = state.withLock { state in
            if let error = state.closedError { return error }
            state.watches[id] = continuation
            return nil
        }
        if let refusal {
            continuation.finish(throwing: refusal)
            return false
        }
        return true
    }

    /// Delivers a response (or the end of a watch).
    func complete(_ id: UInt64, object: JSONValue?) {
        let (response, watch) = state.withLock { ($0.responses.removeValue(forKey: id), $0.watches.removeValue(forKey: id)) }
        response?.resume(returning: object)
        watch?.finish()
    }

    /// Delivers an error for `id`.
    func fail(_ id: UInt64, _ error: any Error) {
        let (response, watch) = state.withLock { state in
            let pair = (state.responses.removeValue(forKey: id), state.watches.removeValue(forKey: id))
            if pair.0 == nil && pair.1 == nil && error is CancellationError { state.cancelledEarly.insert(id) }
            return pair
        }
        response?.resume(throwing: error)
        watch?.finish(throwing: error)
    }

    /// Delivers a watch event; returns false if nobody watches `id` any more.
    @discardableResult
    func deliver(_ id: UInt64, _ event: WatchEvent) -> Bool {
        guard let watch = state.withLock({ $0.watches[id] }) else { return false }
        watch.yield(event)
        return true
    }

    /// Fails everything pending with `error` and refuses later registrations.
    func close(with error: any Error) {
        let (responses, watches) = state.withLock { state in
            if state.closedError == nil { state.closedError = error }
            defer { state.responses = [:]; state.watches = [:] }
            return (state.responses, state.watches)
        }
        for continuation in responses.values { continuation.resume(throwing: error) }
        for continuation in watches.values { continuation.finish(throwing: error) }
    }
}
