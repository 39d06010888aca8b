import Foundation
import Logging
import NIOCore
import Testing
import TestSupport

@testable import ControlPlane
@testable import KubeAPI
@testable import Wire

#if canImport(Glibc)
import Glibc
#endif

/// A watcher that stops reading, end to end in process: the API server on an in-memory store behind a real wire
/// server on loopback. The server's queue for the stalled connection stays bounded, the watch hub cuts the watcher
/// off with Kubernetes' 410, and another client on the same server is answered all along.
@Suite(.timeLimit(.minutes(2))) struct SlowWatcherTests {
    @Test func stalledWatcher_isCutOffWith410_whileTheServerStaysBounded_andOtherClientsAreServed() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 10_000, subscriberBuffer: 50)
        let api = APIServer(store: store, logger: Logger.forTests("slow-watcher"))
        let server = try WireServer(
            configuration: WireServerConfiguration(
                port: 0, tls: nil,
                anonymousPeer: PeerIdentity(commonName: "admin", organizations: ["system:masters"])),
            service: api, logger: Logger.forTests("slow-watcher"))
        try await serving(server) { port in
            try await WireClient.withConnection(host: "127.0.0.1", port: port, tls: nil, agent: "test") { client in
                _ = try await client.send(Self.create(namespace: "default"), timeout: .seconds(5))
                // The stalled watcher: it asks for a watch of every ConfigMap, then never reads.
                let stalled = try StalledSocket(port: port)
                defer { stalled.close() }
                var watch = Request(verb: .watch, kind: "ConfigMap", namespace: "default")
                watch.resourceVersion = "0"
                try stalled.send(.hello(Hello(agent: "stalled")))
                try stalled.send(.request(id: 1, watch))
                try await Self.poll("the watch is registered") { store.watchHub.subscriberCount == 1 }

                // Write until the hub cuts the watcher off; every write and read of the other client is answered.
                let padding = String(repeating: "x", count: 16 * 1024)
                var written = 0
                let deadline = ContinuousClock.now + .seconds(60)
                while store.watchHub.subscriberCount > 0 {
                    #expect(ContinuousClock.now < deadline, "the stalled watcher was never cut off")
                    if ContinuousClock.now >= deadline { return }
                    written += 1
                    _ = try await client.send(Self.configMap("cm-\(written)", padding), timeout: .seconds(5))
                    if written % 50 == 0 {
                        let read = try await client.send(
                            Request(verb: .get, kind: "ConfigMap", namespace: "default", name: "cm-\(written)"),
                            timeout: .seconds(5))
                        #expect(read?[path: ["metadata", "name"]]?.stringValue == "cm-\(written)")
                    }
                }
                // The connection's queue never held more than a watch's window (plus the hello and the odd answer),
                // however many events the writes produced.
                #expect(server.largestOutboxBacklog <= ServerSession.watchEventWindow + 4)
                #expect(written > ServerSession.watchEventWindow + 50)

                // The stalled client reads at last: some events, then the 410 that ends its watch.
                let (events, ending) = try stalled.readWatch(id: 1, within: .seconds(20))
                #expect(events < written)
                let status = try #require(ending)
                #expect(status.code == 410)
                #expect(status.reason == .gone)
                #expect(status.message?.hasPrefix("too old resource version: ") == true)
                // The other client is still served.
                let list = try await client.send(
                    Request(verb: .list, kind: "ConfigMap", namespace: "default"), timeout: .seconds(5))
                #expect(list?["items"]?.arrayValue?.count == written)
            }
        }
    }

    // MARK: - Fixtures

    private static func create(namespace: String) -> Request {
        var request = Request(verb: .create, kind: "Namespace")
        request.object = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]]
        return request
    }

    private static func configMap(_ name: String, _ value: String) -> Request {
        var request = Request(verb: .create, kind: "ConfigMap", namespace: "default")
        request.object = [
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)],
            "data": ["padding": .string(value)],
        ]
        return request
    }

    /// Polls `condition` until it holds, failing after 10 seconds.
    private static func poll(_ what: String, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw PollTimeout(what: what) }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    private struct PollTimeout: Error, CustomStringConvertible {
        var what: String
        var description: String { "timed out waiting until \(what)" }
    }
}

/// A plaintext wire client on a blocking socket with a small receive buffer, that reads only when told to.
private final class StalledSocket: Sendable {
    private let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError(operation: "socket") }
        var small: Int32 = 4096
        setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &small, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(descriptor)
            throw SocketError(operation: "connect")
        }
    }

    func close() { Glibc.close(descriptor) }

    /// Writes one frame: a 4-byte big-endian length, then the message's JSON.
    func send(_ message: Message) throws {
        let payload = JSONValueText.write(try JSONValue(encoding: message))
        let length = UInt32(payload.count)
        let frame = [UInt8(length >> 24), UInt8((length >> 16) & 0xff), UInt8((length >> 8) & 0xff),
                     UInt8(length & 0xff)] + payload
        var offset = 0
        while offset < frame.count {
            let sent = frame[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
            guard sent > 0 else { throw SocketError(operation: "send") }
            offset += sent
        }
    }

    /// Reads frames until watch `id` ends; returns how many events it carried and the error that ended it (nil
    /// when it ended with a plain response).
    func readWatch(id: UInt64, within limit: Duration) throws -> (events: Int, ending: Status?) {
        let deadline = ContinuousClock.now + limit
        var buffer: [UInt8] = []
        var events = 0
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while ContinuousClock.now < deadline {
            while buffer.count >= 4 {
                let length = buffer[0..<4].reduce(0) { $0 << 8 | Int($1) }
                guard buffer.count >= 4 + length else { break }
                let payload = Data(buffer[4..<(4 + length)])
                buffer.removeFirst(4 + length)
                switch try JSONValueDecoder().decode(Message.self, from: JSONValueText.parse(payload)) {
                case .event(id, _): events += 1
                case .error(id, let status): return (events, status)
                case .response(id, _): return (events, nil)
                default: continue
                }
            }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { throw SocketError(operation: "recv: closed") }
            if count > 0 { buffer += chunk[0..<count] }
        }
        throw SocketError(operation: "recv: no end of watch \(id) within \(limit)")
    }
}

private struct SocketError: Error, CustomStringConvertible {
    var operation: String
    var description: String { "\(operation) failed (errno \(errno))" }
}
