import Foundation
import KubeAPI
import Logging
import NIOCore
import NIOSSL
import Synchronization
import Wire

/// The kubelet's own endpoint, as Kubernetes' `:10250`: this protocol over mutual TLS 1.3 on the node's address,
/// serving ``KubeletService`` (logs and exec) to the control plane. It serves with the node certificate, and
/// trusts only client certificates from the cluster CA.
///
/// If the port cannot be bound (another kubeletd on the same address and port: two clusters created at once can pick
/// the same loopback subnet), it serves on a free port of the same address instead, which the Node reports. Only if
/// that fails too does the node run without it: the error is logged, the Node reports port 0, and the control plane
/// answers logs and exec for its pods with an error.
struct KubeletEndpoint: Sendable {
    let host: String
    let port: Int
    let credentials: JoinedCredentials
    let service: KubeletService
    let logger: Logger

    /// Serves until cancelled; reports the bound port (0 when binding failed) through `onReady`, once.
    func run(onReady: @escaping @Sendable (Int) -> Void) async {
        if port != 0, await serve(port: port, onReady: onReady, fallingBack: true) { return }
        await serve(port: 0, onReady: onReady, fallingBack: false)
    }

    /// Serves on `port` until cancelled. Returns false when it could not listen and `fallingBack` (the caller tries
    /// another port); otherwise reports port 0 and waits for cancellation.
    @discardableResult
    private func serve(port: Int, onReady: @escaping @Sendable (Int) -> Void, fallingBack: Bool) async -> Bool {
        let listening = ListeningFlag()
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
                listening.set()
                logger.info("kubelet endpoint listening on \(host):\(bound)")
                onReady(bound)
            }
            return true
        } catch where Task.isCancelled {
            return true
        } catch {
            if fallingBack, !listening.isSet {
                logger.warning(
                    "kubelet endpoint port taken: serving on a free port of the same address",
                    metadata: ["address": "\(host):\(port)", "error": "\(error)"])
                return false
            }
            logger.error(
                "kubelet endpoint unavailable: logs and exec will not work for this node",
                metadata: ["address": "\(host):\(port)", "error": "\(error)"])
            onReady(0)
            // The node goes on without it until it stops.
            while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
            return true
        }
    }
}

/// Whether a server has started listening, set from its start callback.
private final class ListeningFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
