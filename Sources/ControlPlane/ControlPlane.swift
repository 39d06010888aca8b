import Foundation
import KubeAPI
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import Synchronization
import Wire

/// The control-plane process as a service: opens the store (its owner: it hands the store to the API server, the
/// store's only caller), makes sure the PKI and the first bootstrap token exist, then has the API server create its
/// built-in objects, serves the API and the join endpoint and runs the controllers until graceful shutdown.
struct ControlPlane: Service {
    let settings: ControlPlaneSettings
    let logger: Logger
    let store: ObjectStore
    let pki: ControlPlanePKI
    /// The client certificate the control plane presents to kubelets.
    let kubeletClient: CertificateKeyPair
    /// The ServiceAccount token key (`sa.key` beside the PKI files).
    let tokenSigner: ServiceAccountTokenSigner

    init(settings: ControlPlaneSettings, logger: Logger) throws {
        self.settings = settings
        self.logger = logger
        try FileManager.default.createDirectory(at: settings.dataDirectory, withIntermediateDirectories: true)
        store = try ObjectStore(directory: settings.dataDirectory, watchWindow: settings.watchWindow)
        pki = try ControlPlanePKI.loadOrCreate(
            dataDir: settings.dataDirectory, serverAddresses: [settings.listenAddress] + settings.advertiseAddresses,
            now: Date())
        kubeletClient = try KubeletPKI.loadOrCreateClient(dataDir: settings.dataDirectory, ca: pki.ca, now: Date()).pair
        tokenSigner = try ServiceAccountTokenSigner.loadOrCreate(dataDir: settings.dataDirectory)
        _ = try BootstrapTokenStore.ensureInitialToken(dataDir: settings.dataDirectory, now: Date())
    }

    func run() async throws {
        let kubelets = try KubeletConnector(credentials: kubeletClient, caPEM: pki.caCertificatePEM, logger: logger)
        let api = APIServer(store: store, kubelets: kubelets, tokenSigner: tokenSigner, logger: logger)
        try api.ensureBuiltIns()
        let apiAddress = AddressBox()
        let main = try WireServer(
            configuration: WireServerConfiguration(
                host: settings.listenAddress, port: settings.port,
                tls: try TLSConfiguration.clusterServer(
                    certificatePEM: pki.servingCertificatePEM, privateKeyPEM: pki.servingPrivateKeyPEM,
                    caPEM: pki.caCertificatePEM),
                maxFrameBytes: settings.maxFrameBytes, helloTimeout: settings.helloTimeout),
            service: api,
            // The Kubernetes REST API on the same port, for clients that negotiate http/1.1 (kubectl).
            alternate: RESTServer(
                handler: RESTHandler(api: api),
                limits: RESTServer.Limits(
                    maxBodyBytes: settings.maxFrameBytes, requestTimeout: TimeAmount(settings.httpRequestTimeout),
                    stalledWriteTimeout: TimeAmount(settings.stalledWriteTimeout)),
                logger: logger),
            logger: logger)
        let join = try WireServer(
            configuration: .bootstrap(
                host: settings.listenAddress, port: settings.bootstrapPort,
                certificatePEM: pki.servingCertificatePEM, privateKeyPEM: pki.servingPrivateKeyPEM,
                caPEM: pki.caCertificatePEM),
            service: JoinService(
                ca: pki.ca, tokens: BootstrapTokenStore(dataDirectory: settings.dataDirectory),
                apiServer: { apiAddress.value }, logger: logger),
            logger: logger)
        let client = InProcessClient(api: api)
        let informers = SharedInformers()
        let controllers = ControllerManager(
            informers: informers, client: client,
            controllers: makeControllers(ControllerClient(client: client, informers: informers), apiAddress: apiAddress),
            logger: logger)
        let (dataDirectory, pki, logger) = (settings.dataDirectory, self.pki, self.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await Self.untilGracefulShutdown {
                    try await join.run { address in
                        let line = "controlplane bootstrap listening on \(address.ipAddress ?? "?"):\(address.port ?? 0)\n"
                        FileHandle.standardError.write(Data(line.utf8))
                    }
                }
            }
            group.addTask {
                try await Self.untilGracefulShutdown {
                    try await main.run { address in
                        let host = address.ipAddress ?? "127.0.0.1"
                        let port = address.port ?? 0
                        apiAddress.set(ServerAddress(host: host, port: port))
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
            }
            group.addTask { try await controllers.run() }
            try await group.waitForAll()
        }
        logger.info("controlplane stopped")
    }

    /// Runs a server until graceful shutdown; the cancellation that stops it then is the normal way out, not an
    /// error (so SIGTERM exits 0).
    private static func untilGracefulShutdown(_ operation: @escaping @Sendable () async throws -> Void) async throws {
        do {
            try await cancelWhenGracefulShutdown(operation)
        } catch is CancellationError where Task.isShuttingDownGracefully || Task.isCancelled {
            return
        }
    }

    private func makeControllers(_ client: ControllerClient, apiAddress: AddressBox) -> [any Controller] {
        func recorder(_ component: String) -> EventRecorder {
            EventRecorder(client: client.client, component: component)
        }
        return [
            NodeLifecycleController(
                client: client, recorder: recorder("node-controller"), settings: settings.nodeLifecycle),
            DaemonSetController(client: client, recorder: recorder("daemonset-controller"), logger: logger),
            ReplicaSetController(client: client, recorder: recorder("replicaset-controller")),
            DeploymentController(client: client, recorder: recorder("deployment-controller")),
            StatefulSetController(client: client, recorder: recorder("statefulset-controller")),
            SchedulerController(client: client, recorder: recorder("default-scheduler")),
            GarbageCollectorController(client: client),
            PersistentVolumeBinderController(client: client, recorder: recorder("persistentvolume-controller")),
            DisruptionController(client: client),
            EndpointsController(
                client: client, recorder: recorder("endpoint-controller"), apiServer: { apiAddress.value }),
            ServiceAccountController(client: client),
            JobController(client: client, recorder: recorder("job-controller")),
            CronJobController(client: client, recorder: recorder("cronjob-controller")),
            TTLAfterFinishedController(client: client),
            RootCAPublisherController(client: client, caPEM: pki.caCertificatePEM),
            ServiceAccountTokenController(client: client, signer: tokenSigner, caPEM: pki.caCertificatePEM),
        ]
    }
}

/// The main listener's address, known once it is bound (for the join endpoint's ClusterInfo).
final class AddressBox: Sendable {
    private let address = Mutex<ServerAddress?>(nil)
    var value: ServerAddress? { address.withLock { $0 } }
    func set(_ value: ServerAddress) { address.withLock { $0 = value } }
}
