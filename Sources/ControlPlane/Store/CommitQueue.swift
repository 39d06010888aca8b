import Synchronization

/// The writes waiting for the store's next group commit, and whether a drain of them is already on its way.
///
/// Writers ``enqueue(_:)`` a job; the one that finds no drain scheduled must schedule one (on the store's serial
/// write queue). A drain ``takeAll()``s the jobs queued so far and commits them in one transaction; jobs that arrive
/// meanwhile wait for the next drain, which ``finishDrain()`` tells the drain to schedule. So at most one drain is
/// scheduled at a time, none is scheduled while the queue is empty, and no queued job is left without one.
///
/// Pure bookkeeping (no I/O), safe from any thread.
final class CommitQueue<Job: Sendable>: Sendable {
    private struct State {
        var jobs: [Job] = []
        var drainScheduled = false
    }

    private let state = Mutex(State())

    init() {}

    /// Queues `job`.
    ///
    /// - Returns: `true` when the caller must schedule a drain (none was scheduled); it is then marked scheduled.
    func enqueue(_ job: Job) -> Bool {
        state.withLock { state in
            state.jobs.append(job)
            guard !state.drainScheduled else { return false }
            state.drainScheduled = true
            return true
        }
    }

    /// Takes every queued job, oldest first. The drain stays scheduled (call ``finishDrain()`` when done).
    func takeAll() -> [Job] {
        state.withLock { state in
            defer { state.jobs = [] }
            return state.jobs
        }
    }

    /// A drain has committed what it took.
    ///
    /// - Returns: `true` when jobs arrived meanwhile and the caller must schedule the next drain (the queue stays
    ///   marked scheduled); `false` when the queue is empty and no drain is scheduled any more.
    func finishDrain() -> Bool {
        state.withLock { state in
            state.drainScheduled = !state.jobs.isEmpty
            return state.drainScheduled
        }
    }

    /// How many jobs are queued (diagnostics, tests).
    var count: Int { state.withLock { $0.jobs.count } }
}
