import KubeAPI
import Wire

/// kubectl's `polymorphichelpers` status viewers: what `kubectl rollout status` prints for one state of a
/// Deployment, DaemonSet or StatefulSet, and whether the rollout is done. Pure.
enum RolloutStatusViewer {
    /// One message (ending in a newline, as kubectl prints it) and whether the rollout is complete.
    struct Verdict: Sendable, Equatable {
        var message: String
        var done: Bool
    }

    /// The Progressing condition's reason once `progressDeadlineSeconds` passed (`deploymentutil.TimedOutReason`).
    static let timedOutReason = "ProgressDeadlineExceeded"

    /// Checks that `kind` has a status viewer, as `StatusViewerFor` does.
    static func check(_ kind: ResourceKind) throws(RolloutError) {
        guard kind == .deployment || kind == .daemonSet || kind == .statefulSet else {
            throw RolloutError("no status viewer has been implemented for \(kind.qualifiedKind)")
        }
    }

    /// The status of `object`, a Deployment, DaemonSet or StatefulSet as the server returned it.
    /// - Parameter revision: for Deployments, the revision to pin to (0: the latest).
    /// - Throws: ``RolloutError`` when the rollout cannot finish as asked (strategy, deadline, revision).
    static func status(of object: JSONValue, kind: ResourceKind, revision: Int64) throws(RolloutError) -> Verdict {
        try check(kind)
        do {
            if kind == .daemonSet { return try daemonSet(object.decode(as: DaemonSet.self)) }
            if kind == .statefulSet { return try statefulSet(object.decode(as: StatefulSet.self)) }
            return try deployment(object.decode(as: Deployment.self), revision: revision)
        } catch let error as RolloutError {
            throw error
        } catch {
            throw RolloutError("failed to convert the object to \(kind.kind): \(error)")
        }
    }

    /// `DeploymentStatusViewer.Status`.
    static func deployment(_ d: Deployment, revision: Int64) throws(RolloutError) -> Verdict {
        let name = GoQuote.quote(d.name)
        if revision > 0 {
            let text = d.metadata.annotations?["deployment.kubernetes.io/revision"]
            let current: Int64
            if let text {
                guard let parsed = Int64(text) else {
                    throw RolloutError(
                        "cannot get the revision of deployment \(name): strconv.ParseInt: parsing \(GoQuote.quote(text)): invalid syntax")
                }
                current = parsed
            } else {
                current = 0
            }
            if revision != current {
                throw RolloutError("desired revision (\(revision)) is different from the running revision (\(current))")
            }
        }
        let status = d.status
        guard (d.metadata.generation ?? 0) <= (status.observedGeneration ?? 0) else {
            return Verdict(message: "Waiting for deployment spec update to be observed...\n", done: false)
        }
        if status.conditions?.first(where: { $0.type == "Progressing" })?.reason == timedOutReason {
            throw RolloutError("deployment \(name) exceeded its progress deadline")
        }
        let updated = Int64(status.updatedReplicas ?? 0)
        let replicas = Int64(status.replicas ?? 0)
        let available = Int64(status.availableReplicas ?? 0)
        let prefix = "Waiting for deployment \(name) rollout to finish: "
        if let desired = d.spec.replicas, updated < Int64(desired) {
            return Verdict(message: prefix + "\(updated) out of \(desired) new replicas have been updated...\n", done: false)
        }
        if replicas > updated {
            return Verdict(message: prefix + "\(replicas - updated) old replicas are pending termination...\n", done: false)
        }
        if available < updated {
            return Verdict(message: prefix + "\(available) of \(updated) updated replicas are available...\n", done: false)
        }
        return Verdict(message: "deployment \(name) successfully rolled out\n", done: true)
    }

    /// `DaemonSetStatusViewer.Status` (the revision is ignored, as upstream does).
    static func daemonSet(_ ds: DaemonSet) throws(RolloutError) -> Verdict {
        guard (ds.spec.updateStrategy.type ?? "RollingUpdate") == "RollingUpdate" else {
            throw RolloutError("rollout status is only available for RollingUpdate strategy type")
        }
        let name = GoQuote.quote(ds.name)
        let status = ds.status
        guard (ds.metadata.generation ?? 0) <= (status.observedGeneration ?? 0) else {
            return Verdict(message: "Waiting for daemon set spec update to be observed...\n", done: false)
        }
        let desired = status.desiredNumberScheduled
        let updated = status.updatedNumberScheduled ?? 0
        let available = status.numberAvailable ?? 0
        let prefix = "Waiting for daemon set \(name) rollout to finish: "
        if updated < desired {
            return Verdict(message: prefix + "\(updated) out of \(desired) new pods have been updated...\n", done: false)
        }
        if available < desired {
            return Verdict(message: prefix + "\(available) of \(desired) updated pods are available...\n", done: false)
        }
        return Verdict(message: "daemon set \(name) successfully rolled out\n", done: true)
    }

    /// `StatefulSetStatusViewer.Status` (the revision is ignored, as upstream does).
    static func statefulSet(_ sts: StatefulSet) throws(RolloutError) -> Verdict {
        guard sts.spec.updateStrategy.type == "RollingUpdate" else {
            throw RolloutError("rollout status is only available for RollingUpdate strategy type")
        }
        let status = sts.status
        let observed = status.observedGeneration ?? 0
        guard observed != 0, (sts.metadata.generation ?? 0) <= observed else {
            return Verdict(message: "Waiting for statefulset spec update to be observed...\n", done: false)
        }
        let ready = status.readyReplicas ?? 0
        let updated = status.updatedReplicas ?? 0
        if let replicas = sts.spec.replicas, ready < replicas {
            return Verdict(message: "Waiting for \(replicas - ready) pods to be ready...\n", done: false)
        }
        if let rolling = sts.spec.updateStrategy.rollingUpdate {
            if let replicas = sts.spec.replicas, let partition = rolling.partition, updated < replicas - partition {
                return Verdict(
                    message: "Waiting for partitioned roll out to finish: \(updated) out of \(replicas - partition) "
                        + "new pods have been updated...\n",
                    done: false)
            }
            return Verdict(
                message: "partitioned roll out complete: \(updated) new pods have been updated...\n", done: true)
        }
        let updateRevision = status.updateRevision ?? ""
        if updateRevision != (status.currentRevision ?? "") {
            return Verdict(
                message: "waiting for statefulset rolling update to complete \(updated) pods at revision "
                    + "\(updateRevision)...\n",
                done: false)
        }
        return Verdict(
            message: "statefulset rolling update complete \(status.currentReplicas ?? 0) pods at revision "
                + "\(status.currentRevision ?? "")...\n",
            done: true)
    }
}
