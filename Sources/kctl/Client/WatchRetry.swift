import KubeAPI
import Wire

/// What a watch does when it ends or fails, as client-go's retrying watchers decide it (`RetryWatcher`, the
/// reflector's `ListAndWatch`): re-watch from the last resourceVersion seen, over a new connection when the old one
/// broke, with exponential backoff; relist when the server no longer has that resourceVersion (410 Gone, Expired);
/// give up on errors retrying cannot fix, and when the connection stays broken for longer than the retry window.
/// Pure: time is a parameter (an offset from any fixed origin).
struct WatchRetry: Sendable, Equatable {
    struct Policy: Sendable, Equatable {
        /// The first delay after a failure; it doubles after each failure without progress.
        var initialBackoff: Duration = .milliseconds(100)
        var maxBackoff: Duration = .seconds(2)
        /// How long the connection may stay broken (no connection made since the first failure) before giving up.
        var window: Duration = .seconds(30)
    }

    /// How a watch (or the list or connection before it) ended.
    enum Ending: Sendable, Equatable {
        /// The server ended the watch cleanly (its watch timeout, a slow watcher dropped, a graceful shutdown).
        case watchEnded
        /// The connection broke or could not be made.
        case connectionLost
        /// The resourceVersion is too old (410 Gone / Expired): only a relist can go on.
        case expired
        /// An error retrying cannot fix (Forbidden, a malformed answer).
        case fatal
    }

    enum Decision: Sendable, Equatable {
        /// Wait `after`, then (on a new connection if `reconnect`) relist if `relist`, and watch again.
        case retry(after: Duration, relist: Bool, reconnect: Bool)
        /// End the watch with the last error.
        case giveUp
    }

    let policy: Policy
    /// The resourceVersion to resume from: the last list's or event's; nil until the first list.
    private(set) var resourceVersion: String?
    /// Failures since the last progress (a list or an event), for the backoff.
    private var failures = 0
    /// When the connection broke, if it has not been made again since.
    private var brokenSince: Duration?

    init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// A list answered at `resourceVersion`.
    mutating func listed(resourceVersion: String?) {
        self.resourceVersion = resourceVersion
        failures = 0
    }

    /// An event arrived (a bookmark too) carrying `resourceVersion`.
    mutating func observed(resourceVersion: String?) {
        if let resourceVersion, !resourceVersion.isEmpty { self.resourceVersion = resourceVersion }
        failures = 0
    }

    /// A connection was made.
    mutating func connected() {
        brokenSince = nil
    }

    /// Decides what follows `ending` at `now`.
    mutating func decide(_ ending: Ending, now: Duration) -> Decision {
        switch ending {
        case .fatal:
            return .giveUp
        case .expired:
            resourceVersion = nil
            return .retry(after: .zero, relist: true, reconnect: false)
        case .watchEnded:
            let delay = backoff()
            return .retry(after: delay, relist: resourceVersion == nil, reconnect: false)
        case .connectionLost:
            let since = brokenSince ?? now
            brokenSince = since
            guard now - since < policy.window else { return .giveUp }
            let delay = min(backoff(), policy.window - (now - since))
            return .retry(after: delay, relist: resourceVersion == nil, reconnect: true)
        }
    }

    /// The delay before the next attempt: none after the first clean end, else doubling from the initial backoff.
    private mutating func backoff() -> Duration {
        defer { failures += 1 }
        guard failures > 0 else { return .zero }
        var delay = policy.initialBackoff
        for _ in 1..<failures where delay < policy.maxBackoff { delay *= 2 }
        return min(delay, policy.maxBackoff)
    }

    /// How `error` ended a list or watch.
    static func ending(of error: any Error) -> Ending {
        if let status = error as? Status {
            if status.reason == .gone || status.reason?.rawValue == "Expired" || status.code == 410 { return .expired }
            let transient: Set<StatusReason> = [
                .timeout, .serverTimeout, .tooManyRequests, .serviceUnavailable, .internalError,
            ]
            return status.reason.map(transient.contains) == true ? .connectionLost : .fatal
        }
        if let wire = error as? WireError {
            switch wire {
            case .connectionClosed, .timeout: return .connectionLost
            case .frameTooLarge, .malformedMessage, .unexpectedMessage, .versionMismatch: return .fatal
            }
        }
        if error is ConnectionLost || error is ConnectionFailure { return .connectionLost }
        return .fatal
    }
}
