import Foundation
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Wire

/// The control-plane process as a service: opens the store, makes sure the PKI and the built-in namespaces exist,
/// then serves the API until graceful shutdown.
struct ControlPlane: Service {
    let settings: ControlPlaneSettings
    let logger: Logger
    let store: ObjectStore
    let pki: ControlPlanePKI

    init(settings: ControlPlaneSettings, logger: Logger) throws {
        self.settings = settings
        self.logger = logger
        try FileManager.default.createDirectory(at: settings.dataDirectory, withIntermediateDirectories: true)
        store = try ObjectStore(directory: settings.dataDirectory, watchWindow: settings.watchWindow)
        pki = try ControlPlanePKI.loadOrCreate(
            dataDir: settings.dataDirectory, serverAddresses: [settings.listenAddress] + settings.advertiseAddresses,
            now: Date())
        try Bootstrap.ensureBuiltIns(in: store, now: Date())
    }

    func run() async throws {
        let tls = try TLSConfiguration.clusterServer(
            certificatePEM: pki.servingCertificatePEM, privateKeyPEM: pki.servingPrivateKeyPEM, caPEM: pki.caCertificatePEM)
        let api = APIServer(store: store, logger: logger)
        let server = try WireServer(
            configuration: WireServerConfiguration(
                host: settings.listenAddress, port: settings.port, tls: tls, maxFrameBytes: settings.maxFrameBytes,
                helloTimeout: settings.helloTimeout),
            service: api, logger: logger)
        let dataDirectory = settings.dataDirectory
        let pki = self.pki
        let logger = self.logger
        try await cancelWhenGracefulShutdown {
            try await server.run { address in
                let host = address.ipAddress ?? "127.0.0.1"
                let port = address.port ?? 0
                do {
                    try Bootstrap.writeAdminKubeconfig(
                        pki: pki, server: ServerAddress(host: host, port: port), directory: dataDirectory)
                } catch {
                    logger.error("cannot write admin.kubeconfig", metadata: ["error": "\(error)"])
                }
                // The readiness line tests and scripts wait for.
                FileHandle.standardError.write(Data("controlplane listening on \(host):\(port)\n".utf8))
            }
        }
        logger.info("controlplane stopped")
    }
}
