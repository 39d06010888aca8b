import Foundation
import KubeAPI
import Synchronization
import Wire

/// The API server's typed verbs, for callers in the same process (``InProcessClient``): the same authorization,
/// namespace rules, lifecycle rules (``ObjectLifecycle`` on a ``TypedLifecycleObject``), admission (the typed entry
/// of ``KindAdmission``: defaults, mutation, validation, no strict decoding) and optimistic concurrency as the JSON
/// verbs, without a JSON request or answer.
///
/// A write encodes the admitted value once, for the store, and answers that same value with the resourceVersion the
/// store assigned (the only field the store sets). Reads decode what the store holds. Creates of the kinds that
/// allocate from a shared pool (Nodes, Services: no controller writes them) run the allocation on the JSON form;
/// patches (a JSON document by nature), deletes and bindings go through the JSON verbs and answer nothing typed.
extension APIServer {
    // MARK: - Reads

    /// The object `namespace/name` of `R`; NotFound when absent.
    func typedGet<R: APIResource>(
        _ type: R.Type, namespace: String?, name: String, from peer: PeerIdentity
    ) async throws -> R {
        let kind = R.resourceKind
        let request = Request(verb: .get, kind: kind.kind, namespace: namespace, name: name)
        let namespace = try self.namespace(of: request, kind: kind)
        try await authorize(request, kind: kind, namespace: namespace, peer: peer)
        let object: JSONValue
        if kind == .lease {
            guard let lease = leases.get(namespace: namespace ?? "default", name: name) else {
                throw Status.notFound(kind, name: name)
            }
            object = lease
        } else {
            object = try get(kind, namespace, try self.name(of: request))
        }
        return try Self.decodeStored(object, as: R.self)
    }

    /// The objects of `R` that `options`' selectors pick, and the resourceVersion the list is current at.
    func typedList<R: APIResource>(
        _ type: R.Type, namespace: String?, options: ListOptions, from peer: PeerIdentity
    ) async throws -> ObjectList<R> {
        let kind = R.resourceKind
        let request = Self.selecting(Request(verb: .list, kind: kind.kind, namespace: namespace), options)
        let namespace = try self.namespace(of: request, kind: kind)
        try await authorize(request, kind: kind, namespace: namespace, peer: peer)
        let filter = try ObjectFilter(request: request)
        let (items, resourceVersion) =
            kind == .lease
            ? leases.listVersioned(namespace: namespace) : try store.list(kind: kind.kind, namespace: namespace)
        return ObjectList(
            items: try items.filter(filter.matches).map { try Self.decodeStored($0, as: R.self) },
            resourceVersion: String(resourceVersion))
    }

    /// Changes to the objects of `R` after `options.resourceVersion` (or a snapshot first), each object decoded once.
    /// The stream is pulled: it takes the next store event only when the consumer asks, so a slow consumer is cut
    /// off by the watch hub (and the stream ends with Gone) rather than buffered without bound.
    func typedWatch<R: APIResource>(
        _ type: R.Type, namespace: String?, options: ListOptions, from peer: PeerIdentity
    ) async throws -> AsyncThrowingStream<TypedWatchEvent<R>, any Error> {
        let kind = R.resourceKind
        var request = Self.selecting(Request(verb: .watch, kind: kind.kind, namespace: namespace), options)
        request.resourceVersion = options.resourceVersion
        let namespace = try self.namespace(of: request, kind: kind)
        try await authorize(request, kind: kind, namespace: namespace, peer: peer)
        let filter = try ObjectFilter(request: request)
        let from = try Self.watchStart(options.resourceVersion)
        let events: WatchStream
        do {
            events =
                kind == .lease
                ? try leases.watch(namespace: namespace, fromResourceVersion: from)
                : try store.watch(kind: kind.kind, namespace: namespace, fromResourceVersion: from)
        } catch {
            throw map(error, kind: kind, name: "")
        }
        let source = TypedWatchSource<R>(events: events, filter: filter, kind: kind, server: self)
        return AsyncThrowingStream { try await source.next() }
    }

    // MARK: - Writes

