import Foundation
import KubeAPI
import Wire

/// The Deployment controller's decision logic (upstream `pkg/controller/deployment`: `syncDeployment` with
/// `sync.go`, `rolling.go`, `recreate.go`, `progress.go`), as a pure function from what the controller sees
/// to what it writes.
///
/// One sync: claim ReplicaSets (adopt matching orphans, release non-matching owned ones); then, for a
/// Deployment being deleted, only status; for a paused one or a scaling event, proportional scaling without
/// rolling; otherwise the RollingUpdate or Recreate rollout. The new ReplicaSet is the one whose template
/// equals the Deployment's (ignoring `pod-template-hash`), else `<deployment>-<hash>` is created with
/// revision `max(old) + 1`.
enum DeploymentReconciler {
    /// One sync of `deployment`.
    /// - Parameters:
    ///   - deployment: the Deployment as read (defaults applied).
    ///   - replicaSets: every ReplicaSet in the Deployment's namespace.
    ///   - pods: every pod in the namespace (Recreate waits for old pods to stop).
    ///   - now: the current time (condition timestamps, progress deadline).
    /// - Returns: the actions to apply, in order (see ``DeploymentSync/finish()``); empty when nothing changes.
    static func reconcile(
        _ deployment: Deployment, replicaSets: [ReplicaSet], pods: [Pod], now: Date
    ) -> [DeploymentAction] {
        var sync = DeploymentSync(deployment, replicaSets: replicaSets, now: now)
        run(&sync, pods: pods)
        return sync.finish()
    }

    private static func run(_ sync: inout DeploymentSync, pods: [Pod]) {
        let deployment = sync.deployment
        guard let selector = try? deployment.spec.selector.selector() else { return }
        if selector.isEmpty {
            sync.event("Warning", "SelectingAll",
                       "This deployment is selecting all pods. A non-empty selector is required.")
            let generation = deployment.metadata.generation ?? 0
            if (deployment.status.observedGeneration ?? 0) < generation {
                var status = deployment.status
                status.observedGeneration = generation
                sync.pendingStatus = status
            }
            return
        }
        let sets = sync.claimReplicaSets(selector: selector)
        let ownedPods = pods.filter { selector.matches($0.labels) }
        do {
            if deployment.metadata.deletionTimestamp != nil {
                try sync.syncStatusOnly(sets)
                return
            }
            sync.checkPausedConditions()
            if deployment.spec.paused == true || sync.isScalingEvent(sets) {
                try sync.syncScaleOnly(sets)
            } else if DeploymentRollout.isRecreate(deployment) {
                try sync.rolloutRecreate(sets, pods: ownedPods)
            } else if DeploymentRollout.isRollingUpdate(deployment) {
                try sync.rolloutRolling(sets)
            }
        } catch {
            // A hash collision: the bumped collisionCount is already pending; the status write requeues.
        }
    }
}
