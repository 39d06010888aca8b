import KubeAPI
import Wire

/// A change an informer applied to its cache, as the controllers' ``Controller/keys(for:)`` see it: typed, decoded
/// once when the watch delivered it.
struct InformerEvent: Sendable {
    enum Change: Sendable, Equatable {
        case added, modified, deleted
    }

    var change: Change
    var kind: ResourceKind
    /// The object after the change; for a deletion, its last known state.
    var object: any APIResource

    /// `namespace/name` of the object.
    var key: String { NamespacedKey.make(namespace: object.namespace, name: object.name) }
    var namespace: String { object.namespace }
    /// The object as `R`, when it is one.
    func object<R: APIResource>(as type: R.Type) -> R? { object as? R }
}
