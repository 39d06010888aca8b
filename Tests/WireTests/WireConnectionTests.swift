import Foundation
import KubeAPI
import Logging
import NIOCore
import NIOPosix
import Synchronization
import Testing
import Wire
import TestSupport

/// In-process tests of the connection layer on loopback (port 0, no TLS): ids, out-of-order answers, watches,
/// cancellation, timeouts, and failure of pending requests when the connection drops.
@Suite struct WireConnectionTests {
    /// A service whose behaviour is chosen by the request's name.
    struct ScriptedService: WireService {
        let watchesEnded = Counter()
        /// How many `never` requests have reached the service.
        let neverReceived = Counter()
        /// `held` requests wait until a `release` request has been answered.
        let gate = Gate()

        func handle(_ request: Request, from peer: PeerIdentity) async throws -> JSONValue? {
            switch request.name ?? "" {
            case "slow":
                try await Task.sleep(for: .milliseconds(300))
                return "slow"
            case "never":
                neverReceived.increment()
                try await Task.sleep(for: .seconds(600))
                return nil
            case "held":
                await gate.wait()
                return "held"
            case "release":
                gate.open()
                return "release"
            case "missing":
                throw Status.notFound(.daemonSet, name: "missing")
            case "whoami":
                return .string(peer.commonName)
            default:
                return .string(request.name ?? "")
            }
        }

        func watch(_ request: Request, from peer: PeerIdentity, send: @escaping @Sendable (WatchEvent) async -> Void)
            async throws
        {
            defer { watchesEnded.increment() }
            if request.name == "gone" { throw Status.gone("too old resource version: 1 (5)") }
            var index: Int64 = 0
            while !Task.isCancelled {
                index += 1
                await send(WatchEvent(type: .added, object: .int(index)))
                try await Task.sleep(for: .milliseconds(10))
            }
        }
    }

