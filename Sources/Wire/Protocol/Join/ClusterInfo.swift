/// What the bootstrap port tells anyone who asks (`get` kind `ClusterInfo`): the cluster CA and the API address.
///
/// `{"apiVersion":"v1","kind":"ClusterInfo","caCertificate":"<PEM>","server":"HOST:PORT"}`. A joining node must
/// not trust it until the CA's hash matches the one it was given out of band (``ClusterPKI/caHash(certificatePEM:)``).
import KubeAPI

public struct ClusterInfo: Codable, Sendable, Hashable {
    /// The kind, as requested and answered.
    public static let kind = "ClusterInfo"

    public var apiVersion: String = "v1"
    public var kind: String = ClusterInfo.kind
    /// The cluster CA certificate, PEM.
    public var caCertificate: String
    /// The main API address, `HOST:PORT` (`[V6]:PORT` for IPv6).
    public var server: String

    /// Cluster info for a CA and an API address.
    public init(caCertificate: String, server: String) {
        self.caCertificate = caCertificate
        self.server = server
    }
}
