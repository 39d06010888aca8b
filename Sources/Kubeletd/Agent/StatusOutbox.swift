import KubeAPI
import Synchronization
import Wire

/// What the node still has to tell the control plane: each pod's statuses in the order the runtime produced them,
/// the kubelet's Events, and pods whose termination finished (to delete for good). Filled by the runtime at any
/// time, drained by the session while connected, so nothing is lost across short disconnects.
///
/// Every status is kept (up to ``maxStatusesPerPod`` per pod, the oldest dropped first) so that each state a pod
/// passes through reaches the API even when the emulated steps take no time; a pod's statuses are sent before its
/// deletion. Events are kept up to ``maxEvents`` (the oldest dropped first), as a kubelet drops events it cannot
/// deliver.
final class StatusOutbox: Sendable {
    /// Everything taken by one ``drain()``.
    struct Batch: Sendable {
        /// Per pod key, its statuses oldest first; keys in the order they were first posted.
        var statuses: [(key: String, statuses: [PodStatus])] = []
        var events: [PodEventRecord] = []
        var terminated: Set<String> = []

        var isEmpty: Bool { statuses.isEmpty && events.isEmpty && terminated.isEmpty }
    }

    private struct State {
        var statuses: [String: [PodStatus]] = [:]
        var keyOrder: [String] = []
        var events: [PodEventRecord] = []
        var terminated: Set<String> = []
        var waiter: CheckedContinuation<Void, Never>?

        var isEmpty: Bool { statuses.isEmpty && events.isEmpty && terminated.isEmpty }

        mutating func enqueue(_ key: String, _ list: [PodStatus], atFront: Bool) {
            guard !list.isEmpty else { return }
            if statuses[key] == nil { keyOrder.append(key) }
            let existing = statuses[key] ?? []
            statuses[key] = Array((atFront ? list + existing : existing + list).suffix(StatusOutbox.maxStatusesPerPod))
        }
    }

    /// How many statuses of one pod wait at most.
    static let maxStatusesPerPod = 8
    /// How many Events wait at most.
    static let maxEvents = 1000

    private let state = Mutex(State())

    /// Records a pod's next status (`namespace/name` key).
    func post(_ key: String, _ status: PodStatus) {
        let waiter = state.withLock { state in
            state.enqueue(key, [status], atFront: false)
            return state.waiter.take()
        }
        waiter?.resume()
    }

    /// Records an Event to send.
    func postEvent(_ record: PodEventRecord) {
        let waiter = state.withLock { state in
            state.events.append(record)
            if state.events.count > Self.maxEvents { state.events.removeFirst(state.events.count - Self.maxEvents) }
            return state.waiter.take()
        }
        waiter?.resume()
    }

    /// Records that a deleted pod's containers have all stopped.
    func postTerminated(_ key: String) {
        let waiter = state.withLock { state in
            state.terminated.insert(key)
            return state.waiter.take()
        }
        waiter?.resume()
    }

    /// Takes everything pending (waits until something is).
    func drain() async -> Batch {
        while true {
            let taken: Batch? = state.withLock { state in
                guard !state.isEmpty else { return nil }
                let batch = Batch(
                    statuses: state.keyOrder.compactMap { key in state.statuses[key].map { (key, $0) } },
                    events: state.events, terminated: state.terminated)
                state.statuses = [:]
                state.keyOrder = []
                state.events = []
                state.terminated = []
                return batch
            }
            if let taken { return taken }
            if Task.isCancelled { return Batch() }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let ready = state.withLock { state -> Bool in
                        if !state.isEmpty { return true }
                        state.waiter = continuation
                        return false
                    }
                    if ready { continuation.resume() }
                }
            } onCancel: {
                state.withLock { $0.waiter.take() }?.resume()
            }
        }
    }

    /// Puts back what could not be sent (the connection dropped), ahead of anything posted meanwhile.
    func requeue(_ unsent: Batch) {
        state.withLock { state in
            for (key, list) in unsent.statuses.reversed() {
                state.enqueue(key, list, atFront: true)
                if let index = state.keyOrder.firstIndex(of: key) {
                    state.keyOrder.remove(at: index)
                    state.keyOrder.insert(key, at: 0)
                }
            }
            state.events = Array((unsent.events + state.events).suffix(Self.maxEvents))
            state.terminated.formUnion(unsent.terminated)
        }
    }
}
