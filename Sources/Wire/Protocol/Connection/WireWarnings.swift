import Synchronization

/// Warnings a service raises while it handles one request (a `Warn` field validation's unknown fields), which the
/// server session sends as `warning` messages before the answer. The session installs a ``Sink`` for each request;
/// ``record(_:)`` outside one does nothing.
public enum WireWarnings {
    /// Collects one request's warnings, in order.
    public final class Sink: Sendable {
        private let collected = Mutex<[String]>([])

        public init() {}

        public func append(_ texts: [String]) { collected.withLock { $0 += texts } }

        public var texts: [String] { collected.withLock { $0 } }
    }

    @TaskLocal public static var sink: Sink?

    /// Adds `texts` to the current request's warnings.
    public static func record(_ texts: [String]) {
        guard !texts.isEmpty else { return }
        sink?.append(texts)
    }
}