    /// Opens once; waiters resume then.
    final class Gate: Sendable {
        private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))
        func wait() async {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Bool in
                    if state.open { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if ready { continuation.resume() }
            }
        }
        func open() {
            let waiters = state.withLock { state in
                state.open = true
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
        /// How many callers are waiting for the gate to open.
        var waiting: Int { state.withLock { $0.waiters.count } }
    }

    final class Counter: Sendable {
        private let value = Mutex(0)
        func increment() { value.withLock { $0 += 1 } }
        var count: Int { value.withLock { $0 } }
    }

    /// Runs a plaintext server with `service` on an ephemeral port for the duration of `body`.
    static func withServer<T: Sendable>(
        _ service: any WireService, helloTimeout: Duration = .seconds(5),
        _ body: @escaping @Sendable (Int) async throws -> T
    ) async throws -> T {
        let server = try WireServer(
            configuration: WireServerConfiguration(
                port: 0, tls: nil, helloTimeout: helloTimeout,
                anonymousPeer: PeerIdentity(commonName: "tester", organizations: ["system:masters"])),
            service: service, logger: Logger.forTests("test"))
        return try await serving(server, body)
    }

    static func connect<T: Sendable>(_ port: Int, _ body: @Sendable (WireClient) async throws -> T) async throws -> T {
        try await WireClient.withConnection(host: "127.0.0.1", port: port, tls: nil, agent: "test", body)
    }

    @Test func responsesArriveOutOfOrder_andAreMatchedByID() async throws {
        let service = ScriptedService()
        try await Self.withServer(service) { port in
            try await Self.connect(port) { client in
                #expect(client.identity == "tester")
                let order = OrderLog()
                // The first request is held on the server while a later one is answered; only then does a third
                // open the gate. (The held answer and the release answer themselves may come back in either order.)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        let answer = try await client.send(Request(verb: .get, kind: "Pod", name: "held"))
                        #expect(answer == "held")
                        order.append("held")
                    }
                    group.addTask {
                        _ = try await eventually(within: .seconds(5), poll: .milliseconds(2), "held on the server") {
                            service.gate.waiting == 1 ? true : nil
                        }
                        let answer = try await client.send(Request(verb: .get, kind: "Pod", name: "later"))
                        #expect(answer == "later")
                        order.append("later")
                        #expect(try await client.send(Request(verb: .get, kind: "Pod", name: "release")) == "release")
                    }
                    try await group.waitForAll()
                }
                #expect(order.entries == ["later", "held"])
            }
        }
    }

    @Test func apiErrors_arriveAsStatus() async throws {
        try await Self.withServer(ScriptedService()) { port in
            try await Self.connect(port) { client in
                await #expect(throws: Status.notFound(.daemonSet, name: "missing")) {
                    try await client.send(Request(verb: .get, kind: "DaemonSet", name: "missing"))
                }
                // The connection still works after an error.
                let answer = try await client.send(Request(verb: .get, kind: "Pod", name: "ok"))
                #expect(answer == "ok")
            }
        }
    }

    @Test func clientTimeout_failsTheRequest_andTheConnectionKeepsWorking() async throws {
        try await Self.withServer(ScriptedService()) { port in
            try await Self.connect(port) { client in
                await #expect(throws: WireError.self) {
                    try await client.send(Request(verb: .get, kind: "Pod", name: "never"), timeout: .milliseconds(100))
                }
                let answer = try await client.send(Request(verb: .get, kind: "Pod", name: "ok"))
                #expect(answer == "ok")
            }
        }
    }

    @Test func serverSideTimeout_answersWithTimeoutStatus() async throws {
        try await Self.withServer(ScriptedService()) { port in
            try await Self.connect(port) { client in
                var request = Request(verb: .get, kind: "Pod", name: "never")
                request.timeoutSeconds = 0.1
                do {
                    _ = try await client.send(request)
                    Issue.record("expected a timeout")
                } catch let status as Status {
                    #expect(status.code == 504)
                    #expect(status.reason == .timeout)
                }
            }
        }
    }

    @Test func watch_streamsEvents_andStopsOnTheServerWhenTheClientStops() async throws {
        let service = ScriptedService()
        try await Self.withServer(service) { port in
            try await Self.connect(port) { client in
                var values: [Int64] = []
                for try await event in client.watch(Request(verb: .watch, kind: "Pod")) {
                    values.append(event.object.intValue ?? -1)
                    if values.count == 5 { break }
                }
                #expect(values == [1, 2, 3, 4, 5])
                _ = try await eventually(within: .seconds(2), poll: .milliseconds(10), "the server's watch to end") {
                    service.watchesEnded.count == 1 ? true : nil
                }
            }
        }
    }

    @Test func watchError_endsTheStreamWithTheStatus() async throws {
        try await Self.withServer(ScriptedService()) { port in
            try await Self.connect(port) { client in
                do {
                    for try await _ in client.watch(Request(verb: .watch, kind: "Pod", name: "gone")) {}
                    Issue.record("expected Gone")
                } catch let status as Status {
                    #expect(status.code == 410)
                }
            }
        }
    }

    @Test func pendingRequests_failWhenTheServerGoesAway() async throws {
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let service = ScriptedService()
        let server = try WireServer(
            configuration: WireServerConfiguration(port: 0, tls: nil), service: service,
            logger: Logger.forTests("test"))
        let serverTask = Task { try await server.run { sink.yield($0.port ?? 0) } }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await Self.connect(port) { client in
            let pending = Task { try await client.send(Request(verb: .get, kind: "Pod", name: "never")) }
            _ = try await eventually(within: .seconds(5), poll: .milliseconds(2), "never on the server") {
                service.neverReceived.count == 1 ? true : nil
            }
            serverTask.cancel()
            await #expect(throws: (any Error).self) { _ = try await pending.value }
        }
    }

    @Test func missingHello_closesTheConnectionAfterTheTimeout() async throws {
        try await Self.withServer(ScriptedService(), helloTimeout: .milliseconds(200)) { port in
            let start = ContinuousClock.now
            let closed = try await RawSocket.sendAndWaitForClose(port: port, within: .seconds(5))
            #expect(closed)
            #expect(ContinuousClock.now - start >= .milliseconds(150))
        }
    }

    @Test func silentServer_isGivenUpOnAtTheHelloTimeout() async throws {
        // Accepts connections (the kernel completes them) but never answers, as a frozen control plane would.
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        defer { listener.close(promise: nil) }
        let port = try #require(listener.localAddress?.port)
        let start = ContinuousClock.now
        await #expect(throws: WireError.timeout(seconds: 0.3)) {
            try await WireClient.withConnection(
                host: "127.0.0.1", port: port, tls: nil, agent: "test", helloTimeout: .milliseconds(300)) { _ in }
        }
        let waited = ContinuousClock.now - start
        #expect(waited >= .milliseconds(300) && waited < .seconds(5))
    }

    final class OrderLog: Sendable {
        private let storage = Mutex<[String]>([])
        func append(_ entry: String) { storage.withLock { $0.append(entry) } }
        var entries: [String] { storage.withLock { $0 } }
    }
}
