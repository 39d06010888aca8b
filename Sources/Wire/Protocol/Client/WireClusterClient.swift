import KubeAPI

/// The typed ``ClusterClient`` over one wire connection (``WireClient``): what kctl, kubeletd and kbench talk to the
/// control plane with.
///
/// Each call builds its request with ``APIRequests`` and decodes the answer once, into the caller's type. Kinds
/// known only at run time (kctl's commands on whatever the user names, objects read from manifests) use the same
/// calls on JSON objects: ``getObject(_:namespace:name:)``,
/// ``patchObject(_:namespace:name:patch:patchType:subresource:options:)`` and the others, which the typed calls are
/// built on.
///
/// Errors are the server's ``Status`` (NotFound, Conflict, Gone...) as it sent them; ``WireError/timeout(seconds:)``
/// when a request outlives ``timeout`` (the server is told to cancel it); ``WireError`` or ``ConnectionLost`` when the
/// connection fails.
public struct WireClusterClient: ClusterClient {
    /// The connection the calls go over.
    public let connection: WireClient
    /// How long each non-watch call may take (nil: no limit). Watches are not bounded by it.
    public let timeout: Duration?

    public init(_ connection: WireClient, timeout: Duration? = nil) {
        self.connection = connection
        self.timeout = timeout
    }

    /// The same client with another per-call time limit.
    public func timeout(_ timeout: Duration?) -> WireClusterClient {
        WireClusterClient(connection, timeout: timeout)
    }

    // MARK: - Typed calls

    public func get<R: APIResource>(_ type: R.Type, namespace: String?, name: String) async throws -> R {
        try await getObject(R.resourceKind, namespace: namespace, name: name).decode(as: R.self)
    }

    public func list<R: APIResource>(_ type: R.Type, namespace: String?, options: ListOptions) async throws
        -> ObjectList<R>
    {
        let answer = try await listObjects(R.resourceKind, namespace: namespace, options: options)
        let list = try answer.decode(as: ListAnswer<R>.self)
        return ObjectList(items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? "")
    }

    public func watch<R: APIResource>(_ type: R.Type, namespace: String?, options: ListOptions) async throws
        -> AsyncThrowingStream<TypedWatchEvent<R>, any Error>
    {
        let events = WatchEventIterator(watchObjects(R.resourceKind, namespace: namespace, options: options))
        return AsyncThrowingStream {
            guard let event = try await events.next() else { return nil }
            return try TypedWatchEvent<R>(decoding: event)
        }
    }

    public func create<R: APIResource>(_ object: R, namespace: String?, options: WriteOptions) async throws -> R {
        try await createObject(R.resourceKind, JSONValue(encoding: object), namespace: namespace, options: options)
            .decode(as: R.self)
    }

    public func update<R: APIResource>(_ object: R, options: WriteOptions) async throws -> R {
        try await updateObject(
            R.resourceKind, JSONValue(encoding: object), namespace: object.metadata.namespace, name: object.name,
            subresource: nil, options: options
        ).decode(as: R.self)
    }

    public func updateStatus<R: APIResource>(_ object: R, options: WriteOptions) async throws -> R {
        try await updateObject(
            R.resourceKind, JSONValue(encoding: object), namespace: object.metadata.namespace, name: object.name,
            subresource: "status", options: options
        ).decode(as: R.self)
    }

    public func patch<R: APIResource>(
        _ type: R.Type, namespace: String?, name: String, patch: JSONValue, patchType: PatchType,
        subresource: String?, options: WriteOptions
    ) async throws -> R {
        try await patchObject(
            R.resourceKind, namespace: namespace, name: name, patch: patch, patchType: patchType,
            subresource: subresource, options: options
        ).decode(as: R.self)
    }

    public func delete(_ kind: ResourceKind, namespace: String?, name: String, options: DeleteOptions) async throws {
        _ = try await deleteObject(kind, namespace: namespace, name: name, options: options)
    }

    public func bind(namespace: String, pod: String, node: String) async throws {
        _ = try await connection.send(APIRequests.binding(namespace: namespace, pod: pod, node: node), timeout: timeout)
    }

    // MARK: - The same calls on JSON objects, for kinds known at run time

    /// The object `namespace/name` of `kind`; throws NotFound when it does not exist.
    public func getObject(_ kind: ResourceKind, namespace: String?, name: String) async throws -> JSONValue {
        try await answer(APIRequests.get(kind, namespace: namespace, name: name))
    }

    /// The `<Kind>List` of the objects of `kind` in `namespace` (every namespace when nil) matching `options`.
    public func listObjects(_ kind: ResourceKind, namespace: String?, options: ListOptions = ListOptions())
        async throws -> JSONValue
    {
        try await answer(APIRequests.list(kind, namespace: namespace, options: options))
    }

    /// The raw events of a watch on `kind` (see ``WireClient/watch(_:)``: it throws the server's Status, e.g. Gone,
    /// when the server fails the watch; ending iteration cancels it on the server).
    public func watchObjects(_ kind: ResourceKind, namespace: String?, options: ListOptions = ListOptions())
        -> AsyncThrowingStream<WatchEvent, any Error>
    {
        connection.watch(APIRequests.watch(kind, namespace: namespace, options: options))
    }

    /// Creates `object` (a `kind`) and returns it as stored.
    public func createObject(
        _ kind: ResourceKind, _ object: JSONValue, namespace: String?, options: WriteOptions = WriteOptions()
    ) async throws -> JSONValue {
        try await answer(APIRequests.create(kind, namespace: namespace, object: object, options: options))
    }

    /// Replaces `namespace/name` with `object` (or only its status, with `subresource` "status").
    public func updateObject(
        _ kind: ResourceKind, _ object: JSONValue, namespace: String?, name: String, subresource: String? = nil,
        options: WriteOptions = WriteOptions()
    ) async throws -> JSONValue {
        try await answer(
            APIRequests.update(
                kind, namespace: namespace, name: name, object: object, subresource: subresource, options: options))
    }

    /// Applies `patch` (of `patchType`) to `namespace/name` of `kind` and returns the object as stored (or as it
    /// would be, with `options.dryRun`).
    public func patchObject(
        _ kind: ResourceKind, namespace: String?, name: String, patch: JSONValue, patchType: PatchType,
        subresource: String? = nil, options: WriteOptions = WriteOptions()
    ) async throws -> JSONValue {
        try await answer(
            APIRequests.patch(
                kind, namespace: namespace, name: name, patch: patch, patchType: patchType, subresource: subresource,
                options: options))
    }

    /// Deletes `namespace/name` of `kind`; returns the server's answer (the object's last state, or the object with
    /// its deletion started), nil when it sent none.
    @discardableResult
    public func deleteObject(
        _ kind: ResourceKind, namespace: String?, name: String, options: DeleteOptions = DeleteOptions()
    ) async throws -> JSONValue? {
        try await connection.send(APIRequests.delete(kind, namespace: namespace, name: name, options: options),
                                  timeout: timeout)
    }

    /// Sends `request` and returns the object the server answered with.
    private func answer(_ request: Request) async throws -> JSONValue {
        guard let object = try await connection.send(request, timeout: timeout) else {
            throw WireError.unexpectedMessage("the control plane answered \(request.verb.rawValue) with no object")
        }
        return object
    }
}

/// A `<Kind>List` answer as the typed list decodes it, in one pass.
private struct ListAnswer<R: APIResource>: Decodable {
    var metadata: ListMeta?
    var items: [R]?
}