    /// Creates `object`; answers it as stored.
    func typedCreate<R: APIResource>(
        _ object: R, namespace: String?, options: WriteOptions, from peer: PeerIdentity
    ) async throws -> R {
        let kind = R.resourceKind
        let request = Request(
            verb: .create, kind: kind.kind, namespace: namespace ?? object.metadata.namespace,
            name: object.metadata.name)
        let namespace = try self.namespace(of: request, kind: kind)
        try await authorize(request, kind: kind, namespace: namespace, peer: peer)
        try checkNamespace(object.metadata.namespace, matches: namespace)
        if kind == .lease { return try putLease(object, namespace: namespace, mustExist: false) }
        if let namespace { try requireNamespace(namespace) }
        var object = object
        object = try admittingDefaults(object)
        let prepared = ObjectLifecycle.prepareForCreate(
            TypedLifecycleObject(value: object), kind: kind, namespace: namespace, now: now(),
            uid: UUID().uuidString.lowercased(), nameSuffix: NameSuffix.random()
        ).value
        // Kinds that allocate from a shared pool choose and store one at a time, under the allocation lock; every
        // other create joins the store's group commit, suspending until the commit that holds it.
        guard ClusterAllocation.allocates(kind) else {
            var admitted = try admission(kind).admitCreate(typed: prepared)
            let encoded = recordingOwnership(
                of: try JSONValue(encoding: admitted), old: nil, kind: kind, manager: Self.defaultFieldManager(for: peer))
            admitted.metadata.managedFields = encoded[path: ["metadata", "managedFields"]]
            if options.dryRun { return admitted }
            let key = ObjectKey(kind: kind.kind, namespace: namespace ?? "", name: admitted.name)
            do {
                let stored = try await store.commit { try $0.create(key, object: encoded) }
                admitted.metadata.resourceVersion = stored[path: ["metadata", "resourceVersion"]]?.stringValue
            } catch {
                throw map(error, kind: kind, name: admitted.name)
            }
            return admitted
        }
        return try allocationLock.withLock { _ in
            let allocated = try self.allocate(try JSONValue(encoding: prepared), kind: kind)
            var admitted = try self.admission(kind).admitCreate(typed: try Self.decodeStored(allocated, as: R.self))
            let encoded = self.recordingOwnership(
                of: try JSONValue(encoding: admitted), old: nil, kind: kind, manager: Self.defaultFieldManager(for: peer))
            admitted.metadata.managedFields = encoded[path: ["metadata", "managedFields"]]
            if options.dryRun { return admitted }
            let key = ObjectKey(kind: kind.kind, namespace: namespace ?? "", name: admitted.name)
            do {
                let stored = try self.store.create(key, object: encoded)
                admitted.metadata.resourceVersion = stored[path: ["metadata", "resourceVersion"]]?.stringValue
            } catch {
                throw self.map(error, kind: kind, name: admitted.name)
            }
            return admitted
        }
    }

    /// Replaces `object` (`subresource` "status": its status only), with optimistic concurrency on its
    /// resourceVersion when it carries one; answers it as stored.
    func typedUpdate<R: APIResource>(
        _ object: R, subresource: String?, options: WriteOptions, from peer: PeerIdentity
    ) async throws -> R {
        let kind = R.resourceKind
        var request = Request(verb: .update, kind: kind.kind, namespace: object.metadata.namespace, name: object.name)
        request.subresource = subresource
        let namespace = try self.namespace(of: request, kind: kind)
        try await authorize(request, kind: kind, namespace: namespace, peer: peer)
        let name = try self.name(of: request)
        try checkNamespace(object.metadata.namespace, matches: namespace)
        if kind == .lease { return try putLease(object, namespace: namespace, mustExist: true) }
        let expected = try ObjectLifecycle.expectedResourceVersion(object.metadata.resourceVersion)
        let key = ObjectKey(kind: kind.kind, namespace: namespace ?? "", name: name)
        return try await retryingLostRaces(kind, name, expected: expected) {
            guard let stored = try store.get(key) else { throw Status.notFound(kind, name: name) }
            guard subresource == nil || subresource == "status" else {
                throw Status(code: 404, reason: .notFound, message: "the server could not find the requested resource")
            }
            let current = try Self.decodeStored(stored, as: R.self)
            let changed = ObjectLifecycle.prepareForUpdate(
                TypedLifecycleObject(value: object), old: TypedLifecycleObject(value: current), kind: kind,
                subresource: subresource
            ).value
            var admitted = try admission(kind).admitUpdate(typed: changed, old: current)
            let currentVersion = Int64(current.metadata.resourceVersion ?? "")
            if let expected, expected != currentVersion { throw Status.conflict(kind, name: name) }
            if options.dryRun { return admitted }
            let encoded = recordingOwnership(
                of: try JSONValue(encoding: admitted), old: stored, kind: kind,
                manager: Self.defaultFieldManager(for: peer), subresource: subresource)
            admitted.metadata.managedFields = encoded[path: ["metadata", "managedFields"]]
            let version = expected ?? currentVersion
            let finishesDeletion = ObjectLifecycle.finishesDeletion(encoded)
            // Store errors go up unmapped, so `retryingLostRaces` can tell a lost race from the rest. The write joins
            // the store's group commit.
            let written = try await store.commit { transaction in
                finishesDeletion
                    ? try transaction.delete(key, expectedResourceVersion: version)
                    : try transaction.update(key, object: encoded, expectedResourceVersion: version)
            }
            admitted.metadata.resourceVersion = written[path: ["metadata", "resourceVersion"]]?.stringValue
            return admitted
        }
    }

