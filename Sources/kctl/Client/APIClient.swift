import Foundation
import KubeAPI
import NIOSSL
import Wire

/// kctl's connection to the control plane, resolved from the kubeconfig: typed helpers over ``WireClient``.
struct APIClient: Sendable {
    let wire: WireClient
    /// The namespace requests default to: `-n`, else the context's, else `default`.
    let defaultNamespace: String
    let timeout: Duration
    /// Where the connection goes: watches that must outlive it (a control-plane restart) open new ones there.
    let endpoint: ControlPlaneEndpoint

    /// Connects as the kubeconfig says and runs `body`.
    static func with<R: Sendable>(_ options: GlobalOptions, _ body: @Sendable (APIClient) async throws -> R)
        async throws -> R
    {
        let environment = ProcessInfo.processInfo.environment
        let path = KubeconfigLoader.path(
            explicit: options.kubeconfig, environment: environment,
            homeDirectory: ClusterPaths.homeDirectory(environment: environment).path)
        let config = try KubeconfigLoader.load(path: path)
        let context = try config.resolvedContext(named: options.context)
        let tls = try TLSConfiguration.clusterClient(
            certificatePEM: context.certPEM, privateKeyPEM: context.keyPEM, caPEM: context.caPEM)
        let namespace = options.namespace ?? context.namespace ?? "default"
        let timeout = Duration.milliseconds(Int64(options.requestTimeout * 1000))
        let endpoint = ControlPlaneEndpoint(host: context.server.host, port: context.server.port, tls: tls)
        return try await endpoint.withConnection { wire in
            try await body(APIClient(wire: wire, defaultNamespace: namespace, timeout: timeout, endpoint: endpoint))
        }
    }

    /// Sends a request and returns the answer object.
    func send(_ request: Request) async throws -> JSONValue? {
        try await wire.send(request, timeout: timeout)
    }

    func get(_ kind: ResourceKind, namespace: String?, name: String) async throws -> JSONValue? {
        try await send(Request(verb: .get, kind: kind.kind, namespace: scoped(kind, namespace), name: name))
    }

    func list(_ kind: ResourceKind, namespace: String?, labelSelector: String? = nil, fieldSelector: String? = nil)
        async throws -> JSONValue?
    {
        var request = Request(verb: .list, kind: kind.kind, namespace: scoped(kind, namespace))
        request.labelSelector = labelSelector
        request.fieldSelector = fieldSelector
        return try await send(request)
    }

    /// nil for cluster-scoped kinds; the given namespace otherwise.
    func scoped(_ kind: ResourceKind, _ namespace: String?) -> String? {
        kind.namespaced ? namespace : nil
    }
}
