import KubeAPI
import Wire

/// One connection's list and watch calls, as a ``RetryingWatcher`` makes them.
protocol WatchConnection: Sendable {
    /// A list answer (`items`, `metadata.resourceVersion`).
    func list(_ request: Request) async throws -> JSONValue?
    /// The events of a watch, until the server ends it (the stream finishes) or it fails (it throws).
    func watch(_ request: Request) -> AsyncThrowingStream<WatchEvent, any Error>
}

/// The connections a ``RetryingWatcher`` works over: the one the command already has, and new ones after it broke.
protocol WatchTransport: Sendable {
    associatedtype Connection: WatchConnection
    /// The command's connection.
    var current: Connection { get }
    /// Opens a new connection for the duration of `body`.
    /// - Throws: ``ConnectionFailure`` when it cannot be made; otherwise what `body` throws.
    func withNewConnection<R: Sendable>(_ body: @Sendable (Connection) async throws -> R) async throws -> R
}

/// Time for a ``RetryingWatcher``: now (as an offset from a fixed origin) and waiting; tests pass a manual one.
struct WatchClock: Sendable {
    var now: @Sendable () -> Duration
    var sleep: @Sendable (Duration) async throws -> Void

    /// The real clock.
    static func continuous() -> WatchClock {
        let origin = ContinuousClock.now
        return WatchClock(now: { .now - origin }, sleep: { try await Task.sleep(for: $0) })
    }
}

/// kctl's connections to the control plane, as a ``WatchTransport``.
struct APIWatchTransport: WatchTransport {
    let client: APIClient

    struct Connection: WatchConnection {
        let wire: WireClient
        let timeout: Duration

        func list(_ request: Request) async throws -> JSONValue? {
            try await wire.send(request, timeout: timeout)
        }

        func watch(_ request: Request) -> AsyncThrowingStream<WatchEvent, any Error> {
            wire.watch(request)
        }
    }

    var current: Connection { Connection(wire: client.wire, timeout: client.timeout) }

    func withNewConnection<R: Sendable>(_ body: @Sendable (Connection) async throws -> R) async throws -> R {
        let timeout = client.timeout
        return try await client.endpoint.withConnection { wire in
            try await body(Connection(wire: wire, timeout: timeout))
        }
    }
}
