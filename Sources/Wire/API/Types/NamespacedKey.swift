/// The `namespace/name` key that names one object of a kind (upstream `cache.MetaNamespaceKeyFunc`, except that a
/// cluster-scoped object keeps its leading `/`, as every caller here has always written it): the controllers'
/// work-queue keys, the lease table, the kubelet's pod table, kctl's watch bookkeeping and the chaos checker.
public enum NamespacedKey {
    /// `namespace/name`.
    public static func make(namespace: String, name: String) -> String { "\(namespace)/\(name)" }

    /// The key of an object's metadata; a missing namespace is `defaultNamespace`, a missing name empty.
    public static func of(_ metadata: ObjectMeta, defaultNamespace: String = "") -> String {
        make(namespace: metadata.namespace ?? defaultNamespace, name: metadata.name ?? "")
    }

    /// The key of an object as JSON (`metadata.namespace`, `metadata.name`; missing ones empty).
    public static func of(_ object: JSONValue) -> String {
        make(
            namespace: object[path: ["metadata", "namespace"]]?.stringValue ?? "",
            name: object[path: ["metadata", "name"]]?.stringValue ?? "")
    }

    /// Splits a key at its first `/`; a key without one is a name with an empty namespace.
    public static func split(_ key: String) -> (namespace: String, name: String) {
        guard let slash = key.firstIndex(of: "/") else { return ("", key) }
        return (String(key[..<slash]), String(key[key.index(after: slash)...]))
    }
}
