import Foundation
import KubeAPI
import Wire

/// `status` of a DaemonSet, computed as upstream `updateDaemonSetStatus` / `storeDaemonSetStatus` do: per node,
/// looking only at the oldest of the DaemonSet's pods there.
enum DaemonSetStatusCalculator {
    /// The counts `status` reports.
    struct Counts: Sendable, Equatable {
        /// Nodes that should run the pod.
        var desired = 0
        /// Of those, nodes with at least one pod (any phase, terminating included).
        var current = 0
        /// Nodes that should not run the pod but have one.
        var misscheduled = 0
        /// Desired nodes whose oldest pod is Ready.
        var ready = 0
        /// Desired nodes whose oldest pod carries the current hash.
        var updated = 0
        /// Desired nodes whose oldest pod is Ready for longer than minReadySeconds.
        var available = 0
        /// `desired - available`.
        var unavailable: Int { desired - available }
    }

    /// Counts over the node list. `nodeToPods` excludes terminal pods already being deleted.
    static func counts(
        nodes: [Node], eligibility: [String: DaemonNodeEligibility], nodeToPods: [String: [Pod]], hash: String,
        minReadySeconds: Int32, now: Date
    ) -> Counts {
        var counts = Counts()
        for node in nodes {
            let pods = nodeToPods[node.name] ?? []
            guard eligibility[node.name]?.shouldRun == true else {
                if !pods.isEmpty { counts.misscheduled += 1 }
                continue
            }
            counts.desired += 1
            guard let oldest = DaemonPods.oldestFirst(pods).first else { continue }
            counts.current += 1
            if oldest.isReady {
                counts.ready += 1
                if oldest.isAvailable(minReadySeconds: minReadySeconds, now: now) { counts.available += 1 }
            }
            if !hash.isEmpty && oldest.labels[DaemonPods.revisionHashLabel] == hash { counts.updated += 1 }
        }
        return counts
    }

    /// The new status, or nil when every count is unchanged and `observedGeneration` already covers
    /// `metadata.generation` (then upstream skips the write). Other fields (collisionCount, conditions) are kept.
    ///
    /// As apps/v1 encodes it: `currentNumberScheduled`, `numberMisscheduled`, `desiredNumberScheduled` and
    /// `numberReady` are always written; `observedGeneration`, `updatedNumberScheduled`, `numberAvailable` and
    /// `numberUnavailable` are `omitempty`, so a zero count is left out (`numberUnavailable: 0` never shows).
    static func updatedStatus(of daemonSet: DaemonSet, counts: Counts) -> DaemonSetStatus? {
        let old = daemonSet.status
        let generation = daemonSet.metadata.generation ?? 0
        let unchanged = Int(old.desiredNumberScheduled) == counts.desired
            && Int(old.currentNumberScheduled) == counts.current
            && Int(old.numberMisscheduled) == counts.misscheduled
            && Int(old.numberReady) == counts.ready
            && Int(old.updatedNumberScheduled ?? 0) == counts.updated
            && Int(old.numberAvailable ?? 0) == counts.available
            && Int(old.numberUnavailable ?? 0) == counts.unavailable
            && (old.observedGeneration ?? 0) >= generation
        if unchanged { return nil }
        var status = old
        status.observedGeneration = nonZero(generation)
        status.desiredNumberScheduled = Int32(clamping: counts.desired)
        status.currentNumberScheduled = Int32(clamping: counts.current)
        status.numberMisscheduled = Int32(clamping: counts.misscheduled)
        status.numberReady = Int32(clamping: counts.ready)
        status.updatedNumberScheduled = nonZero(Int32(clamping: counts.updated))
        status.numberAvailable = nonZero(Int32(clamping: counts.available))
        status.numberUnavailable = nonZero(Int32(clamping: counts.unavailable))
        return status
    }

    /// Go's `omitempty` for a count: zero is absent.
    static func nonZero<Count: BinaryInteger>(_ value: Count) -> Count? { value == 0 ? nil : value }
}
