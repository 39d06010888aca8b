import KubeAPI
import Wire

/// The ``ClusterClient`` of callers inside the control plane (the controllers): the API server's typed verbs
/// (``APIServer``'s `typed…` methods), under one identity, with the same authorization and admission as every
/// other caller but no JSON request or answer: a write's typed value is admitted as it is and encoded once, for the
/// store, and its answer is that value with the store's resourceVersion.
struct InProcessClient: ClusterClient {
    let api: APIServer
    let identity: PeerIdentity

    /// The controller manager's identity.
    static let controllerManager = PeerIdentity(
        commonName: "system:kube-controller-manager", organizations: ["system:masters"])

    init(api: APIServer, identity: PeerIdentity = InProcessClient.controllerManager) {
        self.api = api
        self.identity = identity
    }

    func get<R: APIResource>(_ type: R.Type, namespace: String?, name: String) async throws -> R {
        try await api.typedGet(type, namespace: namespace, name: name, from: identity)
    }

    func list<R: APIResource>(_ type: R.Type, namespace: String?, options: ListOptions) async throws -> ObjectList<R> {
        try await api.typedList(type, namespace: namespace, options: options, from: identity)
    }

    func watch<R: APIResource>(_ type: R.Type, namespace: String?, options: ListOptions) async throws
        -> AsyncThrowingStream<TypedWatchEvent<R>, any Error>
    {
        try await api.typedWatch(type, namespace: namespace, options: options, from: identity)
    }

    func create<R: APIResource>(_ object: R, namespace: String?, options: WriteOptions) async throws -> R {
        try await api.typedCreate(object, namespace: namespace, options: options, from: identity)
    }

    func update<R: APIResource>(_ object: R, options: WriteOptions) async throws -> R {
        try await api.typedUpdate(object, subresource: nil, options: options, from: identity)
    }

    func updateStatus<R: APIResource>(_ object: R, options: WriteOptions) async throws -> R {
        try await api.typedUpdate(object, subresource: "status", options: options, from: identity)
    }

    func patch<R: APIResource>(
        _ type: R.Type, namespace: String?, name: String, patch: JSONValue, patchType: PatchType,
        subresource: String?, options: WriteOptions
    ) async throws -> R {
        try await api.typedPatch(
            type, namespace: namespace, name: name, patch: patch, patchType: patchType, subresource: subresource,
            options: options, from: identity)
    }

    func delete(_ kind: ResourceKind, namespace: String?, name: String, options: DeleteOptions) async throws {
        try await api.typedDelete(kind, namespace: namespace, name: name, options: options, from: identity)
    }

    func bind(namespace: String, pod: String, node: String) async throws {
        try await api.typedBind(namespace: namespace, pod: pod, node: node, from: identity)
    }
}
