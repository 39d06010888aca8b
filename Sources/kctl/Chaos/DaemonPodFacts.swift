import KubeAPI
import Wire

/// What the chaos checker reads off DaemonSets, their pods and nodes. Pure.
///
/// What the controller also knows is not here but shared from Wire, so the checker and the DaemonSet controller
/// never disagree: eligibility (``DaemonNodeEligibility``), which node and revision a pod is for
/// (``DaemonPodIdentity``), pod and node readiness (``Pod/isActive``, ``Node/isReady``), the surge budget
/// (``DaemonSet/allowsSurge``).
enum DaemonPodFacts {
    /// The pods `daemonSet` controls (controller ownerReference to its uid, same namespace).
    static func pods(of daemonSet: DaemonSet, in pods: [Pod]) -> [Pod] {
        guard let uid = daemonSet.metadata.uid else { return [] }
        return pods.filter { pod in
            pod.namespace == daemonSet.namespace && pod.metadata.controllerRef?.uid == uid
                && pod.metadata.controllerRef?.kind == "DaemonSet"
        }
    }

    /// Active and in phase `Running`.
    static func isRunning(_ pod: Pod) -> Bool {
        pod.isActive && pod.status.phase == "Running"
    }

    /// The pod's phase, with the first waiting container's reason: `Pending: ImagePullBackOff`.
    static func condition(_ pod: Pod) -> String {
        let phase = pod.status.phase ?? "Pending"
        let waiting = (pod.status.containerStatuses ?? []).lazy.compactMap { $0.state?.waiting?.reason }.first
        return waiting.map { "\(phase): \($0)" } ?? phase
    }
}
