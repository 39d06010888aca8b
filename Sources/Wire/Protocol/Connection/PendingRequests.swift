import KubeAPI
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
        var streams: [UInt64: BoundedQueue<StreamChunk, StreamOutcome>] = [:]
        /// Ids cancelled before their continuation was registered.
        var cancelledEarly: Set<UInt64> = []
        /// Warnings received for a request, kept until its caller takes them.
        var warnings: [UInt64: [String]] = [:]
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

    /// Registers a stream's output queue for `id`. Returns false (after failing the queue) if the connection is
    /// closed.
    func registerStream(_ id: UInt64, _ queue: BoundedQueue<StreamChunk, StreamOutcome>) -> Bool {
        let refusal: (any Error)? = state.withLock { state in
            if let error = state.closedError { return error }
            state.streams[id] = queue
            return nil
        }
        if let refusal {
            queue.fail(refusal)
            return false
        }
        return true
    }

    /// Delivers a response (or the end of a watch or stream).
    func complete(_ id: UInt64, object: JSONValue?) {
        let (response, watch, stream) = state.withLock {
            ($0.responses.removeValue(forKey: id), $0.watches.removeValue(forKey: id), $0.streams.removeValue(forKey: id))
        }
        response?.resume(returning: object)
        watch?.finish()
        stream?.finish(.ended)
    }

    /// Delivers the exit status ending an exec stream.
    /// Keeps a warning the server sent for request `id` (only for a request still waiting for its answer).
    func warned(_ id: UInt64, _ text: String) {
        state.withLock { state in
            if state.responses[id] != nil { state.warnings[id, default: []].append(text) }
        }
    }

    /// The warnings kept for request `id`, forgotten.
    func takeWarnings(_ id: UInt64) -> [String] {
        state.withLock { $0.warnings.removeValue(forKey: id) ?? [] }
    }

    func exited(_ id: UInt64, _ status: Status) {
        let (response, stream) = state.withLock { ($0.responses.removeValue(forKey: id), $0.streams.removeValue(forKey: id)) }
        response?.resume(returning: nil)
        stream?.finish(.exited(status))
    }

    /// Delivers a chunk of a stream's output, waiting while its consumer is behind; dropped if nobody reads `id`.
    func deliver(_ id: UInt64, _ chunk: StreamChunk) async {
        guard let stream = state.withLock({ $0.streams[id] }) else { return }
        await stream.send(chunk)
    }

    /// Delivers an error for `id`.
    func fail(_ id: UInt64, _ error: any Error) {
        let (response, watch, stream) = state.withLock { state in
            let found = (
                state.responses.removeValue(forKey: id), state.watches.removeValue(forKey: id),
                state.streams.removeValue(forKey: id)
            )
            if found.0 == nil && found.1 == nil && found.2 == nil && error is CancellationError {
                state.cancelledEarly.insert(id)
            }
            return found
        }
        response?.resume(throwing: error)
        watch?.finish(throwing: error)
        stream?.fail(error)
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
        let (responses, watches, streams) = state.withLock { state in
            if state.closedError == nil { state.closedError = error }
            defer { state.responses = [:]; state.watches = [:]; state.streams = [:] }
            return (state.responses, state.watches, state.streams)
        }
        for continuation in responses.values { continuation.resume(throwing: error) }
        for continuation in watches.values { continuation.finish(throwing: error) }
        for queue in streams.values { queue.fail(error) }
    }
}