    /// Patches `namespace/name` through the JSON verb (the patch is a JSON document); answers the result decoded.
    func typedPatch<R: APIResource>(
        _ type: R.Type, namespace: String?, name: String, patch: JSONValue, patchType: PatchType,
        subresource: String?, options: WriteOptions, from peer: PeerIdentity
    ) async throws -> R {
        var request = Request(verb: .patch, kind: R.resourceKind.kind, namespace: namespace, name: name)
        request.patch = patch
        request.patchType = patchType
        request.subresource = subresource
        request.dryRun = options.dryRun ? true : nil
        guard let answer = try await handle(request, from: peer) else {
            throw Status.internalError("the API server answered a patch with no object")
        }
        return try Self.decodeStored(answer, as: R.self)
    }

    /// Deletes `namespace/name` of `kind` through the delete verb (graceful pod termination, finalizers,
    /// propagation).
    func typedDelete(
        _ kind: ResourceKind, namespace: String?, name: String, options: DeleteOptions, from peer: PeerIdentity
    ) async throws {
        var request = Request(verb: .delete, kind: kind.kind, namespace: kind.namespaced ? namespace : nil, name: name)
        request.gracePeriodSeconds = options.gracePeriodSeconds
        request.propagationPolicy = options.propagationPolicy
        request.dryRun = options.dryRun ? true : nil
        _ = try await handle(request, from: peer)
    }

    /// Binds pod `namespace/pod` to `node` (`pods/binding`).
    func typedBind(namespace: String, pod: String, node: String, from peer: PeerIdentity) async throws {
        var request = Request(verb: .create, kind: ResourceKind.pod.kind, namespace: namespace, name: pod)
        request.subresource = "binding"
        request.object = ["target": ["kind": "Node", "name": .string(node)]]
        _ = try await handle(request, from: peer)
    }

    // MARK: - Helpers

    /// A stored object as `R`. Stored objects were admitted, so lenient decoding suffices.
    static func decodeStored<R: APIResource>(_ object: JSONValue, as type: R.Type) throws -> R {
        do {
            return try object.decode(as: R.self)
        } catch {
            throw Status.internalError("stored \(R.resourceKind.kind) cannot be decoded: \(error)")
        }
    }

    /// A lease write: the table holds JSON (heartbeats are tiny and never reach the store).
    private func putLease<R: APIResource>(_ object: R, namespace: String?, mustExist: Bool) throws -> R {
        let json = try (object as? Lease).map { try JSONValue(encoding: Self.withMicroTimes($0)) }
            ?? JSONValue(encoding: object)
        let stored = try leases.put(
            namespace: namespace ?? "default", name: object.name, object: json, mustExist: mustExist, now: now())
        return try Self.decodeStored(stored, as: R.self)
    }

    private static func selecting(_ request: Request, _ options: ListOptions) -> Request {
        var request = request
        request.labelSelector = options.labelSelector
        request.fieldSelector = options.fieldSelector
        return request
    }

    /// Where a watch starts: nil (a snapshot first) for absent, "" or "0".
    static func watchStart(_ text: String?) throws -> Int64? {
        guard let text, !text.isEmpty, text != "0" else { return nil }
        guard let value = Int64(text) else { throw Status.badRequest("invalid resourceVersion \"\(text)\"") }
        return value
    }
}
