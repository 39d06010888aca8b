import KubeAPI
import NIOCore
import Synchronization
import Testing
import Wire

@testable import kctl

#if canImport(Glibc)
    import Glibc
#endif

/// ``RetryingWatcher`` over a scripted transport and a manual clock: no sockets, no sleeps.
@Suite struct RetryingWatcherTests {
    typealias P = WatchedObjectsTests

    /// A scripted server: answers to lists and watches in order, whatever the connection, and the outcome of
    /// each new connection; records every call.
    final class FakeServer: Sendable {
        struct Script {
            var lists: [Result<JSONValue, any Error>] = []
            /// Each watch yields its events, then ends as told; past the script a watch yields nothing and stays.
            var watches: [([WatchEvent], WatchEnd)] = []
            /// Each new connection fails with the error, or is made (nil); past the script it is made.
            var dials: [(any Error)?] = []
            var calls: [String] = []
            var connections = 0
        }

        let script: Mutex<Script>
        init(_ script: Script) { self.script = Mutex(script) }
        var calls: [String] { script.withLock { $0.calls } }
    }

    /// How a scripted watch ends.
    enum WatchEnd {
        case fails(any Error)
        /// It stays open until the watcher stops.
        case stays
    }

    struct FakeConnection: WatchConnection {
        let server: FakeServer
        let number: Int

        func list(_ request: Request) async throws -> JSONValue? {
            let answer = server.script.withLock { script in
                script.calls.append("c\(number) list")
                return script.lists.isEmpty ? nil : script.lists.removeFirst()
            }
            return try answer?.get()
        }

        func watch(_ request: Request) -> AsyncThrowingStream<WatchEvent, any Error> {
            let next = server.script.withLock { script in
                script.calls.append("c\(number) watch from \(request.resourceVersion ?? "-")")
                return script.watches.isEmpty ? nil : script.watches.removeFirst()
            }
            let (stream, continuation) = AsyncThrowingStream.makeStream(of: WatchEvent.self)
            if let (events, ending) = next {
                for event in events { continuation.yield(event) }
                if case .fails(let error) = ending { continuation.finish(throwing: error) }
            }
            return stream
        }
    }

    struct FakeTransport: WatchTransport {
        let server: FakeServer
        var current: FakeConnection { FakeConnection(server: server, number: 0) }

        func withNewConnection<R: Sendable>(_ body: @Sendable (FakeConnection) async throws -> R) async throws -> R {
            let (failure, number) = server.script.withLock { script -> ((any Error)?, Int) in
                let failure = script.dials.isEmpty ? nil : script.dials.removeFirst()
                if failure == nil { script.connections += 1 }
                script.calls.append(failure == nil ? "dial c\(script.connections)" : "dial refused")
                return (failure, script.connections)
            }
            if let failure { throw failure }
            return try await body(FakeConnection(server: server, number: number))
        }
    }

    /// A clock that only moves when slept on.
    final class ManualClock: Sendable {
        let state = Mutex((now: Duration.zero, sleeps: [Duration]()))
        var sleeps: [Duration] { state.withLock { $0.sleeps } }
        var clock: WatchClock {
            WatchClock(
                now: { self.state.withLock { $0.now } },
                sleep: { duration in
                    try Task.checkCancellation()
                    self.state.withLock {
                        $0.now += duration
                        $0.sleeps.append(duration)
                    }
                })
        }
    }

    static func list(_ items: [JSONValue], rv: String) -> Result<JSONValue, any Error> {
        .success(.object(["items": .array(items), "metadata": .object(["resourceVersion": .string(rv)])]))
    }

    static let lost = ConnectionLost(host: "127.0.0.1", port: 6443, underlying: nil)
    static let refused = ConnectionFailure(
        host: "127.0.0.1", port: 6443, underlying: IOError(errnoCode: ECONNREFUSED, reason: "connect"))

    /// Runs the watcher until `count` updates arrived; returns them.
    static func collect(
        _ server: FakeServer, _ clock: ManualClock, count: Int,
        policy: WatchRetry.Policy = WatchRetry.Policy(window: .seconds(30))
    ) async throws -> [WatchUpdate] {
        var updates: [WatchUpdate] = []
        let list = Request(verb: .list, kind: "Pod", namespace: "default")
        try await RetryingWatcher(list: list, policy: policy, clock: clock.clock).run(FakeTransport(server: server)) {
            updates.append($0)
            return updates.count == count
        }
        return updates
    }

