import Foundation
import KubeAPI
import Wire

/// `kctl logs -f` for one container, across control-plane restarts: when the connection breaks it reconnects
/// (``Reconnecting``, with ``WatchRetry``'s backoff and window) and picks the log up where printing stopped
/// (``LogFollowCursor``). kubectl 1.32 has no such retry (its `logs -f` ends with the transport's error); kctl's
/// follows the same rules as its watches. With `--limit-bytes` the log is not resumed (the limit counts the bytes
/// of one request): a broken connection ends it with `the connection to the server H:P was lost`.
struct LogFollower: Sendable {
    let request: Request
    let showTimestamps: Bool
    let policy: WatchRetry.Policy
    var clock = WatchClock.continuous()
    /// Where the log's bytes go.
    let write: @Sendable ([UInt8]) -> Void

    private struct Progress: Sendable {
        var retry: WatchRetry
        var cursor: LogFollowCursor
        var request: Request
    }

    /// Follows until the log ends (the container is gone).
    /// - Throws: the server's ``Status``, or the connection error retrying could not get past.
    func run(_ transport: APIWatchTransport) async throws {
        guard (request.limitBytes ?? 0) == 0 else {
            let write = self.write
            return try await Self.copy(transport.current.wire.stream(request)) { write($0) }
        }
        var stamped = request
        stamped.timestamps = true
        let start = Progress(
            retry: WatchRetry(policy: policy), cursor: LogFollowCursor(showTimestamps: showTimestamps),
            request: stamped)
        let (clock, write) = (clock, write)
        _ = try await Reconnecting.run(transport, clock: clock, from: start, retry: \.retry) { connection, start in
            var progress = start
            progress.retry.connected()
            do {
                try await Self.copy(connection.wire.stream(progress.request)) { bytes in
                    let printable = progress.cursor.feed(bytes)
                    if !printable.isEmpty { write(printable) }
                    progress.retry.observed(resourceVersion: nil)
                }
                return .finished(progress)
            } catch {
                if error is CancellationError { return .failed(error) }
                switch progress.retry.decide(WatchRetry.ending(of: error), now: clock.now()) {
                case .giveUp:
                    return .failed(error)
                case .retry(let after, _, _):
                    progress.request = progress.cursor.resume(progress.request, now: Date())
                    return .reconnect(progress, after: after)
                }
            }
        }
    }

    /// Hands a stream's output to `consume` as it arrives, until it ends.
    private static func copy(_ stream: WireStream, _ consume: ([UInt8]) -> Void) async throws {
        while let chunk = try await stream.next() { consume(chunk.bytes) }
    }
}
