/// Versions of the protocol and of the software.
import KubeAPI

public enum WireVersion {
    /// The protocol version carried in every hello. Peers with different versions refuse each other.
    public static let protocolVersion = 1
    /// The software version, shown by `kctl version` and as the node's kubelet version: the emulated Kubernetes
    /// release (``KubernetesAPILevel``), then this project's own version.
    public static let softwareVersion = "\(KubernetesAPILevel.release)-kcluster.0.1.0"
}
