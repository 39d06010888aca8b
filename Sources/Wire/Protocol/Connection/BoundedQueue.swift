import KubeAPI
import Synchronization

/// A bounded queue between producers and one consumer, with an end: producers wait while more than `capacity`
/// elements are queued (backpressure); the consumer gets the elements in order, then `nil` once the queue was
/// finished (its ``outcome`` is then set) or the error it was failed with.
///
/// Every waiter is resumed exactly once: a producer when there is room again or the consumer is gone (then
/// ``send(_:)`` returns false), the consumer when an element, the end or a failure arrives, or when its task is
/// cancelled (it then throws `CancellationError` and the queue is cancelled).
public final class BoundedQueue<Element: Sendable, Outcome: Sendable>: Sendable {
    private struct State {
        var buffer: [Element] = []
        var head = 0
        var producers: [UInt64: CheckedContinuation<Bool, Never>] = [:]
        var nextProducer: UInt64 = 0
        var consumer: CheckedContinuation<Element?, any Error>?
        var end: Result<Outcome, any Error>?
        var consumerGone = false

        var count: Int { buffer.count - head }

        mutating func take() -> Element? {
            guard head < buffer.count else { return nil }
            let element = buffer[head]
            head += 1
            if head > 64 && head * 2 > buffer.count {
                buffer.removeFirst(head)
                head = 0
            }
            return element
        }
    }

    private enum SendStep {
        case refused
        case delivered(CheckedContinuation<Element?, any Error>)
        case queued(mustWait: Bool)
    }

    private enum NextStep {
        case element(Element, [CheckedContinuation<Bool, Never>])
        case end(Result<Outcome, any Error>)
        case cancelled
        case wait
    }

    private let state = Mutex(State())
    /// How many elements may wait before producers are held.
    public let capacity: Int

    public init(capacity: Int = 16) {
        self.capacity = Swift.max(1, capacity)
    }

    // MARK: - Producers

    /// Queues `element`; returns once the queue has room again. Returns false (and drops the element) when the
    /// queue has ended or its consumer is gone.
    @discardableResult
    public func send(_ element: Element) async -> Bool {
        let step: SendStep = state.withLock { state in
            if state.end != nil || state.consumerGone { return .refused }
            if let consumer = state.consumer {
                state.consumer = nil
                return .delivered(consumer)
            }
            state.buffer.append(element)
            return .queued(mustWait: state.count > capacity)
        }
        switch step {
        case .refused:
            return false
        case .delivered(let consumer):
            consumer.resume(returning: element)
            return true
        case .queued(let mustWait):
            guard mustWait else { return true }
            return await withCheckedContinuation { continuation in
                let resumeNow: Bool? = state.withLock { state in
                    if state.consumerGone { return false }
                    if state.count <= capacity { return true }
                    state.nextProducer += 1
                    state.producers[state.nextProducer] = continuation
                    return nil
                }
                if let resumeNow { continuation.resume(returning: resumeNow) }
            }
        }
    }

    /// Ends the queue: the consumer gets what is queued, then `nil`, and ``outcome`` is `outcome`. Later calls to
    /// ``finish(_:)`` or ``fail(_:)`` are ignored.
    public func finish(_ outcome: Outcome) {
        end(with: .success(outcome))
    }

    /// Ends the queue with an error: the consumer gets what is queued, then `error`.
    public func fail(_ error: any Error) {
        end(with: .failure(error))
    }

    private func end(with result: Result<Outcome, any Error>) {
        let consumer: CheckedContinuation<Element?, any Error>? = state.withLock { state in
            guard state.end == nil else { return nil }
            state.end = result
            guard state.count == 0 else { return nil }
            defer { state.consumer = nil }
            return state.consumer
        }
        guard let consumer else { return }
        switch result {
        case .success: consumer.resume(returning: nil)
        case .failure(let error): consumer.resume(throwing: error)
        }
    }

    // MARK: - The consumer

    /// The next element; `nil` once the queue has finished; throws the error it was failed with, or
    /// `CancellationError` when the calling task is cancelled (which also cancels the queue).
    public func next() async throws -> Element? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Element?, any Error>) in
                let step: NextStep = state.withLock { state in
                    if state.consumerGone { return .cancelled }
                    if let element = state.take() {
                        var released: [CheckedContinuation<Bool, Never>] = []
                        if state.count <= capacity {
                            released = Array(state.producers.values)
                            state.producers = [:]
                        }
                        return .element(element, released)
                    }
                    if let end = state.end { return .end(end) }
                    state.consumer = continuation
                    return .wait
                }
                switch step {
                case .element(let element, let released):
                    for producer in released { producer.resume(returning: true) }
                    continuation.resume(returning: element)
                case .end(.success):
                    continuation.resume(returning: nil)
                case .end(.failure(let error)):
                    continuation.resume(throwing: error)
                case .cancelled:
                    continuation.resume(throwing: CancellationError())
                case .wait:
                    break
                }
            }
        } onCancel: {
            cancel()
        }
    }

    /// How many producers are suspended in ``send(_:)`` waiting for room; lets callers (and tests) see that
    /// back-pressure holds them rather than guess with a delay.
    public var waitingProducers: Int { state.withLock { $0.producers.count } }

    /// Whether a consumer is suspended in ``next()`` waiting for an element.
    public var hasWaitingConsumer: Bool { state.withLock { $0.consumer != nil } }

    /// How the queue ended, once it has (nil before, or when it failed).
    public var outcome: Outcome? {
        state.withLock { state in
            if case .success(let outcome) = state.end { return outcome }
            return nil
        }
    }

    /// The consumer is gone: drops what is queued, releases waiting producers (their ``send(_:)`` returns false)
    /// and resumes a waiting ``next()`` with `CancellationError`.
    public func cancel() {
        let (producers, consumer) = state.withLock { state in
            state.consumerGone = true
            state.buffer = []
            state.head = 0
            defer {
                state.producers = [:]
                state.consumer = nil
            }
            return (Array(state.producers.values), state.consumer)
        }
        for producer in producers { producer.resume(returning: false) }
        consumer?.resume(throwing: CancellationError())
    }
}

extension BoundedQueue: AsyncSequence {
    public struct AsyncIterator: AsyncIteratorProtocol {
        let queue: BoundedQueue
        public mutating func next() async throws -> Element? { try await queue.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(queue: self) }
}
