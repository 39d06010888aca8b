import Synchronization
import Wire

/// What the node still has to tell the control plane: the latest status of each pod, and pods whose termination
/// finished (to delete for good). Filled by the runtime at any time, drained by the session while connected, so
/// nothing is lost across disconnects and only the newest status of a pod is sent.
final class StatusOutbox: Sendable {
    private struct State {
        var statuses: [String: PodStatus] = [:]
        var terminated: Set<String> = []
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Records a pod's newest status (`namespace/name` key).
    func post(_ key: String, _ status: PodStatus) {
        let waiter = state.withLock { state in
            state.statuses[key] = status
            return state.waiter.take()
        }
        waiter?.resume()
    }

    /// Records that a deleted pod's containers have all stopped.
    func postTerminated(_ key: String) {
        let waiter = state.withLock { state in
            state.terminated.insert(key)
            state.statuses[key] = nil
            return state.waiter.take()
        }
        waiter?.resume()
    }

    /// Takes everything pending (waits until something is).
    func drain() async -> (statuses: [String: PodStatus], terminated: Set<String>) {
        while true {
            let taken: (statuses: [String: PodStatus], terminated: Set<String>)? = state.withLock { state in
                guard !state.statuses.isEmpty || !state.terminated.isEmpty else { return nil }
                defer { state.statuses = [:]; state.terminated = [] }
                return (state.statuses, state.terminated)
            }
            if let taken { return taken }
            if Task.isCancelled { return ([:], []) }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let ready = state.withLock { state -> Bool in
                        if !state.statuses.isEmpty || !state.terminated.isEmpty { return true }
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

    /// Puts back what could not be sent (the connection dropped), unless newer news arrived meanwhile.
    func requeue(statuses: [String: PodStatus], terminated: Set<String>) {
        state.withLock { state in
            for (key, status) in statuses where state.statuses[key] == nil && !state.terminated.contains(key) {
                state.statuses[key] = status
            }
            state.terminated.formUnion(terminated)
        }
    }
}
