/// One volume mount of a container, as the runtime sets it up: a directory or file the kubelet keeps inside the
/// pod's own directory (a ConfigMap, Secret, projected, downward-API or emptyDir volume, materialised as files),
/// shown to the container's process and to `exec` at `mountPath`.
struct ContainerMount: Sendable, Hashable {
    /// The volume's name in the pod spec.
    var volume: String
    /// Where the kubelet keeps the content on the node: an absolute path inside the pod's directory.
    var source: String
    /// Where the container sees it (`volumeMounts[].mountPath`), an absolute path.
    var mountPath: String
    /// `volumeMounts[].readOnly` (ConfigMap, Secret, projected and downward-API volumes are always read-only).
    var readOnly: Bool
}
