import Synchronization

/// Holds `parties` concurrent tasks until every one has arrived (each has opened its connection, say), then lets them
/// all go at once and remembers that instant, so a timed phase starts only when every worker is ready.
final class StartGate: Sendable {
    private struct State {
        var arrived = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
        var opened: ContinuousClock.Instant?
        var onOpen: (@Sendable () -> Void)?
    }

    let parties: Int
    private let state: Mutex<State>

    /// `onOpen` runs once, in the last arriving task, just before the gate opens (to take CPU readings, say).
    init(parties: Int, onOpen: (@Sendable () -> Void)? = nil) {
        self.parties = parties
        state = Mutex(State(onOpen: onOpen))
    }

    /// Waits until all `parties` have arrived.
    func arrive() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let (release, onOpen) = state.withLock { state -> ([CheckedContinuation<Void, Never>], (@Sendable () -> Void)?) in
                state.arrived += 1
                state.waiting.append(continuation)
                guard state.arrived >= parties, state.opened == nil else { return ([], nil) }
                let release = state.waiting
                state.waiting = []
                let onOpen = state.onOpen
                state.onOpen = nil
                return (release, onOpen)
            }
            guard !release.isEmpty else { return }
            onOpen?()
            state.withLock { $0.opened = ContinuousClock.now }
            release.forEach { $0.resume() }
        }
    }

    /// A party that will never arrive (its connection failed): counted as arrived, so the others are not held forever.
    func abandon() {
        let release = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.arrived += 1
            guard state.arrived >= parties, state.opened == nil else { return [] }
            state.opened = ContinuousClock.now
            defer { state.waiting = [] }
            return state.waiting
        }
        release.forEach { $0.resume() }
    }

    /// When the gate opened, nil while it is shut.
    var opened: ContinuousClock.Instant? { state.withLock { $0.opened } }
}
