import KubeAPI
import Wire

/// The `deployment.kubernetes.io/*` annotations on Deployments and their ReplicaSets (upstream
/// `deploymentutil.SetNewReplicaSetAnnotations`, `SetReplicasAnnotations`, `Revision`, `MaxRevision`). Pure.
enum DeploymentAnnotations {
    static let revision = "deployment.kubernetes.io/revision"
    static let revisionHistory = "deployment.kubernetes.io/revision-history"
    static let desiredReplicas = "deployment.kubernetes.io/desired-replicas"
    static let maxReplicas = "deployment.kubernetes.io/max-replicas"
    static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"
    static let deprecatedRollbackTo = "deprecated.deployment.rollback.to"

    /// The longest `revision-history` annotation kept (upstream `maxRevHistoryLengthInChars`).
    static let maxRevisionHistoryLength = 2000

    /// Deployment annotations never copied onto its ReplicaSets.
    static let notCopied: Set<String> = [lastApplied, revision, revisionHistory, desiredReplicas, maxReplicas,
                                         deprecatedRollbackTo]

    /// The ReplicaSet's revision, or nil when missing or not a number.
    static func revision(of rs: ReplicaSet) -> Int64? {
        rs.metadata.annotations?[revision].flatMap { Int64($0) }
    }

    /// The highest revision among `sets` (0 when none has one).
    static func maxRevision(_ sets: [ReplicaSet]) -> Int64 {
        sets.compactMap(revision(of:)).max() ?? 0
    }

    /// The `desired-replicas` annotation as a number.
    static func desiredReplicas(of rs: ReplicaSet) -> Int32? {
        rs.metadata.annotations?[desiredReplicas].flatMap { Int32($0) }
    }

    /// The `max-replicas` annotation as a number.
    static func maxReplicas(of rs: ReplicaSet) -> Int32? {
        rs.metadata.annotations?[maxReplicas].flatMap { Int32($0) }
    }

    /// Upstream `ReplicasAnnotationsNeedUpdate`.
    static func replicasNeedUpdate(_ rs: ReplicaSet, desired: Int32, max: Int32) -> Bool {
        let annotations = rs.metadata.annotations ?? [:]
        return annotations[desiredReplicas] != String(desired) || annotations[maxReplicas] != String(max)
    }

    /// Upstream `SetReplicasAnnotations`: sets `desired-replicas` and `max-replicas`; true when changed.
    @discardableResult
    static func setReplicas(_ rs: inout ReplicaSet, desired: Int32, max: Int32) -> Bool {
        var annotations = rs.metadata.annotations ?? [:]
        let before = annotations
        annotations[desiredReplicas] = String(desired)
        annotations[maxReplicas] = String(max)
        rs.metadata.annotations = annotations
        return annotations != before
    }

    /// Upstream `SetNewReplicaSetAnnotations`: copies the Deployment's annotations (but ``notCopied``), raises
    /// the revision to `newRevision` when lower (keeping the old one in `revision-history` on a rollback), and
    /// for a ReplicaSet about to be created sets the replicas annotations. True when anything changed.
    static func setNewReplicaSetAnnotations(
        _ d: Deployment, _ rs: inout ReplicaSet, newRevision: String, exists: Bool
    ) -> Bool {
        var annotations = rs.metadata.annotations ?? [:]
        var changed = false
        for (key, value) in d.metadata.annotations ?? [:]
        where !notCopied.contains(key) && annotations[key] != value {
            annotations[key] = value
            changed = true
        }
        let oldText = annotations[revision]
        let oldRevision: Int64
        if let oldText {
            guard let parsed = Int64(oldText) else {
                rs.metadata.annotations = annotations
                return changed
            }
            oldRevision = parsed
        } else {
            oldRevision = 0
        }
        guard let newValue = Int64(newRevision) else {
            rs.metadata.annotations = annotations
            return changed
        }
        if oldRevision < newValue {
            annotations[revision] = newRevision
            changed = true
            if let oldText {
                annotations[revisionHistory] = appendingHistory(annotations[revisionHistory], oldText)
            }
        }
        rs.metadata.annotations = annotations
        if !exists {
            let desired = DeploymentRollout.desired(d)
            if setReplicas(&rs, desired: desired, max: desired + DeploymentRollout.maxSurge(d)) { changed = true }
        }
        return changed
    }

    /// `history` with `revision` appended, oldest entries dropped to stay within the length limit.
    private static func appendingHistory(_ history: String?, _ revision: String) -> String? {
        guard let history, !history.isEmpty else { return revision }
        var entries = history.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var total = history.count + revision.count + 1
        var start = 0
        while total > maxRevisionHistoryLength && start < entries.count {
            total -= entries[start].count + 1
            start += 1
        }
        guard total <= maxRevisionHistoryLength else { return history }
        entries = Array(entries[start...]) + [revision]
        return entries.joined(separator: ",")
    }
}
