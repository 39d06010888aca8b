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
        let context = try config.resolvedContext(named: options.context, overridingToken: options.token)
        // A user with only a token presents no certificate and sends the token in its hello.
        let tls = context.certPEM.isEmpty
            ? try TLSConfiguration.clusterClientWithoutCertificate(caPEM: context.caPEM)
            : try TLSConfiguration.clusterClient(
                certificatePEM: context.certPEM, privateKeyPEM: context.keyPEM, caPEM: context.caPEM)
        let namespace = options.namespace ?? context.namespace ?? "default"
        let timeout = Duration.milliseconds(Int64(options.requestTimeout * 1000))
        let endpoint = ControlPlaneEndpoint(
            host: context.server.host, port: context.server.port, tls: tls, token: context.token)
        return try await WireImpersonation.$current.withValue(options.impersonation) {
            try await endpoint.withConnection { wire in
                try await body(APIClient(wire: wire, defaultNamespace: namespace, timeout: timeout, endpoint: endpoint))
            }
        }
    }

    /// The typed client over the connection, each call bounded by ``timeout``.
    var cluster: WireClusterClient { WireClusterClient(wire, timeout: timeout) }

    /// Sends a request and returns the answer object.
    func send(_ request: Request) async throws -> JSONValue? {
        try await wire.send(request, timeout: timeout)
    }

    func get(_ kind: ResourceKind, namespace: String?, name: String) async throws -> JSONValue? {
        try await cluster.getObject(kind, namespace: namespace, name: name)
    }

    func list(_ kind: ResourceKind, namespace: String?, labelSelector: String? = nil, fieldSelector: String? = nil)
        async throws -> JSONValue?
    {
        let options = ListOptions(labelSelector: labelSelector, fieldSelector: fieldSelector)
        return try await cluster.listObjects(kind, namespace: namespace, options: options)
    }

    /// Patches `namespace/name` of `kind` (whatever kind the user named: the object is JSON) with the document
    /// `patch` of `type`, and returns the object as the server answered (as it would be, with a server dry run).
    @discardableResult
    func patch(
        _ kind: ResourceKind, namespace: String?, name: String, patch: JSONValue, type: PatchType,
        subresource: String? = nil, options: WriteOptions = WriteOptions()
    ) async throws -> JSONValue {
        try await cluster.patchObject(
            kind, namespace: namespace, name: name, patch: patch, patchType: type, subresource: subresource,
            options: options)
    }

    /// nil for cluster-scoped kinds; the given namespace otherwise.
    func scoped(_ kind: ResourceKind, _ namespace: String?) -> String? {
        kind.namespaced ? namespace : nil
    }
}
