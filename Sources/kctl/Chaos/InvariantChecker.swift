import KubeAPI
import Wire

/// Checks a chaos run's invariants on successive snapshots of the cluster. Pure: time is the snapshot's, and a
/// condition that must last (a node left uncovered, a pod on a departed node) is timed from the first snapshot
/// that showed it.
///
/// Each violation is reported once, when it is first seen (or, for timed conditions, when its time runs out);
/// it is reported again only if the condition clears and comes back.
struct InvariantChecker: Sendable {
    struct Settings: Sendable, Equatable {
        /// How long a Ready, eligible node may go without a Running daemon pod.
        var coverageBound: Duration
        /// How long a daemon pod may stay bound to a node that has left.
        var departedTolerance: Duration
    }

    /// How often an invariant was checked, over how many subjects (node and DaemonSet pairs, pods, probe
    /// objects), and how many violations it found.
    struct Tally: Sendable, Equatable {
        var checks = 0
        var subjects = 0
        var violations = 0
    }

    let settings: Settings
    private(set) var tallies: [Invariant: Tally] = [:]
    private(set) var violations: [ChaosViolation] = []
    /// Coverage stretches: `dsUID/node` to when the node was first seen Ready, eligible and uncovered.
    private var uncoveredSince: [String: Duration] = [:]
    /// Pod uid to when it was first seen bound to a node that is gone.
    private var departedSince: [String: Duration] = [:]
    /// Conditions already reported and still holding.
    private var reported: Set<String> = []

    init(settings: Settings) {
        self.settings = settings
    }

    /// Checks one snapshot; returns the violations it found (also kept in ``violations``).
    mutating func check(_ snapshot: ChaosSnapshot) -> [ChaosViolation] {
        var found: [ChaosViolation] = []
        var holding: Set<String> = []
        let spans = snapshot.daemonSets.filter { $0.metadata.deletionTimestamp == nil }.map { daemonSet in
            (daemonSet, DaemonPodFacts.pods(of: daemonSet, in: snapshot.pods))
        }
        checkOnePodPerNode(spans, time: snapshot.time, found: &found, holding: &holding)
        checkDeparted(spans, nodes: snapshot.nodes, time: snapshot.time, found: &found, holding: &holding)
        checkCoverage(spans, nodes: snapshot.nodes, time: snapshot.time, found: &found, holding: &holding)
        if let probes = snapshot.probes {
            checkProbes(probes, time: snapshot.time, found: &found, holding: &holding)
        } else {
            // Probe conditions can only be re-evaluated by a new observation: keep them.
            holding.formUnion(reported.filter { $0.hasPrefix("probe/") })
        }
        reported = reported.intersection(holding)
        for violation in found { record(violation) }
        return found
    }

    /// Checks a probe observation alone (the final list of a run); returns the violations it found.
    mutating func checkProbes(_ probes: ProbeObservation, time: Duration) -> [ChaosViolation] {
        var found: [ChaosViolation] = []
        var holding = reported.filter { !$0.hasPrefix("probe/") }
        checkProbes(probes, time: time, found: &found, holding: &holding)
        reported = reported.intersection(holding)
        for violation in found { record(violation) }
        return found
    }

    /// The control plane came back and the view was relisted: timed conditions start again from the next
    /// snapshot (the controllers were down too, and relist before they act).
    mutating func resynced() {
        uncoveredSince.removeAll()
        departedSince.removeAll()
    }

    /// Records a violation found outside the snapshot checks (convergence, the final probe check).
    mutating func record(_ violation: ChaosViolation) {
        violations.append(violation)
        tallies[violation.invariant, default: Tally()].violations += 1
    }

    /// Counts a check made outside the snapshot checks.
    mutating func count(_ invariant: Invariant, subjects: Int) {
        tallies[invariant, default: Tally()].checks += 1
        tallies[invariant, default: Tally()].subjects += subjects
    }

    /// The Ready nodes eligible for each DaemonSet that have no Running daemon pod, as `(daemonSet, node)`
    /// pairs (`namespace/name` of the DaemonSet). Empty once the cluster has converged.
    static func uncovered(_ snapshot: ChaosSnapshot) -> [(daemonSet: String, node: String)] {
        var result: [(daemonSet: String, node: String)] = []
        for daemonSet in snapshot.daemonSets where daemonSet.metadata.deletionTimestamp == nil {
            let running = Set(
                DaemonPodFacts.pods(of: daemonSet, in: snapshot.pods).filter(DaemonPodFacts.isRunning)
                    .compactMap(DaemonPodIdentity.targetNodeName(of:)))
            for node in eligibleReadyNodes(daemonSet, snapshot.nodes) where !running.contains(node.name) {
                result.append((NamespacedKey.of(daemonSet.metadata), node.name))
            }
        }
        return result
    }

    // MARK: - Invariants

