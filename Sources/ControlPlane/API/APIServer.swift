import Foundation
import KubeAPI
import Logging
import Synchronization
import Wire

/// The API behind the protocol: routes each request to the store through authorization, admission and the
/// lifecycle rules, and maps store failures to Kubernetes' statuses.
final class APIServer: WireService {
    /// Where objects live; the API server is its only caller.
    let store: any ObjectStorage
    /// Node heartbeats, in memory.
    let leases: LeaseTable
    private let admissions: [ResourceKind: any KindAdmission]
    private let authorizer = Authorizer()
    /// The RBAC objects, decoded, for the authorizer.
    let rbacPolicies: RBACPolicyCache
    let now: @Sendable () -> Date
    let logger: Logger
    /// Serialises allocations (pod CIDRs, cluster IPs, node ports) with the create that records them.
    let allocationLock = Mutex(())
    /// Reaches kubelets for `pods/log` and `pods/exec` (nil: those are refused).
    let kubelets: KubeletConnector?
    /// The custom kinds served, from the stored CustomResourceDefinitions.
    let customResources: CustomResourceRegistry
    /// Signs and verifies ServiceAccount tokens.
    let tokenSigner: ServiceAccountTokenSigner

    init(store: any ObjectStorage, leases: LeaseTable = LeaseTable(),
         admissions: [any KindAdmission] = AdmissionRegistry.all,
         now: @escaping @Sendable () -> Date = { Date() }, kubelets: KubeletConnector? = nil,
         tokenSigner: ServiceAccountTokenSigner = .ephemeral(), logger: Logger) {
        self.kubelets = kubelets
        self.customResources = CustomResourceRegistry(store: store)
        self.tokenSigner = tokenSigner
        self.store = store
        self.rbacPolicies = RBACPolicyCache(store: store)
        self.leases = leases
        self.admissions = Dictionary(admissions.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        self.now = now
        self.logger = logger
    }

    func handle(_ request: Request, from peer: PeerIdentity) async throws -> JSONValue? {
        if request.impersonates {
            return try await handle(request.withoutImpersonation, from: try acting(request, peer: peer))
        }
        // The frame protocol's fieldValidation (the REST front door sets FieldValidation.current itself); a Warn's
        // warnings go back as warning messages.
        if let value = request.fieldValidation, FieldValidation.current == nil, [.create, .update, .patch].contains(request.verb) {
            let validation = FieldValidation(try FieldValidation.directive(value), body: .unscanned)
            var inner = request
            inner.fieldValidation = nil
            let answer = try await FieldValidation.$current.withValue(validation) { try await handle(inner, from: peer) }
            WireWarnings.record(validation.warnings)
            return answer
        }
        if let options = try tableOptions(of: request) {
            return try await tableAnswer(request, options: options, from: peer)
        }
        if request.kind == OpenAPIV3.requestKind { return try openAPI(request) }
        if let answer = try await selfService(request, from: peer) { return answer }
        let kind = try resolve(request.kind)
        let namespace = try namespace(of: request, kind: kind)
        try await authorize(request, kind: kind, namespace: namespace, peer: peer)
        if kind == .lease { return try leaseRequest(request, namespace: namespace ?? "default") }
        try checkCustomResourceRequest(request, kind: kind)
        if kind == .serviceAccount, request.subresource == TokenRequest.subresource, request.verb == .create {
            return try createToken(namespace: namespace ?? "default", request, peer: peer)
        }
        switch request.verb {
        case .get: return try get(kind, namespace, try name(of: request))
        case .list: return try list(kind, namespace, request)
        case .create: return try await create(kind, namespace, withFieldManager(request, peer))
        case .update: return try update(kind, namespace, withFieldManager(request, peer))
        case .patch: return try await patchOrApply(kind, namespace, request, peer: peer)
        case .delete: return try delete(kind, namespace, request)
        case .watch: throw Status.badRequest("watch requests are streamed, not answered")
        }
    }

    func watch(_ request: Request, from peer: PeerIdentity, send: @escaping @Sendable (WatchEvent) async -> Void) async throws {
        if request.impersonates {
            return try await watch(request.withoutImpersonation, from: try acting(request, peer: peer), send: send)
        }
        if let options = try tableOptions(of: request) {
            return try await watchTables(request, options: options, from: peer, send: send)
        }
        let kind = try resolve(request.kind)
        let namespace = try namespace(of: request, kind: kind)
        try await authorize(request, kind: kind, namespace: namespace, peer: peer)
        if kind == .lease { throw Status.badRequest("leases cannot be watched") }
        let filter = try ObjectFilter(request: request)
        let from = try Self.watchStart(request.resourceVersion)
        let events: WatchStream
        do {
            events = try store.watch(kind: kind.kind, namespace: namespace, fromResourceVersion: from)
        } catch {
            throw map(error, kind: kind, name: "")
        }
        var visible = Set<String>()
        for await event in events {
            if let translated = filter.translate(event, visible: &visible) { await send(translated) }
        }
        // A watcher cut off for falling behind ends with Kubernetes' 410, never silently: the client relists.
        if let cutOff = events.cutOff {
            logger.info("watcher too slow; ended", metadata: ["kind": "\(kind.kind)", "reason": "\(cutOff)"])
            throw map(cutOff, kind: kind, name: "")
        }
    }

    /// Applies the authorizer's decision; for node identities acting on a pod, checks the pod is bound to them.
    func authorize(_ request: Request, kind: ResourceKind, namespace: String?, peer: PeerIdentity) async throws {
        switch authorizer.authorize(request, kind: kind, namespace: namespace, peer: peer, policy: rbacPolicies.policy) {
        case .allow:
            return
        case .deny(let status):
            throw status
        case .allowIfPodBoundTo(let node):
            let name = try name(of: request)
            let pod = try store.get(ObjectKey(kind: kind.kind, namespace: namespace ?? "", name: name))
            guard let pod else { throw Status.notFound(kind, name: name) }
            if pod[path: ["spec", "nodeName"]]?.stringValue != node {
                var status = Authorizer.forbidden(request, kind: kind, namespace: namespace, peer: peer)
                status.message = (status.message ?? "") + ": no relationship found between node '\(node)' and this object"
                throw status
            }
        case .allowIfReferencedByPodOn(let node, let name):
            try requirePodReference(kind, namespace: namespace ?? "", name: name, node: node, request: request, peer: peer)
        }
    }

    // MARK: - Verbs

    func get(_ kind: ResourceKind, _ namespace: String?, _ name: String) throws -> JSONValue {
        let key = ObjectKey(kind: kind.kind, namespace: namespace ?? "", name: name)
        guard let object = try store.get(key) else { throw Status.notFound(kind, name: name) }
        return object
    }

    private func list(_ kind: ResourceKind, _ namespace: String?, _ request: Request) throws -> JSONValue {
        let filter = try ObjectFilter(request: request)
        let (items, resourceVersion) = try store.list(kind: kind.kind, namespace: namespace)
        return [
            "apiVersion": .string(kind.apiVersion),
            "kind": .string(kind.kind + "List"),
            "metadata": ["resourceVersion": .string(String(resourceVersion))],
            "items": .array(items.filter(filter.matches)),
        ]
    }

    func create(_ kind: ResourceKind, _ namespace: String?, _ request: Request) async throws -> JSONValue {
        if kind == .pod, request.subresource == "eviction" {
            return try await evict(Self.evictionDeletion(request), namespace: namespace ?? "default")
        }
        guard let object = request.object else { throw Status.badRequest("create needs an object") }
        if kind == .pod, request.subresource == "binding" { return try bind(namespace ?? "default", request) }
        guard request.subresource == nil else { throw Status.notFound(kind, name: request.name ?? "") }
        try checkNamespace(of: object, matches: namespace)
        if let namespace { try requireNamespace(namespace) }
        var scoped = try admittingDefaults(kind, object)
        if let namespace { scoped[path: ["metadata", "namespace"]] = .string(namespace) }
        let prepared = ObjectLifecycle.prepareForCreate(
            scoped, kind: kind, namespace: namespace, now: now(), uid: UUID().uuidString.lowercased(),
            nameSuffix: NameSuffix.random())
        // Only kinds that allocate from a shared pool (pod CIDRs, cluster IPs and node ports) must choose and store
        // one at a time, under the allocation lock; every other create joins the store's group commit, suspending
        // (not blocking a thread) until the commit that holds it.
        guard ClusterAllocation.allocates(kind) else {
            let admitted = recordingOwnership(
                of: try admission(kind).admitCreate(prepared), old: nil, kind: kind, request: request)
            let name = admitted[path: ["metadata", "name"]]?.stringValue ?? ""
            if request.dryRun == true { return admitted }
            let key = ObjectKey(kind: kind.kind, namespace: namespace ?? "", name: name)
            do {
                return try await store.commit { try $0.create(key, object: admitted) }
            } catch {
                throw map(error, kind: kind, name: name)
            }
        }
        return try allocationLock.withLock { _ in
            let admitted = self.recordingOwnership(
                of: try self.admission(kind).admitCreate(try self.allocate(prepared, kind: kind)), old: nil, kind: kind,
                request: request)
            let name = admitted[path: ["metadata", "name"]]?.stringValue ?? ""
            if request.dryRun == true { return admitted }
            do {
                return try self.store.create(
                    ObjectKey(kind: kind.kind, namespace: namespace ?? "", name: name), object: admitted)
            } catch {
                throw self.map(error, kind: kind, name: name)
            }
        }
    }

    private func update(_ kind: ResourceKind, _ namespace: String?, _ request: Request) throws -> JSONValue {
        guard let object = request.object else { throw Status.badRequest("update needs an object") }
        let name = try name(of: request)
        try checkNamespace(of: object, matches: namespace)
        if let bodyName = object[path: ["metadata", "name"]]?.stringValue, bodyName != name {
            throw Status.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        let expected = try ObjectLifecycle.expectedResourceVersion(object)
        return try replace(kind, namespace, name, request: request, expected: expected) { _ in object }
    }

    func patch(_ kind: ResourceKind, _ namespace: String?, _ request: Request) throws -> JSONValue {
        guard let patch = request.patch else { throw Status.badRequest("patch needs a patch document") }
        let name = try name(of: request)
        return try replace(kind, namespace, name, request: request, expected: nil) { current in
            do {
                switch request.patchType ?? .strategic {
                case .merge: return JSONMergePatch.apply(patch, to: current)
                case .strategic: return try StrategicMergePatch.apply(patch, to: current, kind: kind.kind)
                case .json: return try JSONPatch.apply(patch, to: current)
                case .apply: throw Status.badRequest("an apply is not a patch")  // handled by patchOrApply
                }
            } catch let status as Status {
                throw status
            } catch {
                throw PatchFailureStatus.status(for: error, patch: patch, type: request.patchType ?? .strategic)
            }
        }
    }

    /// Read-modify-write of one object: admission on the result, optimistic concurrency on the store.
    ///
    /// Without a precondition from the client (patches, updates without a resourceVersion) a write that lost a race
    /// with another writer is retried on the newer object, as Kubernetes' `GuaranteedUpdate` does; with one, the
    /// client gets the Conflict.
    func replace(
        _ kind: ResourceKind, _ namespace: String?, _ name: String, request: Request, expected: Int64?,
        _ change: (JSONValue) throws -> JSONValue
    ) throws -> JSONValue {
        try retryingLostRaces(kind, name, expected: expected) {
            try replaceOnce(kind, namespace, name, request: request, expected: expected, change)
        }
    }

    /// Runs one read-modify-write; without a precondition (`expected` nil) a lost race is retried (up to 5 times).
    /// Store errors are mapped to statuses.
    func retryingLostRaces<T>(
        _ kind: ResourceKind, _ name: String, expected: Int64?, _ attempt: () throws -> T
    ) throws -> T {
        var attempts = 0
        while true {
            do {
                return try attempt()
            } catch let error as StoreError {
                guard case .conflict = error, expected == nil, attempts < 5 else { throw map(error, kind: kind, name: name) }
                attempts += 1
            }
        }
    }

    /// ``retryingLostRaces(_:_:expected:_:)`` for an attempt that waits for the store's group commit.
    func retryingLostRaces<T>(
        _ kind: ResourceKind, _ name: String, expected: Int64?, _ attempt: () async throws -> T
    ) async throws -> T {
        var attempts = 0
        while true {
            do {
                return try await attempt()
            } catch let error as StoreError {
                guard case .conflict = error, expected == nil, attempts < 5 else { throw map(error, kind: kind, name: name) }
                attempts += 1
            }
        }
    }

    private func replaceOnce(
        _ kind: ResourceKind, _ namespace: String?, _ name: String, request: Request, expected: Int64?,
        _ change: (JSONValue) throws -> JSONValue
    ) throws -> JSONValue {
        let key = ObjectKey(kind: kind.kind, namespace: namespace ?? "", name: name)
        guard let current = try store.get(key) else { throw Status.notFound(kind, name: name) }
        var changed = try change(current)
        if request.subresource == nil || request.subresource == "status" {
            changed = ObjectLifecycle.prepareForUpdate(changed, old: current, kind: kind, subresource: request.subresource)
        } else {
            throw Status(code: 404, reason: .notFound, message: "the server could not find the requested resource")
        }
        changed = prepareCustomResourceUpdate(changed, old: current, kind: kind, subresource: request.subresource)
        let admitted = recordingOwnership(
            of: try admission(kind).admitUpdate(changed, old: current), old: current, kind: kind, request: request)
        let currentVersion = Int64(current[path: ["metadata", "resourceVersion"]]?.stringValue ?? "")
        if let expected, expected != currentVersion { throw Status.conflict(kind, name: name) }
        if request.dryRun == true { return admitted }
        // Store errors go up unmapped, so `replace` can tell a lost race (Conflict) from the rest.
        if ObjectLifecycle.finishesDeletion(admitted) {
            return try store.delete(key, expectedResourceVersion: expected ?? currentVersion)
        }
        return try store.update(key, object: admitted, expectedResourceVersion: expected ?? currentVersion)
    }

    // MARK: - Helpers

    func resolve(_ kindName: String) throws -> ResourceKind {
        guard let kind = ResourceKind.forKind(kindName) ?? ResourceKind.resolve(kindName)
            ?? customResources.kind(named: kindName)
        else {
            throw Status(code: 404, reason: .notFound, message: "the server doesn't have a resource type \"\(kindName)\"")
        }
        return kind
    }

    func admission(_ kind: ResourceKind) throws -> any KindAdmission {
        guard let admission = admissions[kind] ?? customAdmission(kind) else {
            throw Status(code: 405, reason: .methodNotAllowed, message: "\(kind.plural) cannot be written")
        }
        // The registry's pod admission, given the store's ServiceAccounts; an admission a caller put in its place
        // (a test's) stays as it is.
        return kind == .pod && admission is TypedAdmission<Pod> ? serviceAccountAwarePodAdmission() : admission
    }

    /// The request's namespace: nil for cluster-scoped kinds, and for namespaced lists/watches across all namespaces.
    func namespace(of request: Request, kind: ResourceKind) throws -> String? {
        guard kind.namespaced else { return nil }
        if let namespace = request.namespace, !namespace.isEmpty { return namespace }
        if request.verb == .list || request.verb == .watch { return nil }
        if let namespace = request.object?[path: ["metadata", "namespace"]]?.stringValue, !namespace.isEmpty {
            return namespace
        }
        return "default"
    }

    func name(of request: Request) throws -> String {
        guard let name = request.name ?? request.object?[path: ["metadata", "name"]]?.stringValue, !name.isEmpty else {
            throw Status.badRequest("resource name may not be empty")
        }
        return name
    }

    private func checkNamespace(of object: JSONValue, matches namespace: String?) throws {
        try checkNamespace(object[path: ["metadata", "namespace"]]?.stringValue, matches: namespace)
    }

    /// An object's declared namespace, when it has one, must be the request's.
    func checkNamespace(_ declared: String?, matches namespace: String?) throws {
        guard let namespace, let declared, !declared.isEmpty else { return }
        if declared != namespace {
            throw Status.badRequest(
                "the namespace of the provided object does not match the namespace sent on the request")
        }
    }

    func requireNamespace(_ namespace: String) throws {
        if try store.get(ObjectKey(kind: ResourceKind.namespace.kind, namespace: "", name: namespace)) == nil {
            throw Status.notFound(.namespace, name: namespace)
        }
    }

    func map(_ error: any Error, kind: ResourceKind, name: String) -> any Error {
        guard let storeError = error as? StoreError else { return error }
        switch storeError {
        case .notFound: return Status.notFound(kind, name: name)
        case .alreadyExists: return Status.alreadyExists(kind, name: name)
        case .conflict: return Status.conflict(kind, name: name)
        case .gone, .tooSlow:
            return Status.gone(storeError.description)
        }
    }
}
