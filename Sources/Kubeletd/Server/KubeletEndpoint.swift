import Foundation
import KubeAPI
import Logging
import NIOCore
import NIOSSL
import Wire

/// The kubelet's own endpoint, as Kubernetes' `:10250`: this protocol over mutual TLS 1.3 on the node's address,
/// serving ``KubeletService`` (logs and exec) to the control plane. It serves with the node certificate, and
/// trusts only client certificates from the cluster CA.
///
/// If the port cannot be bound (another kubeletd on the same address and port), the node runs without it: the
/// error is logged, the Node reports port 0, and the control plane answers logs and exec for its pods with an
/// error.
struct KubeletEndpoint: Sendable {
    let host: String
    let port: Int
    let credentials: JoinedCredentials
    let service: KubeletService
    let logger: Logger

    /// Serves until cancelled; reports the bound port (0 when binding failed) through `onReady`, once.
    func run(onReady: @escaping @Sendable (Int) -> Void) async {
        do {
            let server = try WireServer(
                configuration: WireServerConfiguration(
                    host: host, port: port,
                    tls: try TLSConfiguration.clusterServer(
                        certificatePEM: credentials.certificatePEM, privateKeyPEM: credentials.privateKeyPEM,
                        caPEM: credentials.caPEM),
                    agent: "kubeletd/\(WireVersion.softwareVersion)"),
                service: service, logger: logger)
            try await server.run { address in
                let bound = address.port ?? port
                logger.info("kubelet endpoint listening on \(host):\(bound)")
                onReady(bound)
            }
        } catch where Task.isCancelled {
            return
        } catch {
            logger.error(
                "kubelet endpoint unavailable: logs and exec will not work for this node",
                metadata: ["address": "\(host):\(port)", "error": "\(error)"])
            onReady(0)
            // The node goes on without it until it stops.
            while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
        }
    }
}
