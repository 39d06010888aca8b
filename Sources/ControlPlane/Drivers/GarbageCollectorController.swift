import Foundation
import KubeAPI
import Logging
import Wire

/// Cascading deletion (background and foreground) and pod garbage collection, per namespace: dependents whose
/// owners are all gone are deleted, dead owner references are dropped, owners waiting in foreground deletion go
/// once their blocking dependents are gone, and pods bound to nodes that no longer exist are deleted at once.
struct GarbageCollectorController: Controller {
    let client: ControllerClient

    var name: String { "garbage-collector" }
    var watchedKinds: [ResourceKind] {
        [.daemonSet, .replicaSet, .deployment, .statefulSet, .pod, .node, .controllerRevision, .service, .endpointSlice,
         .persistentVolumeClaim,
         .job, .cronJob]
    }
    var readKinds: [ResourceKind] { [.namespace] }

    /// Kinds that own others, and kinds that are owned.
    static let ownerKinds: [ResourceKind] = [.daemonSet, .replicaSet, .deployment, .statefulSet, .service, .job, .cronJob]
    static let dependentKinds: [ResourceKind] = [
        .pod, .replicaSet, .controllerRevision, .endpointSlice, .job, .persistentVolumeClaim,
    ]

    func keys(for event: InformerEvent) async -> [String] {
        if event.kind == .node {
            return event.change == .deleted ? await initialKeys() : []
        }
        let deleting = event.object.metadata.deletionTimestamp != nil
        return event.change == .deleted || deleting ? [event.namespace] : []
    }

    func initialKeys() async -> [String] {
        client.informers.namespaces.list().map(\.name)
    }

    func sync(_ namespace: String) async throws -> Duration? {
        let informers = client.informers
        var cached: [any APIResource] = []
        cached += informers.pods.list(namespace: namespace) as [any APIResource]
        cached += informers.replicaSets.list(namespace: namespace) as [any APIResource]
        cached += informers.controllerRevisions.list(namespace: namespace) as [any APIResource]
        cached += informers.daemonSets.list(namespace: namespace) as [any APIResource]
        cached += informers.deployments.list(namespace: namespace) as [any APIResource]
        cached += informers.statefulSets.list(namespace: namespace) as [any APIResource]
        cached += informers.persistentVolumeClaims.list(namespace: namespace) as [any APIResource]
        cached += informers.services.list(namespace: namespace) as [any APIResource]
        cached += informers.endpointSlices.list(namespace: namespace) as [any APIResource]
        cached += informers.jobs.list(namespace: namespace) as [any APIResource]
        cached += informers.cronJobs.list(namespace: namespace) as [any APIResource]
        let objects = cached.compactMap { object in
            GCObject(kind: type(of: object).resourceKind.kind, metadata: object.metadata)
        }
        var actions = GarbageCollector.collect(objects: objects, liveUIDs: [])
        var blockedOwners = false
        for owner in objects where owner.deleting {
            let finalizers = cached.first { $0.metadata.uid == owner.uid }?.metadata.finalizers ?? []
            guard finalizers.contains("foregroundDeletion") else { continue }
            actions += GarbageCollector.foregroundActions(ownerUID: owner.uid, dependents: objects)
            if GarbageCollector.foregroundBlocked(ownerUID: owner.uid, dependents: objects) {
                blockedOwners = true
            } else {
                try? await editMetadata(kind: owner.kind, namespace: namespace, name: owner.name) { meta in
                    meta.finalizers = (meta.finalizers ?? []).filter { $0 != "foregroundDeletion" }
                }
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
            // Explicitly Background: a Job's own default (Orphan) would keep its pods.
            try await client.delete(kind, namespace: namespace, name: name, propagationPolicy: "Background")
        case .removeOwnerReference(let kind, let namespace, let name, let ownerUID):
            try? await editMetadata(kind: kind, namespace: namespace, name: name) { meta in
                let kept = (meta.ownerReferences ?? []).filter { $0.uid != ownerUID }
                meta.ownerReferences = kept.isEmpty ? nil : kept
            }
        }
    }

    /// Pod GC: pods whose node is gone go at once (there is no node left to finish their termination).
    private func collectPodsOnGoneNodes(_ namespace: String) async throws {
        let nodes = Set(client.cachedList(Node.self).map(\.name))
        for pod in client.cachedList(Pod.self, namespace: namespace)
        where NodeLifecycleStateMachine.podIsOnGoneNode(pod, nodes: nodes) {
            try await client.delete(.pod, namespace: namespace, name: pod.name, gracePeriodSeconds: 0)
        }
    }

    /// Rewrites the metadata of one object of a GC'd kind: on the cached object, then once more on a fresh read when
    /// the cache was behind (Conflict).
    private func editMetadata(
        kind: String, namespace: String, name: String, _ change: @Sendable (inout ObjectMeta) -> Void
    ) async throws {
        switch kind {
        case ResourceKind.pod.kind: try await edit(Pod.self, namespace, name, change)
        case ResourceKind.replicaSet.kind: try await edit(ReplicaSet.self, namespace, name, change)
        case ResourceKind.controllerRevision.kind: try await edit(ControllerRevision.self, namespace, name, change)
        case ResourceKind.daemonSet.kind: try await edit(DaemonSet.self, namespace, name, change)
        case ResourceKind.deployment.kind: try await edit(Deployment.self, namespace, name, change)
        case ResourceKind.statefulSet.kind: try await edit(StatefulSet.self, namespace, name, change)
        case ResourceKind.persistentVolumeClaim.kind:
            try await edit(PersistentVolumeClaim.self, namespace, name, change)
        case ResourceKind.service.kind: try await edit(ServiceObject.self, namespace, name, change)
        case ResourceKind.endpointSlice.kind: try await edit(EndpointSlice.self, namespace, name, change)
        case ResourceKind.job.kind: try await edit(Job.self, namespace, name, change)
        case ResourceKind.cronJob.kind: try await edit(CronJob.self, namespace, name, change)
        default: return
        }
    }

    private func edit<R: APIResource>(
        _ type: R.Type, _ namespace: String, _ name: String, _ change: (inout ObjectMeta) -> Void
    ) async throws {
        guard var object = client.cached(R.self, namespace: namespace, name: name) else { return }
        change(&object.metadata)
        do {
            try await client.update(object)
        } catch let status as Status where status.reason == .conflict {
            guard var fresh = try await client.fresh(R.self, namespace: namespace, name: name) else { return }
            change(&fresh.metadata)
            try await client.update(fresh)
        }
    }
}
