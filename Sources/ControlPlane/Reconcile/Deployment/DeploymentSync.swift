import Foundation
import KubeAPI
import Wire

/// The working state of one Deployment sync: the Deployment as it is being changed (revision annotation,
/// conditions, collision count), the namespace's ReplicaSets, and the actions decided so far. Mirrors the
/// upstream controller's in-memory objects between its API calls; see ``DeploymentReconciler``.
struct DeploymentSync {
    /// Thrown when the sync must stop early (upstream returns an error): a hash collision.
    struct Abort: Error {}

    /// The Deployment as read.
    let original: Deployment
    /// The Deployment with the changes decided so far (annotations, status conditions, collisionCount).
    var deployment: Deployment
    /// Every ReplicaSet of the namespace, as read.
    let namespaceReplicaSets: [ReplicaSet]
    let now: Date
    /// ReplicaSet writes and events, in order.
    var actions: [DeploymentAction] = []
    /// The status to write, if it changed.
    var pendingStatus: DeploymentStatus?
    /// When to look again at a rollout that may be stuck.
    var pendingRequeue: Duration?

    init(_ deployment: Deployment, replicaSets: [ReplicaSet], now: Date) {
        self.original = deployment
        self.deployment = deployment
        self.namespaceReplicaSets = replicaSets.sorted(by: Self.olderFirst)
        self.now = now
    }

    /// The actions in the order the driver applies them: ReplicaSet writes and events, then the Deployment's
    /// annotations, then its status, then a requeue.
    func finish() -> [DeploymentAction] {
        var result = actions
        if deployment.metadata.annotations != original.metadata.annotations {
            result.append(.updateAnnotations(deployment.metadata.annotations ?? [:]))
        }
        if let pendingStatus { result.append(.updateStatus(pendingStatus)) }
        if let pendingRequeue { result.append(.requeue(after: pendingRequeue)) }
        return result
    }

    // MARK: - Recording

    /// Records a ReplicaSet write, folded into an earlier create or update of the same ReplicaSet.
    mutating func write(_ rs: ReplicaSet) {
        for (index, action) in actions.enumerated() {
            switch action {
            case .createReplicaSet(let earlier) where earlier.name == rs.name:
                actions[index] = .createReplicaSet(rs)
                return
            case .updateReplicaSet(let earlier) where earlier.name == rs.name:
                actions[index] = .updateReplicaSet(rs)
                return
            default:
                continue
            }
        }
        actions.append(.updateReplicaSet(rs))
    }

    /// Records an event on the Deployment.
    mutating func event(_ type: String, _ reason: String, _ message: String) {
        actions.append(.event(type: type, reason: reason, message: message))
    }

    // MARK: - Ownership

    /// Upstream `getReplicaSetsForDeployment`: the ReplicaSets this Deployment controls after adopting
    /// matching orphans and releasing owned ones that no longer match.
    mutating func claimReplicaSets(selector: Selector) -> [ReplicaSet] {
        let uid = deployment.metadata.uid ?? ""
        let deleting = deployment.metadata.deletionTimestamp != nil
        let ref = ControllerRefClaim.controllerRef(kind: .deployment, meta: deployment.metadata)
        var owned: [ReplicaSet] = []
        for rs in namespaceReplicaSets {
            let matches = selector.matches(rs.labels)
            switch ControllerRefClaim.decide(ownerUID: uid, ownerDeleting: deleting, meta: rs.metadata,
                                             matches: matches) {
            case .keep:
                owned.append(rs)
            case .adopt:
                var adopted = rs
                adopted.metadata = ControllerRefClaim.adopting(rs.metadata, ref: ref)
                write(adopted)
                owned.append(adopted)
            case .release:
                var released = rs
                released.metadata = ControllerRefClaim.releasing(rs.metadata, ownerUID: uid)
                write(released)
            case .ignore:
                break
            }
        }
        return owned
    }

    // MARK: - New and old ReplicaSets

    /// Upstream `FindNewReplicaSet`: the oldest ReplicaSet whose template equals the Deployment's, ignoring
    /// `pod-template-hash`.
    func findNewReplicaSet(_ sets: [ReplicaSet]) -> ReplicaSet? {
        sets.first { PodTemplateHash.equalIgnoringHash($0.spec.template, deployment.spec.template) }
    }

