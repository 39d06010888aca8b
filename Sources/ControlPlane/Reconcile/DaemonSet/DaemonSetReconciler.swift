import Foundation
import KubeAPI
import Wire

/// Everything one DaemonSet sync reads, as the driver's cache holds it.
struct DaemonSetSnapshot: Sendable {
    var daemonSet: DaemonSet
    /// Every node in the cluster.
    var nodes: [Node]
    /// Every pod in the DaemonSet's namespace: owned ones, orphans, and other controllers' pods.
    var pods: [Pod]
    /// Every ControllerRevision in the DaemonSet's namespace.
    var revisions: [ControllerRevision]
    var now: Date
}

/// One thing the driver does for a sync, in the order returned.
///
/// `updatePod` / `updateRevision` carry the whole object as read (resourceVersion included) with the change
/// applied; each object appears at most once per sync. The driver emits `SuccessfulCreate` (`Created pod:
/// <name>`), `SuccessfulDelete`, `FailedCreate` and `FailedDelete` itself after each pod write, since only it
/// knows the generated name and the outcome.
enum DaemonSetAction: Sendable, Equatable {
    case createRevision(ControllerRevision)
    /// Adoption/release (ownerReferences), a missing hash label, or a renumbering.
    case updateRevision(ControllerRevision)
    case deleteRevision(name: String)
    /// A new pod with `metadata.generateName` `<ds>-`, pinned to its node by required node affinity.
    case createPod(Pod)
    case deletePod(name: String)
    /// Adoption/release (ownerReferences), or a relabel to the current hash after de-duplicating revisions.
    case updatePod(Pod)
    /// The full new status (write through `/status`).
    case updateStatus(DaemonSetStatus)
    /// An event on the DaemonSet: `type` is `Normal` or `Warning`.
    case event(type: String, reason: String, message: String)
    /// Sync this DaemonSet again after the delay (failed-pod backoff, minReadySeconds, name collision).
    case requeue(after: Duration)
}

/// The DaemonSet controller's decisions as a pure function (upstream `syncDaemonSet`): snapshot in, actions out.
///
/// Order of one sync: `SelectingAll` check; stop if the DaemonSet is being deleted; claim and construct the
/// revision history; claim pods; per-node create/delete (``DaemonSetManager``); the RollingUpdate pass
/// (``DaemonSetRollingUpdate``) only when the per-node pass wrote nothing (upstream waits for its expectations);
/// history cleanup; status. The driver MUST apply the actions in order and MUST make the next sync of the same
/// DaemonSet see their effects (cache barrier); no expectations are kept here.
struct DaemonSetReconciler: Sendable {
    /// Most pod creates, and most pod deletes, per sync.
    var burstReplicas = 250

    /// A reconciler with Kubernetes' burst limit (250) or another one.
    init(burstReplicas: Int = 250) {
        self.burstReplicas = burstReplicas
    }

    /// Reconciles with the default burst limit. See ``reconcile(_:backoff:)``.
    static func reconcile(_ snapshot: DaemonSetSnapshot, backoff: inout FailedPodBackoff) -> [DaemonSetAction] {
        DaemonSetReconciler().reconcile(snapshot, backoff: &backoff)
    }

