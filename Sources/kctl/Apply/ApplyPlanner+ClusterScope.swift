import KubeAPI

extension ApplyPlanner {
    /// A cluster-scoped manifest without the `metadata.namespace` it may name (kube-router's ClusterRole names
    /// kube-system): kubectl's resource builder drops it, so the last-applied text it writes has none and the
    /// same file applied again is unchanged, where keeping it made every apply a patch ("configured").
    static func clusterScoped(_ manifest: JSONValue) -> JSONValue {
        guard var metadata = manifest["metadata"]?.objectValue, metadata["namespace"] != nil else { return manifest }
        metadata["namespace"] = nil
        var object = manifest
        object["metadata"] = .object(metadata)
        return object
    }
}
