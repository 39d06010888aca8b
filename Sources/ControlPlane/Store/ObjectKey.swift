/// Identifies one stored object: its manifest kind, namespace and name.
///
/// `kind` is the manifest kind (`"DaemonSet"`, `"Node"`); `namespace` is `""` for cluster-scoped kinds.
/// The key is authoritative: the store does not read `metadata.name` or `metadata.namespace`.
struct ObjectKey: Hashable, Sendable, CustomStringConvertible {
    /// The manifest kind, e.g. `"DaemonSet"`.
    var kind: String
    /// The namespace, or `""` for cluster-scoped objects.
    var namespace: String
    /// The object name.
    var name: String

    /// Creates a key; omit `namespace` for cluster-scoped objects.
    init(kind: String, namespace: String = "", name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// `Kind namespace/name`, or `Kind name` when cluster-scoped.
    var description: String {
        namespace.isEmpty ? "\(kind) \(name)" : "\(kind) \(namespace)/\(name)"
    }
}
