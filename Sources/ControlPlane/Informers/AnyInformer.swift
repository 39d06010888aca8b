import KubeAPI
import Logging
import Wire

/// An ``Informer`` of any kind, as ``SharedInformers`` and the controller manager handle them together.
protocol AnyInformer: Sendable {
    var kind: ResourceKind { get }
    var hasSynced: Bool { get }
    func waitUntilSynced() async
    func addHandler(_ handler: @escaping @Sendable (InformerEvent) async -> Void)
    func addResyncHandler(_ handler: @escaping @Sendable () async -> Void)
    func run(client: any ClusterClient, logger: Logger) async
    /// Applies a change given in the stored JSON form (decoded here, once): how a caller that follows the store
    /// itself (the test harness) feeds the cache. Returns the event for the handlers.
    func applyStored(_ change: InformerEvent.Change, object: JSONValue) throws -> InformerEvent?
    /// Replaces the cache with a list in the stored JSON form.
    func replaceStored(_ objects: [JSONValue]) throws -> [InformerEvent]
    /// Reads `namespace/name` back through `client` into the cache (see ``Informer/refresh(namespace:name:client:)``).
    func refresh(namespace: String?, name: String, client: any ClusterClient) async
}

extension Informer: AnyInformer {
    var kind: ResourceKind { R.resourceKind }

    func applyStored(_ change: InformerEvent.Change, object: JSONValue) throws -> InformerEvent? {
        let typed = try APIServer.decodeStored(object, as: R.self)
        switch change {
        case .added: return apply(.added(typed))
        case .modified: return apply(.modified(typed))
        case .deleted: return apply(.deleted(typed))
        }
    }

    func replaceStored(_ objects: [JSONValue]) throws -> [InformerEvent] {
        replace(try objects.map { try APIServer.decodeStored($0, as: R.self) })
    }
}

extension Informer {
    /// Read-your-writes after a write that answers nothing typed (delete, bind): reads the object back through
    /// `client` and caches it, or drops it when it is gone.
    func refresh(namespace: String?, name: String, client: any ClusterClient) async {
        do {
            if let object = try await client.getIfPresent(R.self, namespace: namespace, name: name) {
                record(object)
            } else {
                recordDeleted(namespace: namespace, name: name)
            }
        } catch {
            // The watch brings the change in any case.
        }
    }
}