    @Test func connectionLost_reconnectsAndResumesFromTheLastVersionSeen() async throws {
        let server = FakeServer(
            .init(
                lists: [Self.list([P.pod("a", rv: "1")], rv: "5")],
                watches: [
                    ([WatchEvent(type: .modified, object: P.pod("a", rv: "6"))], .fails(Self.lost)),
                    ([WatchEvent(type: .added, object: P.pod("b", rv: "7"))], .stays),
                ]))
        let clock = ManualClock()
        let updates = try await Self.collect(server, clock, count: 3)
        #expect(
            updates == [
                .listed([P.pod("a", rv: "1")]),
                .event(WatchEvent(type: .modified, object: P.pod("a", rv: "6"))),
                .event(WatchEvent(type: .added, object: P.pod("b", rv: "7"))),
            ])
        #expect(server.calls == ["c0 list", "c0 watch from 5", "dial c1", "c1 watch from 6"])
        #expect(clock.sleeps == [.zero])
    }

    @Test func gone_relistsAndDeliversOnlyTheChanges() async throws {
        let server = FakeServer(
            .init(
                lists: [
                    Self.list([P.pod("a", rv: "1"), P.pod("b", rv: "1")], rv: "2"),
                    Self.list([P.pod("a", rv: "1"), P.pod("c", rv: "3")], rv: "4"),
                ],
                watches: [([], .fails(Status.gone("too old resource version: 2 (4)")))]))
        let clock = ManualClock()
        let updates = try await Self.collect(server, clock, count: 3)
        #expect(
            updates == [
                .listed([P.pod("a", rv: "1"), P.pod("b", rv: "1")]),
                .event(WatchEvent(type: .deleted, object: P.pod("b", rv: "1"))),
                .event(WatchEvent(type: .added, object: P.pod("c", rv: "3"))),
            ])
        #expect(server.calls == ["c0 list", "c0 watch from 2", "c0 list", "c0 watch from 4"])
    }

    /// The control plane cuts off a watcher that fell too far behind with a 410 after the events it was sent.
    @Test func slowWatcherCutOffMidStream_relistsAndDeliversOnlyTheChanges() async throws {
        let server = FakeServer(
            .init(
                lists: [
                    Self.list([P.pod("a", rv: "1")], rv: "2"),
                    Self.list([P.pod("a", rv: "3"), P.pod("b", rv: "5")], rv: "9"),
                ],
                watches: [
                    (
                        [WatchEvent(type: .modified, object: P.pod("a", rv: "3"))],
                        .fails(Status.gone("too old resource version: 3 (9)"))
                    ),
                    ([], .stays),
                ]))
        let clock = ManualClock()
        let updates = try await Self.collect(server, clock, count: 3)
        #expect(
            updates == [
                .listed([P.pod("a", rv: "1")]),
                .event(WatchEvent(type: .modified, object: P.pod("a", rv: "3"))),
                .event(WatchEvent(type: .added, object: P.pod("b", rv: "5"))),
            ])
        #expect(server.calls == ["c0 list", "c0 watch from 2", "c0 list", "c0 watch from 9"])
    }

    @Test func restartThatLostTheHistory_reconnectsThroughRefusals_relistsOnGone() async throws {
        let server = FakeServer(
            .init(
                lists: [
                    Self.list([P.pod("a", rv: "1")], rv: "2"),
                    Self.list([P.pod("a", rv: "1"), P.pod("b", rv: "3")], rv: "3"),
                ],
                watches: [
                    ([], .fails(Self.lost)),
                    ([], .fails(Status.gone("too old resource version: 2 (3)"))),
                    ([WatchEvent(type: .deleted, object: P.pod("a", rv: "4"))], .stays),
                ],
                dials: [Self.refused, Self.refused]))
        let clock = ManualClock()
        let updates = try await Self.collect(server, clock, count: 3)
        #expect(
            updates == [
                .listed([P.pod("a", rv: "1")]),
                .event(WatchEvent(type: .added, object: P.pod("b", rv: "3"))),
                .event(WatchEvent(type: .deleted, object: P.pod("a", rv: "4"))),
            ])
        #expect(
            server.calls == [
                "c0 list", "c0 watch from 2", "dial refused", "dial refused", "dial c1", "c1 watch from 2", "c1 list",
                "c1 watch from 3",
            ])
        #expect(clock.sleeps == [.zero, .milliseconds(100), .milliseconds(200), .zero])
    }

    @Test func connectionStaysBroken_givesUpAfterTheWindow_withKubectlsWords() async throws {
        let server = FakeServer(
            .init(
                lists: [Self.list([], rv: "2")], watches: [([], .fails(Self.lost))],
                dials: Array(repeating: Self.refused, count: 100)))
        let clock = ManualClock()
        let error = await #expect(throws: ConnectionFailure.self) {
            _ = try await Self.collect(server, clock, count: 2, policy: WatchRetry.Policy(window: .seconds(3)))
        }
        #expect(
            error.map { ErrorReporting.render($0) }
                == "The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?")
        let waited = clock.sleeps.reduce(Duration.zero, +)
        #expect(waited == .seconds(3), "\(clock.sleeps)")
    }

    @Test func forbidden_endsTheWatchAtOnce() async throws {
        let server = FakeServer(.init(lists: [Self.list([], rv: "2")], watches: [([], .fails(Status.forbidden("no")))]))
        let clock = ManualClock()
        await #expect(throws: Status.self) { _ = try await Self.collect(server, clock, count: 2) }
        #expect(server.calls == ["c0 list", "c0 watch from 2"])
        #expect(clock.sleeps.isEmpty)
    }
}
