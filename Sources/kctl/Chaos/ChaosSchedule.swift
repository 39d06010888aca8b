/// One thing a chaos run does at a planned time.
enum ChaosAction: Sendable, Equatable {
    /// A fault or recovery verb on one node (`kill-node n2`, `start-node n2`).
    case node(NodeVerb, String)
    /// `restart-control-plane`, with SIGKILL when `kill`.
    case restartControlPlane(kill: Bool)
    /// A rolling restart of every DaemonSet under test (a pod-template annotation change, as `rollout restart`).
    case rollout

    /// The action as the matching `kctl cluster` command reads: `pause-node n1`, `restart-control-plane --kill`.
    var description: String {
        switch self {
        case .node(let verb, let node): return "\(verb.rawValue)-node \(node)"
        case .restartControlPlane(let kill): return "restart-control-plane" + (kill ? " --kill" : "")
        case .rollout: return "rollout restart daemonsets"
        }
    }
}

/// An action at an offset from the start of the run.
struct ChaosStep: Sendable, Equatable {
    var at: Duration
    var action: ChaosAction
}

/// A seeded, replayable fault schedule: the same settings and node names always give the same steps. Pure.
///
/// Fault draws come every ``ChaosSettings/interval`` on average (each gap uniform in half to one and a half times
/// it). A draw picks a fault kind; a node fault picks a node that is not faulted, holds for a time drawn from
/// ``ChaosSettings/hold`` (cut at the end of the run) and is followed by its recovery. A draw is skipped when
/// ``ChaosSettings/maxFaultyNodes`` nodes are already faulted or none is free. Rollouts, when on, come from a
/// stream of their own (first after one to two intervals, then every two to four), so turning them on or off
/// leaves the faults as they were.
struct ChaosSchedule: Sendable, Equatable {
    let settings: ChaosSettings
    /// The nodes faults may hit, in the cluster's order.
    let nodes: [String]
    /// The steps in time order (steps at the same time keep the order they were drawn in).
    let steps: [ChaosStep]

    static func plan(_ settings: ChaosSettings, nodes: [String]) -> ChaosSchedule {
        var drawn = faultSteps(settings, nodes: nodes)
        if settings.rollouts { drawn += rolloutSteps(settings) }
        let ordered = drawn.enumerated().sorted { lhs, rhs in
            lhs.element.at != rhs.element.at ? lhs.element.at < rhs.element.at : lhs.offset < rhs.offset
        }
        return ChaosSchedule(settings: settings, nodes: nodes, steps: ordered.map(\.element))
    }

    /// The schedule as `--print-schedule` shows it: the settings, the nodes, then one step a line.
    var text: String {
        var lines = [settings.summary, "nodes: " + (nodes.isEmpty ? "(none)" : nodes.joined(separator: ","))]
        lines += steps.map { "\(ChaosTime.offset($0.at))  \($0.action.description)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The most nodes faulted at once over the schedule (0 without node faults).
    var maxConcurrentNodeFaults: Int {
        var faulted = Set<String>()
        var most = 0
        for step in steps {
            guard case .node(let verb, let node) = step.action else { continue }
            if ChaosFault.allCases.contains(where: { $0.nodeVerbs?.fault == verb }) {
                faulted.insert(node)
            } else {
                faulted.remove(node)
            }
            most = max(most, faulted.count)
        }
        return most
    }

    // MARK: - Internals

    private static func faultSteps(_ settings: ChaosSettings, nodes: [String]) -> [ChaosStep] {
        var random = SplitMix64(seed: settings.seed)
        var steps: [ChaosStep] = []
        var faultedUntil: [String: Duration] = [:]
        var time = Duration.zero
        let gaps = (settings.interval / 2)...(settings.interval * 3 / 2)
        while true {
            time += random.duration(in: gaps)
            guard time < settings.duration else { break }
            let fault = random.pick(settings.faults)
            guard let verbs = fault.nodeVerbs else {
                steps.append(ChaosStep(at: time, action: .restartControlPlane(kill: random.bool())))
                continue
            }
            let free = nodes.filter { (faultedUntil[$0] ?? .zero) <= time }
            guard !free.isEmpty, nodes.count - free.count < settings.maxFaultyNodes else { continue }
            let node = random.pick(free)
            let recovery = min(time + random.duration(in: settings.hold), settings.duration)
            faultedUntil[node] = recovery
            steps.append(ChaosStep(at: time, action: .node(verbs.fault, node)))
            steps.append(ChaosStep(at: recovery, action: .node(verbs.recovery, node)))
        }
        return steps
    }

    private static func rolloutSteps(_ settings: ChaosSettings) -> [ChaosStep] {
        // A stream of its own: "rollouts" in ASCII, mixed into the seed.
        var random = SplitMix64(seed: settings.seed ^ 0x726F_6C6C_6F75_7473)
        var steps: [ChaosStep] = []
        var time = random.duration(in: settings.interval...(settings.interval * 2))
        while time < settings.duration {
            steps.append(ChaosStep(at: time, action: .rollout))
            time += random.duration(in: (settings.interval * 2)...(settings.interval * 4))
        }
        return steps
    }
}