    /// Upstream `getAllReplicaSetsAndSyncRevision`: the new ReplicaSet (created when `create` and missing) and
    /// every old one. An existing new ReplicaSet gets the Deployment's annotations, the next revision and
    /// `minReadySeconds`; the Deployment gets the new ReplicaSet's revision and, the first time, a
    /// Progressing condition.
    /// - Throws: ``Abort`` on a hash collision, after bumping `status.collisionCount`.
    mutating func replicaSetsAndSyncRevision(_ sets: [ReplicaSet], create: Bool) throws(Abort)
        -> (new: ReplicaSet?, old: [ReplicaSet])
    {
        let existing = findNewReplicaSet(sets)
        let old = sets.filter { $0.name != existing?.name }
        let newRevision = String(DeploymentAnnotations.maxRevision(old) + 1)
        if var rs = existing {
            let annotationsChanged = DeploymentAnnotations.setNewReplicaSetAnnotations(
                deployment, &rs, newRevision: newRevision, exists: true)
            if annotationsChanged || (rs.spec.minReadySeconds ?? 0) != (deployment.spec.minReadySeconds ?? 0) {
                rs.spec.minReadySeconds = deployment.spec.minReadySeconds
                write(rs)
            }
            setDeploymentRevision(rs.metadata.annotations?[DeploymentAnnotations.revision] ?? "")
            if DeploymentRollout.progressDeadline(deployment) != nil,
               DeploymentConditions.get(deployment.status, DeploymentConditions.progressing) == nil {
                DeploymentConditions.set(&deployment.status, DeploymentConditions.make(
                    DeploymentConditions.progressing, "True", reason: DeploymentConditions.foundNewReplicaSet,
                    message: "Found new replica set \(GoQuote.quote(rs.name))", now: now))
            }
            return (rs, old)
        }
        guard create else { return (nil, old) }
        return (try createNewReplicaSet(old: old, revision: newRevision), old)
    }

    /// Creates `<deployment>-<hash>` with the hash label on its labels, selector and template, sized by
    /// ``DeploymentRollout/newReplicaSetReplicas(_:all:new:)``, and records `ScalingReplicaSet`.
    private mutating func createNewReplicaSet(old: [ReplicaSet], revision: String) throws(Abort) -> ReplicaSet {
        let hash = PodTemplateHash.compute(deployment.spec.template, collisionCount: deployment.status.collisionCount)
        var template = deployment.spec.template
        template.metadata.labels = (template.metadata.labels ?? [:]).merging([PodTemplateHash.labelKey: hash]) { $1 }
        var selector = deployment.spec.selector ?? LabelSelector()
        selector.matchLabels = (selector.matchLabels ?? [:]).merging([PodTemplateHash.labelKey: hash]) { $1 }
        let name = "\(deployment.name)-\(hash)"
        var rs = ReplicaSet(
            metadata: ObjectMeta(
                name: name, namespace: deployment.metadata.namespace, labels: template.metadata.labels,
                ownerReferences: [ControllerRefClaim.controllerRef(kind: .deployment, meta: deployment.metadata)]),
            spec: ReplicaSetSpec(replicas: 0, minReadySeconds: deployment.spec.minReadySeconds, selector: selector,
                                 template: template))
        let replicas = DeploymentRollout.newReplicaSetReplicas(deployment, all: old + [rs], new: rs)
        rs.spec.replicas = replicas
        _ = DeploymentAnnotations.setNewReplicaSetAnnotations(deployment, &rs, newRevision: revision, exists: false)

        var alreadyExists = false
        if let clash = namespaceReplicaSets.first(where: { $0.name == name }) {
            guard clash.metadata.controllerRef?.uid == deployment.metadata.uid,
                  PodTemplateHash.equalIgnoringHash(deployment.spec.template, clash.spec.template)
            else {
                deployment.status.collisionCount = (deployment.status.collisionCount ?? 0) + 1
                pendingStatus = deployment.status
                throw Abort()
            }
            rs = clash
            alreadyExists = true
        } else {
            actions.append(.createReplicaSet(rs))
        }
        if !alreadyExists && replicas > 0 {
            event("Normal", "ScalingReplicaSet", "Scaled up replica set \(name) from 0 to \(replicas)")
        }
        setDeploymentRevision(revision)
        if !alreadyExists && DeploymentRollout.progressDeadline(deployment) != nil {
            DeploymentConditions.set(&deployment.status, DeploymentConditions.make(
                DeploymentConditions.progressing, "True", reason: DeploymentConditions.newReplicaSetCreated,
                message: "Created new replica set \(GoQuote.quote(name))", now: now))
        }
        return rs
    }

    /// Upstream `SetDeploymentRevision`: the Deployment's revision annotation.
    private mutating func setDeploymentRevision(_ revision: String) {
        var annotations = deployment.metadata.annotations ?? [:]
        guard !revision.isEmpty, annotations[DeploymentAnnotations.revision] != revision else { return }
        annotations[DeploymentAnnotations.revision] = revision
        deployment.metadata.annotations = annotations
    }

    // MARK: - Ordering

    /// Upstream `ReplicaSetsByCreationTimestamp`: older first, then by name.
    static func olderFirst(_ a: ReplicaSet, _ b: ReplicaSet) -> Bool {
        let createdA = ReplicaSetPods.created(a.metadata), createdB = ReplicaSetPods.created(b.metadata)
        return createdA != createdB ? createdA < createdB : a.name < b.name
    }
}
