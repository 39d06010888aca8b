import Foundation
import KubeAPI
import Wire

/// Everything one StatefulSet sync reads, as the driver's cache holds it.
struct StatefulSetSnapshot: Sendable {
    var set: StatefulSet
    /// Every pod in the set's namespace.
    var pods: [Pod]
    /// Every ControllerRevision in the set's namespace.
    var revisions: [ControllerRevision]
    /// Every PersistentVolumeClaim in the set's namespace (their owners follow the retention policy).
    var claims: [PersistentVolumeClaim] = []
    var now: Date
}

/// One thing the driver does for a sync, in the order returned. `update*` carry the whole object as read
/// (resourceVersion included) with the change applied. The driver emits the pod events (`SuccessfulCreate`
/// `create Pod web-0 in StatefulSet web successful`, `SuccessfulDelete`, `FailedCreate`, `FailedDelete`) itself.
enum StatefulSetAction: Sendable, Equatable {
    case createRevision(ControllerRevision)
    /// Adoption/release (ownerReferences), or a renumbering (a rollback to an older template).
    case updateRevision(ControllerRevision)
    case deleteRevision(name: String)
    /// A pod with its stable name, after its claims (each created unless it exists).
    case createPod(Pod, claims: [PersistentVolumeClaim])
    case deletePod(name: String)
    /// Adoption/release, or mended identity labels.
    case updatePod(Pod)
    /// New owner references for a claim, as the retention policy wants them.
    case updateClaim(PersistentVolumeClaim)
    /// The full new status (written through `/status`).
    case updateStatus(StatefulSetStatus)
    /// An event on the set: `type` is `Normal` or `Warning`.
    case event(type: String, reason: String, message: String)
    /// Sync again after the delay (a pod becoming available after `minReadySeconds`).
    case requeue(after: Duration)
}

/// The StatefulSet controller's decisions as a pure function (upstream `StatefulSetControl.UpdateStatefulSet` and
/// `updateStatefulSet`): snapshot in, actions out.
///
/// One sync: claim revisions and pods (pods only when named `<set>-<ordinal>`); choose the current and update
/// revisions; split the pods into replicas (ordinals `start ..< start + replicas`) and condemned ones (the others);
/// then, unless the set is being deleted: each replica in ordinal order (a failed or succeeded one is deleted, a
/// missing one created at its revision: the current one below the partition, else the update one; with
/// `OrderedReady` the pass stops at the first replica created, terminating, or not Running and Ready); each
/// condemned pod from the highest ordinal (with `OrderedReady` one at a time, each after the previous is gone, and
/// only when the others are healthy); then, for `RollingUpdate`, the pod with the highest ordinal at or above the
/// partition that is not at the update revision is deleted (to be recreated at it), one at a time, waiting for each
/// to be Running and Ready. Last, history truncation and status. The driver applies the actions in order; the next
/// sync of the same set sees their effects.
enum StatefulSetReconciler {
    /// One sync of one StatefulSet; empty when there is nothing to do.
    static func reconcile(_ snapshot: StatefulSetSnapshot) -> [StatefulSetAction] {
        let set = snapshot.set
        guard let selector = try? set.spec.selector.selector() else { return [] }
        let namespace = set.namespace
        let deleting = set.metadata.deletionTimestamp != nil
        let ownerRef = ControllerRefClaim.controllerRef(kind: .statefulSet, meta: set.metadata)
        var actions: [StatefulSetAction] = []

        // Revisions.
        let revisions = snapshot.revisions.filter { ($0.metadata.namespace ?? namespace) == namespace }
        let ownedRevisions = claim(
            revisions, set: set, deleting: deleting, ownerRef: ownerRef, write: StatefulSetAction.updateRevision,
            actions: &actions
        ) { selector.matches($0.labels) }
        let plan = StatefulSetHistory.construct(set: set, owned: ownedRevisions, all: revisions, ownerRef: ownerRef)
        if let created = plan.created { actions.append(.createRevision(created)) }
        if let renumbered = plan.renumbered { actions.append(.updateRevision(renumbered)) }

        // Pods.
        let pods = claim(
            snapshot.pods.filter { ($0.metadata.namespace ?? namespace) == namespace },
            set: set, deleting: deleting, ownerRef: ownerRef, write: StatefulSetAction.updatePod, actions: &actions
        ) { pod in selector.matches(pod.labels) && StatefulSetPods.ordinal(of: pod, in: set) != nil }

        var pass = StatefulSetPass(set: set, plan: plan, pods: pods, ownerRef: ownerRef, now: snapshot.now)
        if !deleting {
            // Before any scale-down deletes a pod, its claims name it as owner when they are to go with it.
            actions += StatefulSetClaimRetention.updates(set: set, pods: pods, claims: snapshot.claims)
                .map { .updateClaim($0) }
            pass.run()
        }
        actions += pass.actions

        let live = Set([plan.current.name, plan.update.name] + pods.map(StatefulSetPods.revision(of:)))
        let allOwned = ownedRevisions.filter { $0.name != plan.update.name } + [plan.update]
        actions += StatefulSetHistory.truncate(owned: allOwned, limit: set.spec.revisionHistoryLimit, live: live)
            .map { .deleteRevision(name: $0) }

        let status = StatefulSetStatusCalculator.status(
            of: set, pods: pods, plan: plan, deletedForUpdate: pass.deletedForUpdate, now: snapshot.now)
        if status != set.status { actions.append(.updateStatus(status)) }
        if let delay = ReplicaSetReconciler.availabilityRequeue(
            pods.filter { !StatefulSetPods.isTerminating($0) }, minReadySeconds: set.spec.minReadySeconds ?? 0,
            now: snapshot.now)
        {
            actions.append(.requeue(after: delay))
        }
        return actions
    }

    /// Claims `objects` (upstream `ClaimPods` / `ClaimControllerRevisions`): returns the owned ones (adoptions
    /// applied) and appends the adopt/release writes.
    static func claim<Object: APIResource>(
        _ objects: [Object], set: StatefulSet, deleting: Bool, ownerRef: OwnerReference,
        write: (Object) -> StatefulSetAction, actions: inout [StatefulSetAction], matches: (Object) -> Bool
    ) -> [Object] {
        let uid = set.metadata.uid ?? ""
        var owned: [Object] = []
        for object in objects {
            switch ControllerRefClaim.decide(
                ownerUID: uid, ownerDeleting: deleting, meta: object.metadata, matches: matches(object))
            {
            case .keep:
                owned.append(object)
            case .adopt:
                var adopted = object
                adopted.metadata = ControllerRefClaim.adopting(object.metadata, ref: ownerRef)
                owned.append(adopted)
                actions.append(write(adopted))
            case .release:
                var released = object
                released.metadata = ControllerRefClaim.releasing(object.metadata, ownerUID: uid)
                actions.append(write(released))
            case .ignore:
                continue
            }
        }
        return owned
    }
}
