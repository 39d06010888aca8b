import Foundation
import KubeAPI
import Wire

/// A DaemonSet rolling update across many nodes (the target's 100, maxUnavailable 1): every node runs its daemon
/// pod, the template's image changes, and the time runs from the patch's acknowledgement to the DaemonSet watch event
/// in which every pod is updated and available. The pod events of the rollout give the most nodes that were without
/// an available daemon pod at one moment (maxUnavailable 1 allows one).
struct RollingUpdateBench {
    let context: BenchContext

    struct Measured: Sendable {
        var nodes: Int
        var rollout: Duration
        var mostUnavailable: Int
        /// The nodes without an available daemon pod at the first moment there were that many.
        var worstNodes: [String]
        var podsReplaced: Int
    }

    static let what = "DaemonSet rolling update across 100 nodes, maxUnavailable 1"

    func run() async -> Section {
        var section = Section(title: "DaemonSet rolling update")
        let target = "under 5 s"
        let result: Measured
        do {
            result = try await measure()
        } catch {
            await ProcessRegistry.shared.stopAll()
            section.figures.append(Figure(what: Self.what, target: target, measured: "—",
                                          verdict: .notMeasured("failed: \(error)")))
            return section
        }
        await ProcessRegistry.shared.stopAll()
        let seconds = Samples.seconds(result.rollout)
        let perNode = seconds / Double(max(result.nodes, 1))
        let measured = "\(Samples.format(seconds)) over \(result.nodes) nodes"
        let scaled = result.nodes == 100 ? "" : " (a quick run: \(result.nodes) nodes, not 100)"
        section.figures.append(Figure.judged(
            Self.what + scaled, target: target, measured: measured, value: seconds * 100 / Double(result.nodes),
            limit: 5,
            why: "\(Samples.format(perNode)) per node, one node at a time: the old pod's graceful deletion "
                + "(kubeletd stops the container and confirms), the new pod created (DaemonSet controller), bound "
                + "(scheduler), started and reported Ready (kubeletd), each step a write and a watch event"))
        section.notes.append(
            "\(result.nodes) nodes (kubeletd processes, 1 s heartbeats, each running the daemon pod: one simulated "
                + "container), then the template's image changed by a strategic merge patch; timed from the patch's "
                + "answer to the DaemonSet watch event with every pod updated and available. \(result.podsReplaced) "
                + "pods replaced; at most \(result.mostUnavailable) node(s) at once without an available daemon pod "
                + "(maxUnavailable 1)" + (result.mostUnavailable > 1
                    ? ": \(result.worstNodes.joined(separator: ", "))" : "") + ".")
        return section
    }

    private func measure() async throws -> Measured {
        let cluster = try await BenchCluster.start(
            binaries: context.binaries, directory: try context.directory("rollout"))
        let count = context.plan.rolloutNodes
        let log = context
        return try await cluster.withAdmin { client in
            try await cluster.createDaemonSet(client)
            let watches = [
                BenchWatch(label: "pods", kind: .pod, namespace: "default"),
                BenchWatch(label: "daemonsets", kind: .daemonSet, namespace: "default"),
            ]
            return try await withWatches(client, watches) { recorders in
                let (pods, daemonSets) = (recorders[0], recorders[1])
                let launched = ContinuousClock.now
                let names = (1...count).map { "roll-\($0)" }
                for (index, name) in names.enumerated() {
                    _ = try cluster.startNode(name, ip: "127.0.3.\(index + 1)")
                }
                for name in names {
                    _ = try await pods.first(
                        after: launched, within: .seconds(120), what: "the daemon pod of \(name) Running",
                        where: ObjectFields.daemonPodRunning(on: name))
                }
                log.log("rollout: \(count) nodes run their daemon pod; updating the template")
                let patch: JSONValue = ["spec": ["template": ["spec": ["containers": [
                    ["name": "agent", "image": "busybox:1.37"],
                ]]]]]
                let patched = try await client.patchObject(
                    .daemonSet, namespace: "default", name: BenchObjects.daemonSetName, patch: patch,
                    patchType: .strategic)
                let generation = patched[path: ["metadata", "generation"]]?.intValue ?? 0
                let started = ContinuousClock.now
                let done = try await daemonSets.first(
                    after: started, within: .seconds(300), what: "the rollout to finish",
                    where: Self.rolledOut(count: count, generation: generation))
                let (most, worst, replaced) = Self.unavailability(pods.entries(since: started), nodes: count)
                return Measured(
                    nodes: count, rollout: done - started, mostUnavailable: most, worstNodes: worst,
                    podsReplaced: replaced)
            }
        }
    }

    /// The node a daemon pod is for: its `spec.nodeName` once bound, before that the node its required node
    /// affinity names (the DaemonSet controller pins each pod to one node by `metadata.name`).
    static func targetNode(of pod: JSONValue) -> String? {
        if let bound = ObjectFields.nodeName(ofPod: pod), !bound.isEmpty { return bound }
        let terms = pod[path: ["spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution",
                               "nodeSelectorTerms"]]?.arrayValue ?? []
        return terms.lazy.compactMap { $0["matchFields"]?.arrayValue?.first?["values"]?.arrayValue?.first?.stringValue }
            .first
    }

    /// The DaemonSet has observed `generation` and every one of its `count` pods is updated and available.
    static func rolledOut(count: Int, generation: Int64) -> @Sendable (WatchEvent) -> Bool {
        { event in
            let status = event.object["status"]
            func number(_ field: String) -> Int64 { status?[field]?.intValue ?? -1 }
            return event.type != .deleted && number("observedGeneration") >= generation
                && number("desiredNumberScheduled") == Int64(count) && number("updatedNumberScheduled") == Int64(count)
                && number("numberAvailable") == Int64(count)
        }
    }

    /// From the pod events of the rollout (every node started with one available pod): the most nodes at one
    /// moment without an available (Running, Ready, not terminating) daemon pod, and how many pods were deleted.
    static func unavailability(_ entries: [WatchRecorder.Entry], nodes: Int)
        -> (most: Int, worst: [String], replaced: Int)
    {
        var availableByPod: [String: (node: String, available: Bool)] = [:]
        var most = 0
        var worst: [String] = []
        var replaced = 0
        for entry in entries {
            let pod = entry.event.object
            guard ObjectFields.isDaemonPod(pod), let name = ObjectFields.name(pod) else { continue }
            if entry.event.type == .deleted {
                availableByPod[name] = nil
                replaced += 1
            } else {
                let ready = (pod[path: ["status", "conditions"]]?.arrayValue ?? [])
                    .contains { $0["type"] == "Ready" && $0["status"] == "True" }
                let available = ready && ObjectFields.phase(ofPod: pod) == "Running"
                    && pod[path: ["metadata", "deletionTimestamp"]] == nil
                guard let node = Self.targetNode(of: pod) else { continue }
                availableByPod[name] = (node, available)
            }
            // Pods not seen since the patch are the untouched old ones, still available.
            let unavailableNodes = Set(availableByPod.values.filter { !$0.available }.map(\.node))
            let coveredNodes = Set(availableByPod.values.filter(\.available).map(\.node))
            let uncovered = unavailableNodes.subtracting(coveredNodes)
            if uncovered.count > most {
                most = uncovered.count
                worst = uncovered.sorted()
            }
        }
        return (most, worst, replaced)
    }
}
