import Foundation
import KubeAPI
import Wire

/// One pass of upstream `updateStatefulSet` over a set's pods: the replicas (one slot per ordinal `start ..< start +
/// replicas`, filled with the existing pod or a new one at its revision), the condemned pods (other ordinals,
/// highest first), and the rolling update. Collects the pod writes and events in ``actions``.
struct StatefulSetPass {
    let set: StatefulSet
    let plan: StatefulSetHistory.Plan
    let ownerRef: OwnerReference
    let now: Date
    /// `OrderedReady`: stop at the first replica that is not Running and Ready, one condemned pod at a time.
    let monotonic: Bool
    /// One pod per ordinal from `spec.ordinals.start`, existing or to be created.
    private(set) var replicas: [Pod] = []
    /// Names of the replicas that do not exist yet.
    private(set) var missing: Set<String> = []
    /// Pods whose ordinal is out of range, highest ordinal first.
    private(set) var condemned: [Pod] = []
    /// The first replica (lowest ordinal), else the lowest condemned pod, that is not healthy.
    private(set) var firstUnhealthy: String?
    private(set) var actions: [StatefulSetAction] = []
    /// Pods deleted this pass to be recreated at the update revision.
    private(set) var deletedForUpdate = 0

    /// Sorts `pods` (the set's claimed members) into replicas and condemned pods, and makes the missing replicas:
    /// below the partition (RollingUpdate) at the current revision's template, else at the set's.
    init(set: StatefulSet, plan: StatefulSetHistory.Plan, pods: [Pod], ownerRef: OwnerReference, now: Date) {
        self.set = set
        self.plan = plan
        self.ownerRef = ownerRef
        self.now = now
        monotonic = !set.isParallel
        let start = set.startOrdinal
        let count = max(0, set.desiredReplicas)
        var slots = [Pod?](repeating: nil, count: count)
        var condemned: [(Int, Pod)] = []
        for pod in pods {
            guard let ordinal = StatefulSetPods.ordinal(of: pod, in: set) else { continue }
            if ordinal >= start && ordinal < start + count {
                slots[ordinal - start] = pod
            } else {
                condemned.append((ordinal, pod))
            }
        }
        let currentTemplate = StatefulSetHistory.template(of: plan.current) ?? set.spec.template
        for index in slots.indices where slots[index] == nil {
            let ordinal = start + index
            // Upstream `newVersionedStatefulSetPod`: below the partition (or, without rollingUpdate parameters, below
            // the current replicas) a new pod keeps the current revision.
            let currentReplicas = Int(set.status.currentReplicas ?? 0)
            let hasParameters = set.spec.updateStrategy.rollingUpdate != nil
            let atCurrent = set.isRollingUpdate
                && ordinal < start + (hasParameters ? set.partition : currentReplicas)
            let pod = atCurrent
                ? StatefulSetPods.newPod(set, template: currentTemplate, ordinal: ordinal, revision: plan.current.name,
                                         ownerRef: ownerRef)
                : StatefulSetPods.newPod(set, template: set.spec.template, ordinal: ordinal,
                                         revision: plan.update.name, ownerRef: ownerRef)
            slots[index] = pod
            missing.insert(pod.name)
        }
        replicas = slots.compactMap { $0 }
        self.condemned = condemned.sorted { $0.0 > $1.0 }.map(\.1)
        let missing = self.missing
        firstUnhealthy = replicas.first { missing.contains($0.name) || !StatefulSetPods.isHealthy($0) }?.name
            ?? self.condemned.reversed().first { !StatefulSetPods.isHealthy($0) }?.name
    }

    /// Runs the replicas, then the condemned pods, then (RollingUpdate only) the update, stopping early where
    /// `OrderedReady` must wait.
    mutating func run() {
        for index in replicas.indices where processReplica(index) && monotonic { return }
        for index in condemned.indices where processCondemned(index) && monotonic { return }
        guard set.isRollingUpdate else { return }
        let updateMin = set.spec.updateStrategy.rollingUpdate == nil ? 0 : set.partition
        var target = replicas.count - 1
        while target >= updateMin {
            let pod = replicas[target]
            if missing.contains(pod.name) { return }
            if StatefulSetPods.revision(of: pod) != plan.update.name && !StatefulSetPods.isTerminating(pod) {
                actions.append(.deletePod(name: pod.name))
                deletedForUpdate += 1
                return
            }
            if !StatefulSetPods.isHealthy(pod) { return }
            target -= 1
        }
    }

    /// Upstream `processReplica`; returns whether an `OrderedReady` pass must stop here.
    private mutating func processReplica(_ index: Int) -> Bool {
        let pod = replicas[index]
        if missing.contains(pod.name) {
            actions.append(.createPod(pod, claims: StatefulSetPods.claims(set, ordinal: set.startOrdinal + index)))
            return true
        }
        if pod.status.phase == "Failed" || pod.status.phase == "Succeeded" {
            if !StatefulSetPods.isTerminating(pod) {
                let failed = pod.status.phase == "Failed"
                let state = failed ? "failed" : "terminated"
                actions.append(.event(
                    type: failed ? "Warning" : "Normal",
                    reason: failed ? "RecreatingFailedPod" : "RecreatingTerminatedPod",
                    message: "StatefulSet \(set.namespace)/\(set.name) is recreating \(state) Pod \(pod.name)"))
                actions.append(.deletePod(name: pod.name))
            }
            return true
        }
        if StatefulSetPods.isTerminating(pod) { return true }
        if !StatefulSetPods.isRunningAndReady(pod) { return true }
        let minReady = set.spec.minReadySeconds ?? 0
        if !StatefulSetPods.isRunningAndAvailable(pod, minReadySeconds: minReady, now: now) && monotonic {
            return true
        }
        let ordinal = set.startOrdinal + index
        if !StatefulSetPods.identityMatches(pod, set: set, ordinal: ordinal) {
            var mended = pod
            mended.metadata.labels = StatefulSetPods.identityLabels(pod.labels, name: pod.name, ordinal: ordinal)
            actions.append(.updatePod(mended))
        }
        return false
    }

    /// Upstream `processCondemned`; returns whether an `OrderedReady` pass must stop here.
    private mutating func processCondemned(_ index: Int) -> Bool {
        let pod = condemned[index]
        if StatefulSetPods.isTerminating(pod) { return true }
        let minReady = set.spec.minReadySeconds ?? 0
        if monotonic && pod.name != firstUnhealthy
            && (!StatefulSetPods.isRunningAndReady(pod)
                || !StatefulSetPods.isRunningAndAvailable(pod, minReadySeconds: minReady, now: now))
        {
            return true
        }
        actions.append(.deletePod(name: pod.name))
        return true
    }
}
