import KubeAPI
import Wire

/// What a ``RetryingWatcher`` delivers: the first list, then changes.
enum WatchUpdate: Sendable, Equatable {
    /// The objects of the first list.
    case listed([JSONValue])
    /// A change: from the watch, or from a relist compared with what was delivered before (``WatchedObjects``).
    case event(WatchEvent)
}

/// A list-then-watch that survives control-plane restarts, as client-go's retrying watchers do: when the watch
/// ends or the connection breaks it re-watches from the last resourceVersion seen (over a new connection, with
/// backoff), relists when that resourceVersion is gone (delivering only what changed), and gives up, with the last
/// error, only when retrying cannot help or the connection stays broken past the retry window. The decisions are
/// ``WatchRetry``'s; this type only performs them. Used by `get -w`, `rollout status` (and every other watch of
/// kctl's).
struct RetryingWatcher: Sendable {
    /// The list request (kind, namespace, selectors); the watches are made from it.
    var list: Request
    var policy: WatchRetry.Policy
    var clock: WatchClock

    init(list: Request, policy: WatchRetry.Policy, clock: WatchClock = .continuous()) {
        self.list = list
        self.policy = policy
        self.clock = clock
    }

    /// A watcher for `client`, retrying for as long as a request may take (`--request-timeout`; 30 s if none).
    init(list: Request, client: APIClient) {
        let window = client.timeout > .zero ? client.timeout : .seconds(30)
        self.init(list: list, policy: WatchRetry.Policy(window: window))
    }

    /// Lists and watches until `consume` returns true (done).
    /// - Throws: what `consume` throws, or the error the watch could not get past (``ConnectionFailure``,
    ///   ``ConnectionLost``, the server's ``Status``).
    func run<T: WatchTransport>(_ transport: T, _ consume: (WatchUpdate) async throws -> Bool) async throws {
        let (updates, output) = AsyncThrowingStream.makeStream(of: WatchUpdate.self, throwing: (any Error).self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await produce(transport, output) }
            defer { group.cancelAll() }
            for try await update in updates {
                if try await consume(update) { return }
            }
        }
    }

    // MARK: - Internals

    /// What carries over from one connection to the next.
    private struct Progress: Sendable {
        var retry: WatchRetry
        var objects = WatchedObjects()
        var listedOnce = false
        var needsList = true
    }

    private func produce<T: WatchTransport>(
        _ transport: T, _ output: AsyncThrowingStream<WatchUpdate, any Error>.Continuation
    ) async {
        do {
            _ = try await Reconnecting.run(
                transport, clock: clock, from: Progress(retry: WatchRetry(policy: policy)), retry: \.retry
            ) { connection, progress in
                await serve(connection, progress, output)
            }
            output.finish()
        } catch {
            output.finish(throwing: error)
        }
    }

    /// Lists (when needed) and watches over one connection for as long as it works.
    private func serve<C: WatchConnection>(
        _ connection: C, _ start: Progress, _ output: AsyncThrowingStream<WatchUpdate, any Error>.Continuation
    ) async -> Reconnecting.Outcome<Progress> {
        var progress = start
        progress.retry.connected()
        while true {
            let ending: WatchRetry.Ending
            var failure: (any Error)?
            do {
                try Task.checkCancellation()
                if progress.needsList { try await relist(connection, &progress, output) }
                var request = list
                request.verb = .watch
                request.resourceVersion = progress.retry.resourceVersion
                for try await event in connection.watch(request) {
                    let version = event.object[path: ["metadata", "resourceVersion"]]?.stringValue
                    progress.retry.observed(resourceVersion: version)
                    guard event.type != .bookmark else { continue }
                    progress.objects.apply(event)
                    output.yield(.event(event))
                }
                try Task.checkCancellation()
                ending = .watchEnded
            } catch {
                if error is CancellationError { return .failed(error) }
                ending = WatchRetry.ending(of: error)
                failure = error
            }
            switch progress.retry.decide(ending, now: clock.now()) {
            case .giveUp:
                return .failed(failure ?? WireError.connectionClosed)
            case .retry(let after, let relist, let reconnect):
                progress.needsList = relist
                if reconnect { return .reconnect(progress, after: after) }
                do { try await clock.sleep(after) } catch { return .failed(error) }
            }
        }
    }

    /// Lists, and delivers the list (the first time) or the changes since what was delivered (later).
    private func relist<C: WatchConnection>(
        _ connection: C, _ progress: inout Progress, _ output: AsyncThrowingStream<WatchUpdate, any Error>.Continuation
    ) async throws {
        let answer = try await connection.list(list)
        let items = answer?["items"]?.arrayValue ?? []
        if progress.listedOnce {
            for event in progress.objects.relisted(items) { output.yield(.event(event)) }
        } else {
            progress.objects.replace(with: items)
            progress.listedOnce = true
            output.yield(.listed(items))
        }
        progress.retry.listed(resourceVersion: answer?[path: ["metadata", "resourceVersion"]]?.stringValue)
        progress.needsList = false
    }
}
