import KubeAPI
import Wire

/// A controller as the controller manager drives it: which keys a change concerns, and how to sync one key.
///
/// Level-triggered: `sync` reads the current state from the store and converges it; it never acts on the event
/// itself. The manager runs one worker per controller, so a key is never synced twice at once.
protocol Controller: Sendable {
    /// For logs: `daemonset-controller`.
    var name: String { get }
    /// Kinds whose changes this controller watches.
    var watchedKinds: [ResourceKind] { get }
    /// The keys to (re)sync after `event`. May read the store.
    func keys(for event: StoreEvent) async -> [String]
    /// Every key to sync at start-up.
    func initialKeys() async -> [String]
    /// Converges one key. Returns a delay after which the key must be synced again (backoff, minReadySeconds), or
    /// nil. Throwing requeues the key with rate limiting.
    func sync(_ key: String) async throws -> Duration?
}

extension Controller {
    /// `namespace/name` of an object in the store.
    static func key(namespace: String, name: String) -> String { NamespacedKey.make(namespace: namespace, name: name) }

    /// Splits a `namespace/name` key.
    static func split(_ key: String) -> (namespace: String, name: String) { NamespacedKey.split(key) }
}
