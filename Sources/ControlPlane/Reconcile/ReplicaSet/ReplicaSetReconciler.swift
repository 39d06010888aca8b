import Foundation
import KubeAPI
import Wire

/// The ReplicaSet controller's decision logic (upstream `pkg/controller/replicaset/replica_set.go`,
/// `syncReplicaSet` + `manageReplicas`), as a pure function from what the controller sees to what it writes.
///
/// One sync: claim the active pods (adopt matching orphans, release owned pods that no longer match, ignore
/// the rest); create `replicas - active` pods from the template, or delete the excess in
/// ``PodDeletionOrder``; then report status. Pods on nodes that are gone still count until something deletes
/// them. The driver applies the actions in order, emits `SuccessfulCreate`/`SuccessfulDelete` with the real
/// names, and may apply creates in slow-start batches.
enum ReplicaSetReconciler {
    /// The largest number of pods one sync creates or deletes (upstream `BurstReplicas`).
    static let defaultBurstReplicas = 500

    /// One sync of `rs`.
    /// - Parameters:
    ///   - rs: the ReplicaSet as read (defaults applied).
    ///   - pods: every pod in the ReplicaSet's namespace.
    ///   - now: the current time (availability under `minReadySeconds`, requeue delays).
    ///   - burstReplicas: the cap on creates or deletes per sync.
    /// - Returns: the actions to apply, in order; empty when nothing changes.
    static func reconcile(
        _ rs: ReplicaSet, pods: [Pod], now: Date, burstReplicas: Int = defaultBurstReplicas
    ) -> [ReplicaSetAction] {
        guard let selector = try? rs.spec.selector.selector() else { return [] }
        var actions: [ReplicaSetAction] = []
        let owned = claim(rs, pods: pods, selector: selector, actions: &actions)
        let desired = Int(max(0, rs.spec.replicas ?? 1))
        if rs.metadata.deletionTimestamp == nil {
            actions += manage(rs, owned: owned, desired: desired, burst: max(0, burstReplicas))
        }
        let status = calculateStatus(rs, owned: owned, desired: desired, now: now)
        if !isUnchanged(rs, status) {
            actions.append(.updateStatus(status))
        }
        if let delay = availabilityRequeue(owned, minReadySeconds: rs.spec.minReadySeconds ?? 0, now: now) {
            actions.append(.requeue(after: delay))
        }
        return actions
    }

    /// The active pods this ReplicaSet owns after adoption and release; appends the adopt/release updates.
    static func claim(_ rs: ReplicaSet, pods: [Pod], selector: Selector, actions: inout [ReplicaSetAction]) -> [Pod] {
        let uid = rs.metadata.uid ?? ""
        let deleting = rs.metadata.deletionTimestamp != nil
        let ref = ControllerRefClaim.controllerRef(kind: .replicaSet, meta: rs.metadata)
        var owned: [Pod] = []
        for pod in pods where pod.isActive {
            let sameNamespace = rs.namespace.isEmpty || pod.namespace == rs.namespace
            let matches = sameNamespace && selector.matches(pod.labels)
            switch ControllerRefClaim.decide(ownerUID: uid, ownerDeleting: deleting, meta: pod.metadata,
                                             matches: matches) {
            case .keep:
                owned.append(pod)
            case .adopt:
                var adopted = pod
                adopted.metadata = ControllerRefClaim.adopting(pod.metadata, ref: ref)
                actions.append(.updatePod(adopted))
                owned.append(adopted)
            case .release:
                var released = pod
                released.metadata = ControllerRefClaim.releasing(pod.metadata, ownerUID: uid)
                actions.append(.updatePod(released))
            case .ignore:
                break
            }
        }
        return owned
    }

    /// Creates the missing pods or deletes the excess, at most `burst` of either.
    static func manage(_ rs: ReplicaSet, owned: [Pod], desired: Int, burst: Int) -> [ReplicaSetAction] {
        let diff = owned.count - desired
        if diff < 0 {
            let pod = podFromTemplate(rs)
            return Array(repeating: .createPod(pod), count: min(-diff, burst))
        }
        if diff > 0 {
            let victims = PodDeletionOrder.victims(owned, count: min(diff, burst), related: owned)
            return victims.map { .deletePod(name: $0.name) }
        }
        return []
    }

    /// A pod as upstream `GetPodFromTemplate` builds it: `generateName: <rs>-`, the template's labels,
    /// annotations, finalizers and spec, and the ReplicaSet as controller owner.
    static func podFromTemplate(_ rs: ReplicaSet) -> Pod {
        let template = rs.spec.template
        var meta = ObjectMeta(
            generateName: "\(rs.name)-", namespace: rs.metadata.namespace, labels: template.metadata.labels,
            annotations: template.metadata.annotations,
            ownerReferences: [ControllerRefClaim.controllerRef(kind: .replicaSet, meta: rs.metadata)])
        meta.finalizers = template.metadata.finalizers
        return Pod(metadata: meta, spec: template.spec)
    }
}
