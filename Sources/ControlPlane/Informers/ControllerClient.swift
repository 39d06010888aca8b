import KubeAPI
import Wire

/// What a controller reads and writes through: the shared informers' caches for reads (the lister), one
/// ``ClusterClient`` for writes.
///
/// Every write's answer goes into the kind's informer (``Informer/record(_:)``: only when newer than what is
/// cached), and deletes and bindings, which answer nothing typed, read the object back into it; so a controller's
/// next sync sees its own writes, whether or not the watch has delivered them yet, and needs no expectations.
struct ControllerClient: Sendable {
    let client: any ClusterClient
    let informers: SharedInformers

    init(client: any ClusterClient, informers: SharedInformers) {
        self.client = client
        self.informers = informers
    }

    // MARK: - Reads

    /// The cached object, or nil.
    func cached<R: APIResource>(_ type: R.Type, namespace: String?, name: String) -> R? {
        informers.informer(R.self)?.get(namespace: namespace, name: name)
    }

    /// The cached objects of `R` in `namespace` (every namespace when nil).
    func cachedList<R: APIResource>(_ type: R.Type, namespace: String? = nil) -> [R] {
        informers.informer(R.self)?.list(namespace: namespace) ?? []
    }

    /// A fresh read through the API (for a retry after a Conflict), recorded into the cache.
    func fresh<R: APIResource>(_ type: R.Type, namespace: String?, name: String) async throws -> R? {
        let object = try await client.getIfPresent(R.self, namespace: namespace, name: name)
        if let object { informers.informer(R.self)?.record(object) }
        return object
    }

    // MARK: - Writes

    /// Creates an object; returns (and caches) the stored one.
    @discardableResult
    func create<R: APIResource>(_ object: R, namespace: String?) async throws -> R {
        remember(try await client.create(object, namespace: namespace, options: WriteOptions()))
    }

    /// Replaces an object (optimistic concurrency on its resourceVersion); returns (and caches) the stored one. An
    /// update that completes a pending deletion (the last finalizer removed) drops the object from the cache.
    @discardableResult
    func update<R: APIResource>(_ object: R) async throws -> R {
        let written = try await client.update(object, options: WriteOptions())
        guard ObjectLifecycle.finishesDeletion(written) else { return remember(written) }
        informers.informer(R.self)?.recordDeleted(namespace: written.metadata.namespace, name: written.name)
        return written
    }

    /// Replaces an object's status; returns (and caches) the stored object.
    @discardableResult
    func updateStatus<R: APIResource>(_ object: R) async throws -> R {
        remember(try await client.updateStatus(object, options: WriteOptions()))
    }

    /// Deletes an object; NotFound counts as done. `gracePeriodSeconds` 0 deletes a pod at once.
    func delete(
        _ kind: ResourceKind, namespace: String?, name: String, gracePeriodSeconds: Int64? = nil,
        propagationPolicy: String? = nil
    ) async throws {
        let namespace = kind.namespaced ? namespace : nil
        try await client.deleteIfPresent(
            kind, namespace: namespace, name: name,
            options: DeleteOptions(gracePeriodSeconds: gracePeriodSeconds, propagationPolicy: propagationPolicy))
        await informers.informer(for: kind)?.refresh(namespace: namespace, name: name, client: client)
    }

    /// Binds a pod to a node (`pods/binding`).
    func bind(namespace: String, pod: String, node: String) async throws {
        try await client.bind(namespace: namespace, pod: pod, node: node)
        await informers.pods.refresh(namespace: namespace, name: pod, client: client)
    }

    private func remember<R: APIResource>(_ object: R) -> R {
        informers.informer(R.self)?.record(object)
        return object
    }
}
