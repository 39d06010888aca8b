import Foundation
import KubeAPI
import Synchronization
import Wire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// What `pods/attach` sessions send to a container's main process: bytes for its stdin, the end of its stdin, a
/// terminal size.
enum ContainerInput: Sendable, Hashable {
    case data([UInt8])
    case close
    case resize(TerminalSize)
}

/// The live standard streams of one container run, shared by its driver and the `pods/attach` sessions on it (a
/// container runtime's attach, as containerd keeps per container): the driver publishes what the process writes,
/// and each session subscribed at that moment receives it (no history: output from before the attach is only in
/// the log); sessions send the process's stdin (when the container has `stdin: true`) and terminal sizes, which
/// the driver consumes from ``input``. ``finish()`` (the run ended) ends every subscription and refuses new ones.
///
/// One exception to "no history": the first session on a `stdinOnce` container's run (what `kubectl run -i/-it`
/// makes) also gets what the run printed before it attached (up to ``historyLimit`` bytes), even after the run
/// ended. The emulated runtime reports a container Running the moment its process starts, so kubectl attaches after
/// a quick command has printed or ended, where a real kubelet's later status report would usually have sent it to
/// the log instead; without this, such output would be lost or come with kubectl's fallback warning.
final class ContainerStreams: Sendable {
    /// The container's `stdin`: its main process reads a pipe that attach sessions write to.
    let stdin: Bool
    /// The container's `stdinOnce`: the process's stdin is closed when the first attached client's stdin ends.
    let stdinOnce: Bool
    /// The container's `tty`.
    let tty: Bool
    /// What sessions sent, in order, for the driver. Ends at ``finish()`` or after ``closeStdin()``.
    let input: AsyncStream<ContainerInput>

    private struct State {
        var subscribers: [Int: AsyncStream<StreamChunk>.Continuation] = [:]
        var nextID = 0
        var finished = false
        var stdinClosed = false
        /// What the run printed while no session has attached yet (only for `stdinOnce`).
        var history: [StreamChunk] = []
        var historyBytes = 0
        var keepsHistory = false
    }

    private let state = Mutex(State())
    private let inputSink: AsyncStream<ContainerInput>.Continuation

    /// How many output chunks a subscriber may lag behind before the oldest unsent ones are dropped. A client that
    /// stops reading is disconnected by the front door's stalled-write bound long before.
    static let subscriberBuffer = 4096
    /// The most bytes kept for the first session of a `stdinOnce` run.
    static let historyLimit = 1 << 20

    init(stdin: Bool, stdinOnce: Bool, tty: Bool) {
        self.stdin = stdin
        self.stdinOnce = stdinOnce
        self.tty = tty
        (input, inputSink) = AsyncStream.makeStream(of: ContainerInput.self, bufferingPolicy: .bufferingOldest(256))
        state.withLock { $0.keepsHistory = stdinOnce }
        if stdin { _ = Self.ignoreBrokenPipes }
    }

    /// The streams of `launch`'s run.
    convenience init(_ launch: ContainerLaunch) {
        self.init(stdin: launch.stdin, stdinOnce: launch.stdinOnce, tty: launch.tty)
    }

    /// Writing to the stdin of a process that exited fails with EPIPE instead of killing kubeletd (children get
    /// the default disposition back when they are spawned).
    private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// A subscription to the output from now on (the first one of a `stdinOnce` run: from its start), or nil once
    /// the run has ended (unless it is that first one).
    func subscribe() -> (id: Int, output: AsyncStream<StreamChunk>)? {
        state.withLock { state in
            let replay = state.keepsHistory ? state.history : nil
            state.keepsHistory = false
            state.history = []
            guard !state.finished || replay != nil else { return nil }
            let (stream, continuation) = AsyncStream.makeStream(
                of: StreamChunk.self, bufferingPolicy: .bufferingOldest(Self.subscriberBuffer + (replay?.count ?? 0)))
            for chunk in replay ?? [] { continuation.yield(chunk) }
            state.nextID += 1
            if state.finished {
                continuation.finish()
            } else {
                state.subscribers[state.nextID] = continuation
            }
            return (state.nextID, stream)
        }
    }

    /// Ends subscription `id`.
    func unsubscribe(_ id: Int) {
        state.withLock { $0.subscribers.removeValue(forKey: id) }?.finish()
    }

    /// Whether anyone is subscribed (the driver skips copying when not).
    var hasSubscribers: Bool { state.withLock { !$0.subscribers.isEmpty } }

    /// Hands what the process wrote to every subscriber (a subscriber more than ``subscriberBuffer`` chunks behind
    /// loses the newest ones).
    func publish(_ chunk: StreamChunk) {
        guard !chunk.bytes.isEmpty else { return }
        state.withLock { state in
            if state.keepsHistory, state.historyBytes + chunk.bytes.count <= Self.historyLimit {
                state.history.append(chunk)
                state.historyBytes += chunk.bytes.count
            }
            for subscriber in state.subscribers.values { subscriber.yield(chunk) }
        }
    }

    /// Queues bytes for the process's stdin; false when it has none or it is closed.
    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        guard stdin, !state.withLock({ $0.stdinClosed || $0.finished }) else { return false }
        inputSink.yield(.data(bytes))
        return true
    }

    /// Closes the process's stdin (once).
    func closeStdin() {
        let first = state.withLock { state in
            defer { state.stdinClosed = true }
            return !state.stdinClosed
        }
        guard stdin, first else { return }
        inputSink.yield(.close)
    }

    /// Applies a terminal size (only a container with `tty` has a terminal).
    func resize(_ size: TerminalSize) {
        guard tty else { return }
        inputSink.yield(.resize(size))
    }

    /// The run ended: ends every subscription, refuses new ones, and ends ``input``.
    func finish() {
        let subscribers = state.withLock { state in
            state.finished = true
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
        inputSink.finish()
    }
}
