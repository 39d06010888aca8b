import Foundation
import KubeAPI
import Logging
import Wire

/// Cascading deletion (background and foreground) and pod garbage collection, per namespace: dependents whose
/// owners are all gone are deleted, dead owner references are dropped, owners waiting in foreground deletion go
/// once their blocking dependents are gone, and pods bound to nodes that no longer exist are deleted at once.
struct GarbageCollectorController: Controller {
    let client: InternalClient

    var name: String { "garbage-collector" }
    var watchedKinds: [ResourceKind] { [.daemonSet, .replicaSet, .deployment, .pod, .node, .controllerRevision] }

    /// Kinds that own others, and kinds that are owned.
    static let ownerKinds: [ResourceKind] = [.daemonSet, .replicaSet, .deployment]
    static let dependentKinds: [ResourceKind] = [.pod, .replicaSet, .controllerRevision]

    func keys(for event: StoreEvent) async -> [String] {
        if event.key.kind == ResourceKind.node.kind {
            return event.type == .deleted ? await initialKeys() : []
        }
        let deleting = event.object[path: ["metadata", "deletionTimestamp"]] != nil
        return event.type == .deleted || deleting ? [event.key.namespace] : []
    }

    func initialKeys() async -> [String] {
        ((try? client.api.store.list(kind: ResourceKind.namespace.kind, namespace: nil).items) ?? [])
            .compactMap { $0[path: ["metadata", "name"]]?.stringValue }
    }

    func sync(_ namespace: String) async throws -> Duration? {
        var objects: [GCObject] = []
        var raw: [JSONValue] = []
        for kind in Self.dependentKinds + Self.ownerKinds.filter({ !Self.dependentKinds.contains($0) }) {
            for object in try client.api.store.list(kind: kind.kind, namespace: namespace).items {
                raw.append(object)
                if let meta = try? object["metadata"]?.decode(as: ObjectMeta.self),
                    let gc = GCObject(kind: kind.kind, metadata: meta)
                {
                    objects.append(gc)
                }
            }
        }
        var actions = GarbageCollector.collect(objects: objects, liveUIDs: [])
        var blockedOwners = false
        for owner in objects where owner.deleting {
            let ownerJSON = raw.first { $0[path: ["metadata", "uid"]]?.stringValue == owner.uid }
            let finalizers = ownerJSON?[path: ["metadata", "finalizers"]]?.arrayValue ?? []
            guard finalizers.contains("foregroundDeletion") else { continue }
            actions += GarbageCollector.foregroundActions(ownerUID: owner.uid, dependents: objects)
            if GarbageCollector.foregroundBlocked(ownerUID: owner.uid, dependents: objects) {
                blockedOwners = true
            } else if var finished = ownerJSON {
                finished[path: ["metadata", "finalizers"]] = .array(finalizers.filter { $0 != "foregroundDeletion" })
                try? await replace(finished)
            }
        }
        for action in actions { try await apply(action) }
        try await collectPodsOnGoneNodes(namespace)
        return blockedOwners ? .milliseconds(200) : nil
    }

    private func apply(_ action: GarbageCollectionAction) async throws {
        switch action {
        case .deleteObject(let kind, let namespace, let name):
            guard let kind = ResourceKind.forKind(kind) else { return }
            try await client.delete(kind: kind, namespace: namespace, name: name)
        case .removeOwnerReference(let kind, let namespace, let name, let ownerUID):
            let key = ObjectKey(kind: kind, namespace: namespace, name: name)
            guard var object = try client.api.store.get(key) else { return }
            let kept = (object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).filter {
                $0["uid"]?.stringValue != ownerUID
            }
            object[path: ["metadata", "ownerReferences"]] = kept.isEmpty ? nil : .array(kept)
            try? await replace(object)
        }
    }

    /// Pod GC: pods whose node is gone go at once (there is no node left to finish their termination).
    private func collectPodsOnGoneNodes(_ namespace: String) async throws {
        let nodes = Set(try await client.list(Node.self).map(\.name))
        for pod in try await client.list(Pod.self, namespace: namespace)
        where NodeLifecycleStateMachine.podIsOnGoneNode(pod, nodes: nodes) {
            try await client.delete(kind: .pod, namespace: namespace, name: pod.name, gracePeriodSeconds: 0)
        }
    }

    private func replace(_ object: JSONValue) async throws {
        guard let kind = object["kind"]?.stringValue else { return }
        var request = Request(
            verb: .update, kind: kind, namespace: object[path: ["metadata", "namespace"]]?.stringValue,
            name: object[path: ["metadata", "name"]]?.stringValue)
        request.object = object
        _ = try await client.api.handle(request, from: InternalClient.identity)
    }
}
