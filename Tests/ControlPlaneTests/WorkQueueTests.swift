import Synchronization
import Testing

@testable import ControlPlane

/// A clock that only moves when told to; sleepers wake when `advance` passes their deadline.
private final class ManualClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [UInt64: Sleeper] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    var now: Instant { state.withLock { $0.now } }
    var minimumResolution: Duration { .zero }
    /// Tasks currently suspended in `sleep`.
    var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Result<Void, any Error>? = state.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(()) }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    func advance(by duration: Duration) {
        let due = state.withLock { state in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let due = state.sleepers.filter { $0.value.deadline <= now }
            for id in due.keys { state.sleepers[id] = nil }
            return Array(due.values)
        }
        for sleeper in due { sleeper.continuation.resume() }
    }
}

/// Yields until `condition` holds (bounded by the suite's time limit); no sleeping, no clock.
private func until(_ condition: () async -> Bool) async {
    while !(await condition()) { await Task.yield() }
}

@Suite(.timeLimit(.minutes(1))) struct WorkQueueTests {
    @Test func add_coalescesDuplicatesUntilHandedOut() async {
        let queue = WorkQueue<String>()
        await queue.add("a")
        await queue.add("b")
        await queue.add("a")
        #expect(await queue.len == 2)
        #expect(await queue.next() == "a")
        #expect(await queue.next() == "b")
        #expect(await queue.len == 0)
    }

    @Test func keyBeingProcessed_isNotHandedOutAgainUntilDone() async {
        let queue = WorkQueue<String>()
        await queue.add("a")
        #expect(await queue.next() == "a")
        await queue.add("a")
        await queue.add("a")
        #expect(await queue.len == 0)  // deferred, not queued
        await queue.add("b")
        #expect(await queue.next() == "b")
        await queue.done("a")
        #expect(await queue.len == 1)  // requeued once
        #expect(await queue.next() == "a")
        await queue.done("a")
        await queue.done("b")
        #expect(await queue.len == 0)
    }

    @Test func waitingWorker_isWokenByAdd_andByDoneRequeue() async {
        let queue = WorkQueue<String>()
        let worker = Task { await queue.next() }
        await until { await queue.waiterCount == 1 }
        await queue.add("a")
        #expect(await worker.value == "a")

        await queue.add("a")  // while processing
        let second = Task { await queue.next() }
        await until { await queue.waiterCount == 1 }
        await queue.done("a")
        #expect(await second.value == "a")
    }

    @Test func delayedAdds_becomeReadyInReadyTimeOrder() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        await queue.add("late", after: .milliseconds(30))
        await queue.add("early", after: .milliseconds(10))
        await queue.add("middle", after: .milliseconds(20))
        await queue.add("now", after: .zero)
        #expect(await queue.len == 1)
        #expect(await queue.delayedCount == 3)

        clock.advance(by: .milliseconds(9))
        #expect(await queue.next() == "now")
        #expect(await queue.len == 0)

        clock.advance(by: .milliseconds(21))
        #expect(await queue.next() == "early")
        #expect(await queue.next() == "middle")
        #expect(await queue.next() == "late")
        #expect(await queue.delayedCount == 0)
        await until { await !queue.timerArmed }
    }

    @Test func delayedAdd_keepsTheEarliestReadyTimePerKey() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        await queue.add("a", after: .seconds(10))
        await queue.add("a", after: .seconds(1))  // moves it forward
        await queue.add("a", after: .seconds(5))  // later: ignored
        #expect(await queue.delayedCount == 1)
        clock.advance(by: .seconds(1))
        #expect(await queue.next() == "a")
        await queue.done("a")
        #expect(await !queue.timerArmed)  // the superseded 10 s entry is dropped, not waited for
        clock.advance(by: .seconds(20))
        #expect(await queue.len == 0)
    }

    @Test func delayedAdd_onRealClock_arrives() async {
        let queue = WorkQueue<Int>()
        await queue.add(2, after: .milliseconds(40))
        await queue.add(1, after: .milliseconds(20))
        #expect(await queue.next() == 1)
        #expect(await queue.next() == 2)
    }

    @Test func rateLimit_growsExponentiallyToTheCap_andForgetResets() async {
        let queue = WorkQueue<String>(clock: ManualClock(), baseDelay: .milliseconds(5), maxDelay: .seconds(1000))
        var delays: [Duration] = []
        for _ in 0..<4 {
            delays.append(await queue.backoff(for: "a"))
            await queue.addRateLimited("a")
        }
        #expect(delays == [.milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(40)])
        #expect(await queue.numRequeues("a") == 4)
        #expect(await queue.backoff(for: "b") == .milliseconds(5))  // per key

        for _ in 0..<40 { await queue.addRateLimited("a") }
        #expect(await queue.backoff(for: "a") == .seconds(1000))

        await queue.forget("a")
        #expect(await queue.numRequeues("a") == 0)
        #expect(await queue.backoff(for: "a") == .milliseconds(5))
        await queue.shutDown()
    }

    @Test func addRateLimited_waitsForTheBackoff() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock, baseDelay: .seconds(1))
        await queue.addRateLimited("a")
        #expect(await queue.len == 0)
        clock.advance(by: .milliseconds(999))
        #expect(await queue.len == 0)
        clock.advance(by: .milliseconds(1))
        #expect(await queue.next() == "a")
    }

    @Test func shutDown_wakesWaiters_dropsWork_andCancelsTheTimer() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        let workers = (0..<2).map { _ in Task { await queue.next() } }
        await until { await queue.waiterCount == 2 }
        await queue.add("x", after: .seconds(5))
        await until { clock.sleeperCount == 1 }

        await queue.shutDown()
        for worker in workers { #expect(await worker.value == nil) }
        #expect(clock.sleeperCount == 0)  // the timer's sleep was cancelled
        #expect(await !queue.timerArmed)
        await queue.add("y")
        await queue.add("z", after: .seconds(1))
        #expect(await queue.len == 0)
        #expect(await queue.delayedCount == 0)
        #expect(await queue.next() == nil)
    }

    @Test func cancelledNext_returnsNil_andDoesNotSwallowAKey() async {
        let queue = WorkQueue<String>()
        let worker = Task { await queue.next() }
        await until { await queue.waiterCount == 1 }
        worker.cancel()
        #expect(await worker.value == nil)
        await until { await queue.waiterCount == 0 }
        await queue.add("a")
        #expect(await queue.len == 1)
    }
}
