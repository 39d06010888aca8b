import Foundation
import KubeAPI
import Synchronization
import Wire

/// Records the events of one watch with the instant each arrived, so benchmarks take their timestamps from watch
/// events rather than from polling.
///
/// ``consume(_:)`` runs in a child task for as long as the benchmark; ``first(after:within:where:)`` finds the first
/// recorded event matching a predicate (it scans the in-memory log; the timestamp is the event's arrival, not the
/// moment the scan found it).
final class WatchRecorder: Sendable {
    /// One event and when it arrived.
    struct Entry: Sendable {
        let time: ContinuousClock.Instant
        let event: WatchEvent
    }

    private struct State {
        var entries: [Entry] = []
        var failure: String?
        var ended = false
    }

    let label: String
    private let state = Mutex(State())

    init(label: String) {
        self.label = label
    }

    /// Appends every event of `stream` until it ends, fails or the task is cancelled.
    func consume(_ stream: AsyncThrowingStream<WatchEvent, any Error>) async {
        do {
            for try await event in stream {
                let entry = Entry(time: ContinuousClock.now, event: event)
                state.withLock { $0.entries.append(entry) }
            }
            state.withLock { $0.ended = true }
        } catch {
            state.withLock {
                $0.ended = true
                $0.failure = String(describing: error)
            }
        }
    }

    /// Appends `event`, which arrived at `time` (for watches read by other means than a stream, e.g. over HTTPS).
    func record(_ event: WatchEvent, at time: ContinuousClock.Instant) {
        state.withLock { $0.entries.append(Entry(time: time, event: event)) }
    }

    /// Marks the watch ended, with the reason when it failed.
    func finish(failure: String?) {
        state.withLock {
            $0.ended = true
            $0.failure = failure
        }
    }

    /// The arrival time of the first event at or after `start` for which `predicate` holds.
    ///
    /// - Throws: ``BenchError`` when `timeout` passes first, or the watch ended without such an event.
    func first(
        after start: ContinuousClock.Instant, within timeout: Duration, what: String,
        where predicate: (WatchEvent) -> Bool
    ) async throws -> ContinuousClock.Instant {
        let deadline = ContinuousClock.now + timeout
        var cursor = 0
        while true {
            let (fresh, ended, failure) = state.withLock { state in
                (Array(state.entries[min(cursor, state.entries.count)...]), state.ended, state.failure)
            }
            cursor += fresh.count
            if let hit = fresh.first(where: { $0.time >= start && predicate($0.event) }) { return hit.time }
            if ended {
                throw BenchError("the \(label) watch ended before \(what)" + (failure.map { ": \($0)" } ?? ""))
            }
            guard ContinuousClock.now < deadline else {
                throw BenchError("timed out after \(timeout) waiting for \(what)")
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// How many events arrived so far.
    var count: Int { state.withLock { $0.entries.count } }

    /// The events that arrived at or after `start`, in arrival order.
    func entries(since start: ContinuousClock.Instant) -> [Entry] {
        state.withLock { $0.entries.filter { $0.time >= start } }
    }
}

/// What a benchmark watches: every object of `kind` in `namespace` (every namespace when nil), from now.
struct BenchWatch: Sendable {
    let label: String
    let kind: ResourceKind
    var namespace: String? = nil
}

/// Runs `body` while one recorder per watch consumes it on `client`; the watches are cancelled when `body`
/// returns or throws.
func withWatches<T: Sendable>(
    _ client: WireClusterClient, _ watches: [BenchWatch],
    _ body: @escaping @Sendable ([WatchRecorder]) async throws -> T
) async throws -> T {
    let recorders = watches.map { WatchRecorder(label: $0.label) }
    return try await withThrowingTaskGroup(of: T?.self) { group in
        for (recorder, watch) in zip(recorders, watches) {
            let stream = client.watchObjects(watch.kind, namespace: watch.namespace)
            group.addTask {
                await recorder.consume(stream)
                return nil
            }
        }
        group.addTask { try await body(recorders) }
        defer { group.cancelAll() }
        while let next = try await group.next() {
            if let result = next { return result }
        }
        throw BenchError("the benchmark body did not finish")
    }
}

/// Reading Nodes and Pods as JSON, for watch predicates. Pure.
enum ObjectFields {
    static func name(_ object: JSONValue) -> String? { object[path: ["metadata", "name"]]?.stringValue }

    /// The status of a Node's Ready condition (`True`, `False`, `Unknown`), nil if it has none.
    static func readyStatus(_ node: JSONValue) -> String? {
        (node[path: ["status", "conditions"]]?.arrayValue ?? [])
            .first { $0["type"]?.stringValue == "Ready" }?["status"]?.stringValue
    }

    static func nodeName(ofPod pod: JSONValue) -> String? { pod[path: ["spec", "nodeName"]]?.stringValue }

    static func phase(ofPod pod: JSONValue) -> String? { pod[path: ["status", "phase"]]?.stringValue }

    /// Whether a DaemonSet owns the pod.
    static func isDaemonPod(_ pod: JSONValue) -> Bool {
        (pod[path: ["metadata", "ownerReferences"]]?.arrayValue ?? [])
            .contains { $0["kind"]?.stringValue == "DaemonSet" }
    }

    /// Node `name` is Ready (an ADDED or MODIFIED event).
    static func nodeReady(_ name: String) -> @Sendable (WatchEvent) -> Bool {
        { event in
            event.type != .deleted && self.name(event.object) == name && readyStatus(event.object) == "True"
        }
    }

    /// Node `name` is no longer Ready (NotReady: its Ready condition is Unknown or False).
    static func nodeNotReady(_ name: String) -> @Sendable (WatchEvent) -> Bool {
        { event in
            event.type != .deleted && self.name(event.object) == name
                && readyStatus(event.object).map { $0 != "True" } == true
        }
    }

    /// Node `name` was removed.
    static func nodeDeleted(_ name: String) -> @Sendable (WatchEvent) -> Bool {
        { event in event.type == .deleted && self.name(event.object) == name }
    }

    /// A daemon pod bound to `node` appeared.
    static func daemonPodCreated(on node: String) -> @Sendable (WatchEvent) -> Bool {
        { event in event.type != .deleted && nodeName(ofPod: event.object) == node && isDaemonPod(event.object) }
    }

    /// A daemon pod bound to `node` is Running.
    static func daemonPodRunning(on node: String) -> @Sendable (WatchEvent) -> Bool {
        { event in
            event.type != .deleted && nodeName(ofPod: event.object) == node && isDaemonPod(event.object)
                && phase(ofPod: event.object) == "Running"
        }
    }

    /// A daemon pod bound to `node` was deleted (reaped).
    static func daemonPodDeleted(on node: String) -> @Sendable (WatchEvent) -> Bool {
        { event in event.type == .deleted && nodeName(ofPod: event.object) == node && isDaemonPod(event.object) }
    }
}
