/// The reconnect loop shared by kctl's long-running reads (``RetryingWatcher`` for `get -w` and `rollout status`,
/// ``LogFollower`` for `logs -f`): serves over the command's connection, then, for as long as the serving step asks
/// to reconnect, waits as told and serves again over a new connection. A connection that cannot be made is a
/// failure like any other: ``WatchRetry`` (kept in the carried state) decides whether to try again or give up.
enum Reconnecting {
    /// How one connection's serving ended.
    enum Outcome<State: Sendable>: Sendable {
        /// The connection broke: wait `after`, then serve again over a new one, from `state`.
        case reconnect(State, after: Duration)
        /// Finished (the consumer is done, or the stream ended for good).
        case finished(State)
        /// Cannot go on.
        case failed(any Error)
    }

    /// Serves until finished.
    /// - Parameters:
    ///   - retry: where in the carried state the retry decisions are kept.
    ///   - serve: one connection's work, from a state to an outcome.
    /// - Returns: the final state.
    /// - Throws: the error the work could not get past.
    static func run<T: WatchTransport, State: Sendable>(
        _ transport: T, clock: WatchClock, from start: State, retry: any WritableKeyPath<State, WatchRetry> & Sendable,
        _ serve: @escaping @Sendable (T.Connection, State) async -> Outcome<State>
    ) async throws -> State {
        var outcome = await serve(transport.current, start)
        while case .reconnect(var state, let delay) = outcome {
            do {
                try await clock.sleep(delay)
                let current = state
                outcome = try await transport.withNewConnection { connection in await serve(connection, current) }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                switch state[keyPath: retry].decide(WatchRetry.ending(of: error), now: clock.now()) {
                case .retry(let after, _, _): outcome = .reconnect(state, after: after)
                case .giveUp: outcome = .failed(error)
                }
            }
        }
        switch outcome {
        case .finished(let state): return state
        case .failed(let error): throw error
        case .reconnect: preconditionFailure("the loop above ends only on another outcome")
        }
    }
}
