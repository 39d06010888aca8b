import Foundation
import KubeAPI
import Logging
import Wire

/// Follows the ConfigMaps and Secrets the pods bound to this node refer to (``PodReferences``), one watch per
/// object by name as the kubelet's watch-based configmap and secret managers do (list with
/// `metadata.name=<name>`, then watch from that list's version; again after the watch ends), and hands the runtime
/// every change (``RuntimeHolder/setObjects(_:)``). The node authorizer lets a node read only these objects.
///
/// It also obtains the ServiceAccount tokens of the pods' projected `serviceAccountToken` sources, as the kubelet's
/// token manager does: TokenRequest (`create serviceaccounts/<name>/token`) bound to the pod, with the source's
/// audience and expiration, again once 80% of the token's life has passed; a token not obtained (yet) leaves its
/// source pending (the volume is written without it, and again when it comes).
///
/// One follower per session: ``run()`` in the session's task group; ``follow(_:)`` after every change of the
/// node's pods. Objects no pod refers to any more are dropped, and so are the tokens of pods gone.
actor PodObjectFollower {
    /// One object a pod refers to.
    struct Reference: Sendable, Hashable {
        enum Kind: Sendable, Hashable {
            case configMap
            case secret
        }

        var kind: Kind
        var namespace: String
        var name: String

        var key: String { NamespacedKey.make(namespace: namespace, name: name) }
    }

    private let client: WireClusterClient
    private let runtime: RuntimeHolder
    private let logger: Logger
    private var objects: PodObjects
    private var watches: [Reference: Task<Void, Never>] = [:]
    /// One task per pod UID obtaining (and renewing) its tokens.
    private var tokenTasks: [String: Task<Void, Never>] = [:]
    /// Each pod's references by `namespace/name`, and whether it has token sources, with the pod's resourceVersion
    /// they were read from.
    private var referencesByPod: [String: (version: String?, references: Set<Reference>, needsTokens: Bool)] = [:]
    private var isStopped = false
    /// The snapshots for the runtime, newest only, handed over in order by ``run()``.
    private nonisolated let handOvers: AsyncStream<PodObjects>
    private nonisolated let outbox: AsyncStream<PodObjects>.Continuation

    /// A follower that starts from the objects the runtime already has (kept across reconnections).
    init(client: WireClusterClient, runtime: RuntimeHolder, initial: PodObjects, logger: Logger) {
        self.client = client
        self.runtime = runtime
        self.objects = initial
        self.logger = logger
        (handOvers, outbox) = AsyncStream.makeStream(of: PodObjects.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// The objects `pod` refers to: its ConfigMaps and Secrets in its namespace; none once it has finished
    /// (`Succeeded`, `Failed`). Pure.
    static func references(of pod: Pod) -> Set<Reference> {
        guard pod.status.phase != "Succeeded" && pod.status.phase != "Failed" else { return [] }
        let namespace = pod.metadata.namespace ?? "default"
        let named = PodReferences(pod)
        return Set(named.configMaps.map { Reference(kind: .configMap, namespace: namespace, name: $0) })
            .union(named.secrets.map { Reference(kind: .secret, namespace: namespace, name: $0) })
    }

    /// The objects `pods` refer to, and the pods that need tokens (each pod read again only when its
    /// resourceVersion changed).
    private func references(of pods: [Pod]) -> (references: Set<Reference>, tokenPods: [Pod]) {
        var all: Set<Reference> = []
        var tokenPods: [Pod] = []
        var seen: Set<String> = []
        for pod in pods {
            let key = NamespacedKey.of(pod.metadata, defaultNamespace: "default")
            seen.insert(key)
            var entry = referencesByPod[key]
            if entry == nil || entry?.version != pod.metadata.resourceVersion || pod.metadata.resourceVersion == nil {
                entry = (pod.metadata.resourceVersion, Self.references(of: pod), !Self.tokenSources(of: pod).isEmpty)
                referencesByPod[key] = entry
            }
            all.formUnion(entry?.references ?? [])
            if entry?.needsTokens == true { tokenPods.append(pod) }
        }
        referencesByPod = referencesByPod.filter { seen.contains($0.key) }
        return (all, tokenPods)
    }

    /// Follows exactly what `pods` refer to: starts watches for new references, stops the others and forgets
    /// their objects.
    func follow(_ pods: [Pod]) async {
        guard !isStopped else { return }
        let (wanted, tokenPods) = references(of: pods)
        for (reference, task) in watches where !wanted.contains(reference) {
            task.cancel()
            watches[reference] = nil
        }
        for reference in wanted where watches[reference] == nil {
            watches[reference] = Task { await self.watch(reference) }
        }
        let keys = { (kind: Reference.Kind) in Set(wanted.filter { $0.kind == kind }.map(\.key)) }
        let configMapKeys = keys(.configMap)
        let secretKeys = keys(.secret)
        var pruned = objects
        pruned.configMaps = pruned.configMaps.filter { configMapKeys.contains($0.key) }
        pruned.secrets = pruned.secrets.filter { secretKeys.contains($0.key) }

        let tokenUIDs = Set(tokenPods.compactMap(\.metadata.uid))
        for (uid, task) in tokenTasks where !tokenUIDs.contains(uid) {
            task.cancel()
            tokenTasks[uid] = nil
        }
        for pod in tokenPods {
            guard let uid = pod.metadata.uid, tokenTasks[uid] == nil else { continue }
            tokenTasks[uid] = Task { await self.obtainTokens(for: pod) }
        }
        pruned.tokens = pruned.tokens.filter { tokenUIDs.contains($0.key) }
        pruned.tokenFailures = pruned.tokenFailures.filter { tokenUIDs.contains($0.key) }
        publish(pruned)
    }

    /// The projected `serviceAccountToken` sources of a running pod: (path, audience, expirationSeconds).
    static func tokenSources(of pod: Pod) -> [(path: String, audience: String?, expirationSeconds: Int64)] {
        guard pod.status.phase != "Succeeded" && pod.status.phase != "Failed" else { return [] }
        return PodVolume.volumes(of: pod).flatMap { volume -> [(String, String?, Int64)] in
            guard case .projected(let sources, _) = volume.source else { return [] }
            return sources.compactMap { source in
                guard case .serviceAccountToken(let path, let audience, let expiration) = source else { return nil }
                return (path, audience, expiration)
            }
        }
    }

    /// The TokenRequest the kubelet sends for one source of `pod`.
    static func tokenRequest(for pod: Pod, audience: String?, expirationSeconds: Int64) -> JSONValue {
        var spec: JSONValue = [
            "expirationSeconds": .int(expirationSeconds),
            "boundObjectRef": [
                "kind": "Pod", "apiVersion": "v1", "name": .string(pod.metadata.name ?? ""),
                "uid": .string(pod.metadata.uid ?? ""),
            ],
        ]
        if let audience, !audience.isEmpty { spec[path: ["audiences"]] = [.string(audience)] }
        return ["apiVersion": .string(TokenRequest.apiVersion), "kind": "TokenRequest", "spec": spec]
    }

    /// Obtains every token `pod` needs, then renews each when 80% of its life has passed; retries failures every
    /// few seconds. Ends when cancelled (the pod is gone or finished, or the session ended).
    private func obtainTokens(for pod: Pod) async {
        let uid = pod.metadata.uid ?? ""
        let account = pod.spec.serviceAccountName.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        var renewAt: [String: Date] = [:]
        while !Task.isCancelled {
            for source in Self.tokenSources(of: pod) {
                let key = VolumePayload.tokenKey(
                    path: source.path, audience: source.audience, expirationSeconds: source.expirationSeconds)
                if let due = renewAt[key], due > Date() { continue }
                var request = Request(
                    verb: .create, kind: ResourceKind.serviceAccount.kind, namespace: pod.metadata.namespace,
                    name: account)
                request.subresource = TokenRequest.subresource
                request.object = Self.tokenRequest(
                    for: pod, audience: source.audience, expirationSeconds: source.expirationSeconds)
                do {
                    let answer = try await client.connection.send(request, timeout: .seconds(10))
                    guard let token = answer?[path: ["status", "token"]]?.stringValue else { continue }
                    let expires = answer?[path: ["status", "expirationTimestamp"]]?.stringValue.flatMap(Timestamp.parse)
                    let now = Date()
                    let life = max(60, (expires ?? now.addingTimeInterval(3600)).timeIntervalSince(now))
                    renewAt[key] = now.addingTimeInterval(min(life * 0.8, 24 * 3600))
                    guard !isStopped, tokenTasks[uid] != nil else { return }
                    var changed = objects
                    changed.tokens[uid, default: [:]][key] = token
                    changed.tokenFailures[uid]?.remove(key)
                    if changed.tokenFailures[uid]?.isEmpty == true { changed.tokenFailures[uid] = nil }
                    publish(changed)
                } catch {
                    if Task.isCancelled { return }
                    logger.info(
                        "cannot obtain a ServiceAccount token",
                        metadata: ["pod": "\(NamespacedKey.of(pod.metadata, defaultNamespace: "default"))",
                                   "error": "\(error)"])
                    renewAt[key] = Date().addingTimeInterval(5)
                    guard !isStopped, tokenTasks[uid] != nil else { return }
                    var changed = objects
                    changed.tokenFailures[uid, default: []].insert(key)
                    publish(changed)
                }
            }
            let next = renewAt.values.min() ?? Date().addingTimeInterval(5)
            try? await Task.sleep(for: .seconds(max(1, next.timeIntervalSinceNow)))
        }
    }

    /// Hands the runtime each change until cancelled (the session ended), then stops every watch.
    func run() async {
        await withTaskCancellationHandler {
            for await changed in handOvers { await runtime.setObjects(changed) }
        } onCancel: {
            outbox.finish()
        }
        stop()
    }

    private func stop() {
        isStopped = true
        for task in Array(watches.values) + Array(tokenTasks.values) { task.cancel() }
        watches = [:]
        tokenTasks = [:]
    }

    /// Lists then watches one object until cancelled; reads again when a watch ends, and after a second when
    /// reading fails (a refusal is published as the object's error).
    private func watch(_ reference: Reference) async {
        let byName = "metadata.name=\(reference.name)"
        while !Task.isCancelled {
            do {
                switch reference.kind {
                case .configMap:
                    try await listAndWatch(ConfigMap.self, reference, fieldSelector: byName) { .present($0) } update: {
                        $0.configMaps[reference.key] = $1
                    }
                case .secret:
                    try await listAndWatch(Secret.self, reference, fieldSelector: byName) { .present($0) } update: {
                        $0.secrets[reference.key] = $1
                    }
                }
            } catch is CancellationError {
                return
            } catch let status as Status where status.code != 410 {
                logger.info(
                    "cannot read an object a pod refers to",
                    metadata: ["object": "\(reference.key)", "error": "\(status.message ?? "")"])
                fail(reference, status.message ?? "\(status)")
                try? await Task.sleep(for: .seconds(1))
            } catch {
                if Task.isCancelled { return }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// One list-and-watch of `reference`, publishing each state it sees; returns when the watch ends.
    private func listAndWatch<Object: APIResource>(
        _ type: Object.Type, _ reference: Reference, fieldSelector: String,
        entry: (Object) -> PodObjects.Entry<Object>,
        update: (inout PodObjects, PodObjects.Entry<Object>?) -> Void
    ) async throws {
        var options = ListOptions(fieldSelector: fieldSelector)
        let listed = try await client.list(type, namespace: reference.namespace, options: options)
        try Task.checkCancellation()
        apply(reference, update, listed.items.first.map(entry) ?? .missing)
        options.resourceVersion = listed.resourceVersion
        for try await event in try await client.watch(type, namespace: reference.namespace, options: options) {
            try Task.checkCancellation()
            switch event {
            case .added(let object), .modified(let object): apply(reference, update, entry(object))
            case .deleted: apply(reference, update, .missing)
            case .bookmark: continue
            }
        }
    }

    /// Records what a watch saw, unless its reference was dropped meanwhile.
    private func apply<Object>(
        _ reference: Reference, _ update: (inout PodObjects, PodObjects.Entry<Object>?) -> Void,
        _ entry: PodObjects.Entry<Object>
    ) {
        guard !isStopped, watches[reference] != nil else { return }
        var changed = objects
        update(&changed, entry)
        publish(changed)
    }

    private func fail(_ reference: Reference, _ message: String) {
        guard !isStopped, watches[reference] != nil else { return }
        var changed = objects
        switch reference.kind {
        case .configMap: changed.configMaps[reference.key] = .failed(message)
        case .secret: changed.secrets[reference.key] = .failed(message)
        }
        publish(changed)
    }

    /// Hands the runtime the objects when they changed (in order: one hand-over at a time).
    private func publish(_ changed: PodObjects) {
        guard changed != objects else { return }
        objects = changed
        outbox.yield(changed)
    }
}