    /// One sync of one DaemonSet.
    /// - Parameters:
    ///   - snapshot: the DaemonSet and the cluster state it depends on, and the time.
    ///   - backoff: failed-pod deletion backoff, kept by the driver between syncs (all DaemonSets may share one).
    /// - Returns: the writes, events and requeue to perform, in order (empty when there is nothing to do).
    func reconcile(_ snapshot: DaemonSetSnapshot, backoff: inout FailedPodBackoff) -> [DaemonSetAction] {
        let daemonSet = snapshot.daemonSet
        if Self.selectsAll(daemonSet.spec.selector) {
            return [.event(type: "Warning", reason: "SelectingAll",
                           message: "This daemon set is selecting all pods. A non-empty selector is required.")]
        }
        // A missing or unconvertible selector (validation rejects both) would claim nothing and create pods on
        // every sync; upstream fails the sync, so do nothing.
        guard daemonSet.metadata.deletionTimestamp == nil,
              let selector = try? daemonSet.spec.selector?.selector()
        else { return [] }
        let ownership = DaemonSetOwnership(daemonSet: daemonSet, selector: selector)
        let namespace = daemonSet.namespace
        var actions: [DaemonSetAction] = []

        // History.
        let revisions = snapshot.revisions.filter { ($0.metadata.namespace ?? namespace) == namespace }
        let claimedRevisions = ownership.claimAll(revisions)
        let plan: DaemonSetHistory.Plan
        switch DaemonSetHistory.construct(
            daemonSet: daemonSet, owned: claimedRevisions.owned, all: revisions, ownerRef: ownership.controllerRef)
        {
        case .collision(let newCollisionCount):
            actions += Self.mergedByName(claimedRevisions.changed).map { .updateRevision($0) }
            var status = daemonSet.status
            status.collisionCount = newCollisionCount
            return actions + [.updateStatus(status), .requeue(after: .milliseconds(5))]
        case .plan(let constructed):
            plan = constructed
        }
        actions += Self.mergedByName(claimedRevisions.changed + plan.updated).map { .updateRevision($0) }
        if let created = plan.created { actions.append(.createRevision(created)) }
        actions += plan.deleted.map { .deleteRevision(name: $0) }

        // Pods.
        var claimedPods = ownership.claimAll(snapshot.pods.filter { ($0.metadata.namespace ?? namespace) == namespace })
        if let hash = plan.relabelPodsTo {
            for index in claimedPods.owned.indices {
                var pod = claimedPods.owned[index]
                guard pod.labels[DaemonPods.revisionHashLabel] != hash else { continue }
                pod.metadata.labels = pod.labels.merging([DaemonPods.revisionHashLabel: hash]) { $1 }
                claimedPods.owned[index] = pod
                claimedPods.changed.append(pod)
            }
        }
        actions += Self.mergedByName(claimedPods.changed).map { .updatePod($0) }
        let pods = claimedPods.owned
        let nodeToPods = DaemonPods.byNode(pods, includeDeletedTerminal: false)
        let simulatedSpec = DaemonPodTolerations.adding(to: daemonSet.spec.template.spec)
        var eligibility: [String: DaemonNodeEligibility] = [:]
        for node in snapshot.nodes {
            eligibility[node.name] = DaemonNodeEligibility.evaluate(node: node, simulatedSpec: simulatedSpec)
        }

        // Per-node pass, then the rolling update.
        let factory = DaemonPodFactory(daemonSet: daemonSet, hash: plan.hash, ownerRef: ownership.controllerRef)
        let managed = DaemonSetManager(
            daemonSet: daemonSet, hash: plan.hash, allowsSurge: daemonSet.allowsSurge,
            now: snapshot.now
        ).manage(nodes: snapshot.nodes, eligibility: eligibility, nodeToPods: nodeToPods, backoff: &backoff)
        actions += managed.events
        actions += podWrites(creating: managed.nodesNeedingPods, deleting: managed.podsToDelete, factory: factory)
        var requeue = managed.requeueAfter
        if managed.nodesNeedingPods.isEmpty && managed.podsToDelete.isEmpty
            && daemonSet.isRollingUpdate
        {
            let rolled = DaemonSetRollingUpdate(daemonSet: daemonSet, hash: plan.hash, now: snapshot.now)
                .run(nodes: snapshot.nodes, eligibility: eligibility, nodeToPods: nodeToPods)
            actions += podWrites(creating: rolled.nodesNeedingPods, deleting: rolled.podsToDelete, factory: factory)
        }

        // History cleanup (terminal pods being deleted still hold on to their revision).
        let liveHashes = Set(DaemonPods.byNode(pods, includeDeletedTerminal: true).values.joined()
            .compactMap { $0.labels[DaemonPods.revisionHashLabel] }.filter { !$0.isEmpty })
        actions += DaemonSetHistory.cleanup(
            old: plan.old, limit: daemonSet.spec.revisionHistoryLimit, liveHashes: liveHashes
        ).map { .deleteRevision(name: $0) }

        // Status, from the state this sync started from.
        let minReadySeconds = daemonSet.spec.minReadySeconds ?? 0
        let counts = DaemonSetStatusCalculator.counts(
            nodes: snapshot.nodes, eligibility: eligibility, nodeToPods: nodeToPods, hash: plan.hash,
            minReadySeconds: minReadySeconds, now: snapshot.now)
        if let status = DaemonSetStatusCalculator.updatedStatus(of: daemonSet, counts: counts) {
            actions.append(.updateStatus(status))
        }
        if minReadySeconds > 0 && counts.ready != counts.available {
            let wait = Duration.seconds(Int64(minReadySeconds))
            requeue = min(requeue ?? wait, wait)
        }
        if let requeue { actions.append(.requeue(after: requeue)) }
        return actions
    }

    /// Creates (one pod per node) then deletes, each capped at ``burstReplicas``.
    private func podWrites(creating nodes: [String], deleting pods: [String], factory: DaemonPodFactory)
        -> [DaemonSetAction]
    {
        let limit = max(0, burstReplicas)
        return nodes.prefix(limit).map { .createPod(factory.pod(for: $0)) }
            + pods.prefix(limit).map { .deletePod(name: $0) }
    }

    /// A selector present but empty (`{}`): upstream refuses to manage such a DaemonSet.
    static func selectsAll(_ selector: LabelSelector?) -> Bool {
        guard let selector else { return false }
        return (selector.matchLabels ?? [:]).isEmpty && (selector.matchExpressions ?? []).isEmpty
    }

    /// One object per name, at the position of its first change, with its last change.
    private static func mergedByName<Object: APIResource>(_ objects: [Object]) -> [Object] {
        var order: [String] = []
        var latest: [String: Object] = [:]
        for object in objects {
            if latest[object.name] == nil { order.append(object.name) }
            latest[object.name] = object
        }
        return order.compactMap { latest[$0] }
    }
}