    private mutating func checkOnePodPerNode(
        _ spans: [(DaemonSet, [Pod])], time: Duration, found: inout [ChaosViolation], holding: inout Set<String>
    ) {
        var subjects = 0
        for (daemonSet, pods) in spans {
            var byNode: [String: [Pod]] = [:]
            for pod in pods where pod.isActive {
                if let node = DaemonPodIdentity.targetNodeName(of: pod) { byNode[node, default: []].append(pod) }
            }
            for (node, onNode) in byNode.sorted(by: { $0.key < $1.key }) {
                subjects += 1
                let revisions = Set(onNode.map(DaemonPodIdentity.revision(of:)))
                let allowed = daemonSet.allowsSurge && revisions.count == onNode.count ? 2 : 1
                guard onNode.count > allowed else { continue }
                let names = onNode.map(\.name).sorted()
                let key = "dup/\(daemonSet.metadata.uid ?? "")/\(node)/\(names.joined(separator: ","))"
                holding.insert(key)
                guard !reported.contains(key) else { continue }
                reported.insert(key)
                found.append(
                    ChaosViolation(
                        time: time, invariant: .onePodPerNode, node: node,
                        pod: NamespacedKey.make(namespace: daemonSet.namespace, name: names.last ?? ""),
                        message:
                            "daemonset \(NamespacedKey.of(daemonSet.metadata)) has \(onNode.count) daemon pods on "
                            + "node \(node) (\(names.joined(separator: ", "))), at most \(allowed) allowed"))
            }
        }
        tallies[.onePodPerNode, default: Tally()].checks += 1
        tallies[.onePodPerNode, default: Tally()].subjects += subjects
    }

    private mutating func checkDeparted(
        _ spans: [(DaemonSet, [Pod])], nodes: [Node], time: Duration, found: inout [ChaosViolation],
        holding: inout Set<String>
    ) {
        let present = Set(nodes.map(\.name))
        var subjects = 0
        var stillDeparted: [String: Duration] = [:]
        for (daemonSet, pods) in spans {
            for pod in pods where pod.isActive {
                guard let node = pod.spec.nodeName, !node.isEmpty else { continue }
                subjects += 1
                guard !present.contains(node) else { continue }
                let uid = pod.metadata.uid ?? NamespacedKey.of(pod.metadata)
                let since = departedSince[uid] ?? time
                stillDeparted[uid] = since
                guard time - since > settings.departedTolerance else { continue }
                let key = "departed/\(uid)"
                holding.insert(key)
                guard !reported.contains(key) else { continue }
                reported.insert(key)
                found.append(
                    ChaosViolation(
                        time: time, invariant: .noPodOnDepartedNode, node: node,
                        pod: NamespacedKey.of(pod.metadata),
                        message:
                            "daemon pod of daemonset \(NamespacedKey.of(daemonSet.metadata)) is still bound to node "
                            + "\(node), which left \(ChaosTime.text(time - since)) ago "
                            + "(tolerance \(ChaosTime.text(settings.departedTolerance)))"))
            }
        }
        departedSince = stillDeparted
        tallies[.noPodOnDepartedNode, default: Tally()].checks += 1
        tallies[.noPodOnDepartedNode, default: Tally()].subjects += subjects
    }

    private mutating func checkCoverage(
        _ spans: [(DaemonSet, [Pod])], nodes: [Node], time: Duration, found: inout [ChaosViolation],
        holding: inout Set<String>
    ) {
        var subjects = 0
        var stillUncovered: [String: Duration] = [:]
        for (daemonSet, pods) in spans {
            let running = Set(pods.filter(DaemonPodFacts.isRunning).compactMap(DaemonPodIdentity.targetNodeName(of:)))
            for node in Self.eligibleReadyNodes(daemonSet, nodes) {
                subjects += 1
                guard !running.contains(node.name) else { continue }
                let key = "uncovered/\(daemonSet.metadata.uid ?? "")/\(node.name)"
                let since = uncoveredSince[key] ?? time
                stillUncovered[key] = since
                guard time - since > settings.coverageBound else { continue }
                holding.insert(key)
                guard !reported.contains(key) else { continue }
                reported.insert(key)
                let waiting = pods.filter { $0.isActive && DaemonPodIdentity.targetNodeName(of: $0) == node.name }
                let detail = waiting.first.map { " (its pod is \(DaemonPodFacts.condition($0)))" } ?? ""
                let bound = ChaosTime.text(settings.coverageBound)
                found.append(
                    ChaosViolation(
                        time: time, invariant: .readyNodesCovered, node: node.name,
                        pod: waiting.first.map { NamespacedKey.of($0.metadata) },
                        message:
                            "node \(node.name) has been Ready and eligible for daemonset "
                            + "\(NamespacedKey.of(daemonSet.metadata)) without a Running daemon pod for "
                            + "\(ChaosTime.text(time - since))\(detail) (bound \(bound))"))
            }
        }
        uncoveredSince = stillUncovered
        tallies[.readyNodesCovered, default: Tally()].checks += 1
        tallies[.readyNodesCovered, default: Tally()].subjects += subjects
    }

    private mutating func checkProbes(
        _ probes: ProbeObservation, time: Duration, found: inout [ChaosViolation], holding: inout Set<String>
    ) {
        for probe in probes.acknowledged where !probes.present.contains(probe.key) {
            let key = "probe/\(probe.key)"
            holding.insert(key)
            guard !reported.contains(key) else { continue }
            reported.insert(key)
            found.append(
                ChaosViolation(
                    time: time, invariant: .acknowledgedObjectsKept, node: nil, pod: nil,
                    message:
                        "controllerrevision \(probe.key), acknowledged at \(ChaosTime.offset(probe.at)), is missing"))
        }
        count(.acknowledgedObjectsKept, subjects: probes.acknowledged.count)
    }

    /// The nodes that are Ready and on which the DaemonSet's controller would create a pod.
    private static func eligibleReadyNodes(_ daemonSet: DaemonSet, _ nodes: [Node]) -> [Node] {
        let simulated = DaemonPodTolerations.adding(to: daemonSet.spec.template.spec)
        return nodes.filter { node in
            node.isReady
                && DaemonNodeEligibility.evaluate(node: node, simulatedSpec: simulated).shouldRun
        }
    }
}
