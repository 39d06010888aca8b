/// One typed client over the API kinds, whatever carries the calls: the wire transport (kctl, kubeletd, kbench) or
/// the in-process one the controllers use (admission and authorization as for every caller, no JSON round trip).
///
/// Errors are Kubernetes' ``Status`` values (NotFound, AlreadyExists, Conflict, Invalid, Gone...), as the API server
/// raises them. Every write answers the object as stored, so a caller reads its own writes.
public protocol ClusterClient: Sendable {
    /// The object `namespace/name` of `type`; throws NotFound when it does not exist.
    func get<R: APIResource>(_ type: R.Type, namespace: String?, name: String) async throws -> R
    /// The objects of `type` in `namespace` (every namespace when nil) that match `options`' selectors, with the
    /// resourceVersion the list is consistent with.
    func list<R: APIResource>(_ type: R.Type, namespace: String?, options: ListOptions) async throws -> ObjectList<R>
    /// Changes to the objects of `type` after `options.resourceVersion` (or a synthetic ADDED per current object
    /// first, without one). The stream ends with ``Status`` Gone (410) when the watcher fell too far behind.
    func watch<R: APIResource>(_ type: R.Type, namespace: String?, options: ListOptions) async throws
        -> AsyncThrowingStream<TypedWatchEvent<R>, any Error>
    /// Creates `object` in `namespace` (nil for cluster-scoped kinds or the object's own namespace).
    func create<R: APIResource>(_ object: R, namespace: String?, options: WriteOptions) async throws -> R
    /// Replaces `object` (optimistic concurrency on its resourceVersion when it carries one).
    func update<R: APIResource>(_ object: R, options: WriteOptions) async throws -> R
    /// Replaces `object`'s status only (the `status` subresource).
    func updateStatus<R: APIResource>(_ object: R, options: WriteOptions) async throws -> R
    /// Applies `patch` (of `patchType`) to `namespace/name`; `subresource` "status" patches the status.
    func patch<R: APIResource>(
        _ type: R.Type, namespace: String?, name: String, patch: JSONValue, patchType: PatchType,
        subresource: String?, options: WriteOptions
    ) async throws -> R
    /// Deletes `namespace/name` of `kind`; throws NotFound when it does not exist.
    func delete(_ kind: ResourceKind, namespace: String?, name: String, options: DeleteOptions) async throws
    /// Binds a pod to a node (`pods/binding`).
    func bind(namespace: String, pod: String, node: String) async throws
}

/// Selectors and the starting point of a list or watch.
public struct ListOptions: Sendable, Hashable {
    public var labelSelector: String?
    public var fieldSelector: String?
    /// For a watch: resume after this resourceVersion (nil, "" or "0": list first).
    public var resourceVersion: String?

    public init(labelSelector: String? = nil, fieldSelector: String? = nil, resourceVersion: String? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resourceVersion = resourceVersion
    }
}

/// Options of a create, update or patch.
public struct WriteOptions: Sendable, Hashable {
    /// Admit and validate, but store nothing (`--dry-run=server`).
    public var dryRun: Bool

    public init(dryRun: Bool = false) { self.dryRun = dryRun }
}

/// Options of a delete.
public struct DeleteOptions: Sendable, Hashable {
    /// Seconds a pod gets to stop; 0 deletes it at once.
    public var gracePeriodSeconds: Int64?
    /// `Foreground`, `Background` or `Orphan`.
    public var propagationPolicy: String?
    public var dryRun: Bool

    public init(gracePeriodSeconds: Int64? = nil, propagationPolicy: String? = nil, dryRun: Bool = false) {
        self.gracePeriodSeconds = gracePeriodSeconds
        self.propagationPolicy = propagationPolicy
        self.dryRun = dryRun
    }
}

/// A typed list answer.
public struct ObjectList<R: APIResource>: Sendable {
    public var items: [R]
    /// The resourceVersion the list is consistent with: a watch from here misses nothing.
    public var resourceVersion: String

    public init(items: [R], resourceVersion: String) {
        self.items = items
        self.resourceVersion = resourceVersion
    }
}

/// One typed change seen by a watch. Bookmarks carry only a resourceVersion.
public enum TypedWatchEvent<R: APIResource>: Sendable {
    case added(R)
    case modified(R)
    case deleted(R)
    case bookmark(resourceVersion: String)
}

extension ClusterClient {
    /// The object, or nil when it does not exist.
    public func getIfPresent<R: APIResource>(_ type: R.Type, namespace: String?, name: String) async throws -> R? {
        do {
            return try await get(type, namespace: namespace, name: name)
        } catch let status as Status where status.reason == .notFound {
            return nil
        }
    }

    /// Deletes, counting NotFound as done.
    public func deleteIfPresent(_ kind: ResourceKind, namespace: String?, name: String, options: DeleteOptions = .init())
        async throws
    {
        do {
            try await delete(kind, namespace: namespace, name: name, options: options)
        } catch let status as Status where status.reason == .notFound {
            return
        }
    }
}
