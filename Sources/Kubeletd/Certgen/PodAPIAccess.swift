import Foundation
import NIOSSL
import Wire

/// How a program the runtime provides (``ProvidedProgram``) reaches the control plane: the node's control-plane
/// address and the cluster CA that verifies it. The program authenticates with its pod's ServiceAccount token (a
/// bearer token in the frame protocol's hello), never with the node's certificate, so the API server's RBAC applies
/// to the ServiceAccount as it would to the real program in its pod.
struct PodAPIAccess: Sendable {
    var host: String
    var port: Int
    var caPEM: String
    /// The node's own address to connect from, when the node binds its connections to it.
    var localAddress: String?

    /// Where a pod's ServiceAccount token is mounted (the kubelet's `kube-api-access-*` projected volume).
    static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// The ServiceAccount token mounted into the container `mounts` belong to, read from the node's copy; nil when
    /// the pod has none (`automountServiceAccountToken: false`).
    static func token(in mounts: [ContainerMount]) -> String? {
        guard let mount = mounts.first(where: { $0.mountPath == serviceAccountDirectory }),
            let data = FileManager.default.contents(atPath: mount.source + "/token")
        else { return nil }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return token.isEmpty ? nil : token
    }

    /// Connects as the holder of `token`, runs `body` with the client, and closes the connection.
    func withClient<R: Sendable>(
        token: String, agent: String, _ body: @Sendable (WireClusterClient) async throws -> R
    ) async throws -> R {
        let tls = try TLSConfiguration.clusterClientWithoutCertificate(caPEM: caPEM)
        return try await WireClient.withConnection(
            host: host, port: port, tls: tls, serverHostname: "localhost", agent: agent, connectTimeout: .seconds(5),
            localAddress: localAddress, token: token
        ) { connection in
            try await body(WireClusterClient(connection, timeout: .seconds(10)))
        }
    }
}
