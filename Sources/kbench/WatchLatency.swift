import Foundation
import KubeAPI
import NIOHTTP1
import Synchronization
import Wire

/// Watch event latency: one watch on the `default` namespace's pods, and pod creates sent one at a time on another
/// connection; for each create, the time from its acknowledgement (the answer's arrival at kbench) to the arrival of
/// its ADDED event at the watcher, and from the request's sending to that event. Over the frame protocol
/// (``frame(_:writes:)``) or the REST front door (``https(_:writes:)``: a `?watch=true` stream of JSON lines over
/// HTTP/1.1 and TLS, the creates as `POST`s on a second keep-alive connection).
enum WatchLatency {
    struct Result: Sendable {
        /// Acknowledgement to event; an event that arrived before the acknowledgement counts as zero.
        var ackToEvent: [Duration]
        /// Request sent to event.
        var sendToEvent: [Duration]
        /// How many events arrived before their create's acknowledgement.
        var beforeAck: Int
    }

    static let namespace = "default"

    /// Over the frame protocol, on `cluster` (the admin's connection carries both the watch and the creates).
    static func frame(_ cluster: BenchCluster, writes: Int) async throws -> Result {
        try await cluster.withAdmin { client in
            try await withWatches(client, [BenchWatch(label: "pods", kind: .pod, namespace: namespace)]) { recorders in
                try await measure(writes: writes, prefix: "frame-watch", recorder: recorders[0]) { pod in
                    _ = try await client.createObject(.pod, pod, namespace: namespace)
                }
            }
        }
    }

    /// Over HTTPS, on `cluster`: the watch on one connection, the creates on another.
    static func https(_ cluster: BenchCluster, writes: Int) async throws -> Result {
        let context = try HTTPSConnection.context(cluster.tls)
        let recorder = WatchRecorder(label: "pods (HTTPS)")
        let closer = ChannelCloser()
        let port = cluster.port
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                do {
                    try await HTTPSConnection.with(host: "127.0.0.1", port: port, context: context) { connection in
                        closer.set(connection.closeAction)
                        try await connection.streamLines(
                            "/api/v1/namespaces/\(namespace)/pods?watch=true&labelSelector=app%3Dkbench"
                                + "&timeoutSeconds=600",
                            timeout: .seconds(600), onOpen: {}
                        ) { line, arrived in
                            recorder.record(try watchEvent(line), at: arrived)
                            return true
                        }
                    }
                    recorder.finish(failure: nil)
                } catch {
                    recorder.finish(failure: String(describing: error))
                }
                return nil
            }
            group.addTask {
                try await HTTPSConnection.with(host: "127.0.0.1", port: port, context: context) { connection in
                    try await measure(writes: writes, prefix: "https-watch", recorder: recorder) { pod in
                        let answer = try await connection.send(
                            .POST, "/api/v1/namespaces/\(namespace)/pods", json: pod.canonicalJSON)
                        guard answer.status == 201 else {
                            throw BenchError("POST pod answered \(answer.status): "
                                + String(decoding: answer.body.prefix(300), as: UTF8.self))
                        }
                    }
                }
            }
            defer {
                closer.close()
                group.cancelAll()
            }
            while let next = try await group.next() {
                if let result = next { return result }
            }
            throw BenchError("the HTTPS watch benchmark ended without a result")
        }
    }

    /// One line of a watch stream: `{"type":"ADDED","object":{...}}`.
    static func watchEvent(_ line: [UInt8]) throws -> WatchEvent {
        let json = try JSONValue(jsonData: Data(line))
        guard let type = json["type"]?.stringValue.flatMap(WatchEventType.init(rawValue:)), let object = json["object"]
        else {
            throw BenchError("not a watch event: " + String(decoding: line.prefix(200), as: UTF8.self))
        }
        return WatchEvent(type: type, object: object)
    }

    /// Warms the watch up (creates until one's event arrives, so the watch is surely established), then `writes`
    /// creates one after another, each waiting for its event before the next.
    private static func measure(
        writes: Int, prefix: String, recorder: WatchRecorder, create: (JSONValue) async throws -> Void
    ) async throws -> Result {
        var warmedUp = false
        for attempt in 0..<5 where !warmedUp {
            let name = "\(prefix)-warmup-\(attempt)"
            let sent = ContinuousClock.now
            try await create(BenchObjects.idlePod(name: name, namespace: namespace, boundTo: "kbench-absent-node"))
            warmedUp = (try? await recorder.first(
                after: sent, within: .seconds(2), what: "pod \(name) ADDED", where: added(name))) != nil
        }
        guard warmedUp else { throw BenchError("no event of the warm-up creates arrived at the \(recorder.label) watch") }
        var result = Result(ackToEvent: [], sendToEvent: [], beforeAck: 0)
        for index in 0..<writes {
            let name = "\(prefix)-\(index)"
            let pod = BenchObjects.idlePod(name: name, namespace: namespace, boundTo: "kbench-absent-node")
            let sent = ContinuousClock.now
            try await create(pod)
            let acknowledged = ContinuousClock.now
            let arrived = try await recorder.first(
                after: sent, within: .seconds(10), what: "pod \(name) ADDED", where: added(name))
            if arrived < acknowledged { result.beforeAck += 1 }
            result.ackToEvent.append(arrived < acknowledged ? .zero : arrived - acknowledged)
            result.sendToEvent.append(arrived - sent)
        }
        return result
    }

    private static func added(_ name: String) -> @Sendable (WatchEvent) -> Bool {
        { $0.type == .added && ObjectFields.name($0.object) == name }
    }
}

/// Closes a connection from outside the task that reads it (so a streaming watch ends when the benchmark does).
final class ChannelCloser: Sendable {
    private let action = Mutex<(@Sendable () -> Void)?>(nil)

    func set(_ close: @escaping @Sendable () -> Void) { action.withLock { $0 = close } }

    func close() { action.withLock { $0 }?() }
}
