import KubeAPI
import Wire

/// What the chaos runner sees of the cluster at one moment, as the invariant checker takes it. Pure value.
struct ChaosSnapshot: Sendable, Equatable {
    /// When, as an offset from the start of the run.
    var time: Duration
    var nodes: [Node]
    var pods: [Pod]
    /// The DaemonSets under test.
    var daemonSets: [DaemonSet]
    /// A fresh look at the probe objects, when one was taken since the last snapshot.
    var probes: ProbeObservation?

    init(time: Duration, nodes: [Node], pods: [Pod], daemonSets: [DaemonSet], probes: ProbeObservation? = nil) {
        self.time = time
        self.nodes = nodes
        self.pods = pods
        self.daemonSets = daemonSets
        self.probes = probes
    }
}

/// One acknowledged probe object: the server answered its create, so it must exist from then on.
struct AcknowledgedProbe: Sendable, Equatable {
    /// `namespace/name`.
    var key: String
    /// When the create was acknowledged (offset from the start of the run).
    var at: Duration
}

/// The probe objects one list found, against the creates acknowledged before that list was sent (a create
/// acknowledged later may legitimately be missing from it).
struct ProbeObservation: Sendable, Equatable {
    var acknowledged: [AcknowledgedProbe]
    /// `namespace/name` of every probe object the list returned.
    var present: Set<String>
}

/// The properties a chaos run checks.
enum Invariant: String, Sendable, CaseIterable, Comparable {
    /// At most one non-terminating daemon pod of a DaemonSet per node (two, of different revisions, during a
    /// rolling update with `maxSurge` > 0).
    case onePodPerNode = "one-daemon-pod-per-node"
    /// No non-terminating daemon pod stays bound to a node that has left.
    case noPodOnDepartedNode = "no-pod-on-departed-node"
    /// Every Ready node eligible for a DaemonSet has a Running daemon pod within the coverage bound.
    case readyNodesCovered = "ready-nodes-covered"
    /// Every acknowledged probe object is still there.
    case acknowledgedObjectsKept = "acknowledged-objects-kept"
    /// After the run heals everything, the cluster converges (nodes Ready, DaemonSets covered) in time.
    case converged = "converged-after-healing"

    static func < (lhs: Invariant, rhs: Invariant) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A broken invariant: when, where, and what was seen.
struct ChaosViolation: Sendable, Equatable {
    var time: Duration
    var invariant: Invariant
    var node: String?
    /// `namespace/name` of the pod concerned (the message names a probe object).
    var pod: String?
    var message: String

    /// `+12.345s  ready-nodes-covered  node=n2  message`.
    var line: String {
        var fields = [ChaosTime.offset(time), invariant.rawValue]
        if let node { fields.append("node=\(node)") }
        if let pod { fields.append("pod=\(pod)") }
        return fields.joined(separator: "  ") + "  " + message
    }
}
