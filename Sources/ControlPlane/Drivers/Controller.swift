import KubeAPI
import Wire

/// A controller as the controller manager drives it: which keys a change concerns, and how to sync one key.
///
/// Level-triggered: `sync` reads the current state from the shared informers' caches (``ControllerClient``) and
/// converges it; it never acts on the event itself. The manager runs one worker per controller, so a key is never
/// synced twice at once.
protocol Controller: Sendable {
    /// For logs: `daemonset-controller`.
    var name: String { get }
    /// Kinds whose changes this controller watches (their informer events reach ``keys(for:)``).
    var watchedKinds: [ResourceKind] { get }
    /// Kinds whose informers this controller reads without watching them.
    var readKinds: [ResourceKind] { get }
    /// The keys to (re)sync after `event`. May read the informers.
    func keys(for event: InformerEvent) async -> [String]
    /// Every key to sync at start-up and after an informer of a watched kind relisted.
    func initialKeys() async -> [String]
    /// Converges one key. Returns a delay after which the key must be synced again (backoff, minReadySeconds, the
    /// next deadline), or nil. Throwing requeues the key with rate limiting.
    func sync(_ key: String) async throws -> Duration?
}

extension Controller {
    var readKinds: [ResourceKind] { [] }

    /// `namespace/name` of an object.
    static func key(namespace: String, name: String) -> String { NamespacedKey.make(namespace: namespace, name: name) }

    /// Splits a `namespace/name` key.
    static func split(_ key: String) -> (namespace: String, name: String) { NamespacedKey.split(key) }
}
