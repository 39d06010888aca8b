import KubeAPI
import Wire

/// One committed change, as published to watchers.
///
/// `object` is the stored state after the change; for `.deleted` it is the last state stamped with the
/// deletion's resourceVersion (as Kubernetes does). `resourceVersion` equals `metadata.resourceVersion` of `object`.
struct StoreEvent: Sendable, Hashable {
    /// `.added`, `.modified` or `.deleted` (the store never emits bookmarks).
    var type: WatchEventType
    /// Which object changed.
    var key: ObjectKey
    /// The object after the change.
    var object: JSONValue
    /// The global resourceVersion assigned to this change.
    var resourceVersion: Int64
}

/// Which events a watcher receives: one kind, in one namespace or in all of them.
///
/// Label and field selectors are applied by the caller, on top of this filter.
struct WatchFilter: Sendable, Hashable {
    /// The manifest kind to watch.
    var kind: String
    /// The namespace to watch; `nil` means every namespace (and cluster-scoped objects).
    var namespace: String?

    /// Whether an event for `key` passes the filter.
    func matches(_ key: ObjectKey) -> Bool {
        key.kind == kind && (namespace.map { $0 == key.namespace } ?? true)
    }
}
