import Foundation
import KubeAPI
import Wire

/// Node join until its DaemonSet pod is Running: with a control plane and a DaemonSet, nodes are started one at a
/// time (rounds of `joinNodesPerRound`; a round's nodes then leave gracefully), each timed from its process launch
/// to the watch event in which its daemon pod is Running.
struct JoinBench {
    let context: BenchContext

    /// The instants of one join, relative to the kubeletd launch.
    struct Join: Sendable {
        var node: String
        var registered: Duration
        var ready: Duration
        var podCreated: Duration
        var running: Duration
    }

    func run() async -> Section {
        var section = Section(title: "Node join")
        let what = "node join until its DaemonSet pod is Running"
        let target = "p99 under 100 ms"
        let joins: [Join]
        do {
            joins = try await measure()
        } catch {
            await ProcessRegistry.shared.stopAll()
            section.figures.append(Figure(what: what, target: target, measured: "—",
                                          verdict: .notMeasured("failed: \(error)")))
            return section
        }
        await ProcessRegistry.shared.stopAll()
        let running = Samples(joins.map(\.running))
        let measured = "p50 \(Samples.format(running.median ?? 0)) · "
            + "p99 \(Samples.format(running.percentile(99) ?? 0)) (n = \(running.count))"
        let registered = Samples(joins.map(\.registered))
        let ready = Samples(joins.map(\.ready))
        let created = Samples(joins.map(\.podCreated))
        let breakdown = "median launch → Node registered \(Samples.format(registered.median ?? 0)), → Ready "
            + "\(Samples.format(ready.median ?? 0)), → daemon pod created \(Samples.format(created.median ?? 0)), "
            + "→ Running \(Samples.format(running.median ?? 0))"
        let stages = Self.stages(joins)
        section.figures.append(Figure.judged(
            what, target: target, measured: measured, value: running.percentile(99), limit: 0.100,
            why: "of the median, \(stages)"))
        section.notes.append(
            "\(running.count) joins: \(context.plan.joinRounds) rounds of \(context.plan.joinNodesPerRound) "
                + "nodes started one after another (each waits for the previous one's daemon pod), each with a fresh "
                + "data directory and bootstrap-token join; after each round its nodes leave gracefully (SIGTERM) and "
                + "kbench waits until their Nodes are gone. Times from launching `kubeletd` to the watch event.")
        section.notes.append("Breakdown: \(breakdown).")
        let slowest = joins.sorted { $0.running > $1.running }.prefix(3)
            .map { "\($0.node) \(Samples.format(Samples.seconds($0.running)))" }.joined(separator: ", ")
        section.notes.append("All joins, launch → daemon pod Running: \(running.minMedianMax); p90 "
            + Samples.format(running.percentile(90) ?? 0) + "; slowest: \(slowest) (node join-R-I is round R's "
            + "node I).")
        return section
    }

    /// The median time spent in each stage of a join, largest first.
    static func stages(_ joins: [Join]) -> String {
        func median(_ values: [Duration]) -> Double { Samples(values).median ?? 0 }
        let parts: [(String, Double)] = [
            ("from launch to the Node registered (process start, bootstrap join with a CSR, mTLS reconnect)",
             median(joins.map(\.registered))),
            ("from the Node Ready to its daemon pod created (DaemonSet controller)",
             median(joins.map { $0.podCreated - $0.ready })),
            ("from the Node registered to Ready", median(joins.map { $0.ready - $0.registered })),
            ("from the pod created to Running (kubeletd)", median(joins.map { $0.running - $0.podCreated })),
        ]
        return parts.filter { $0.1 >= 0.0005 }.sorted { $0.1 > $1.1 }
            .map { "\(Samples.format($0.1)) \($0.0)" }.joined(separator: ", ")
    }

    private func measure() async throws -> [Join] {
        let cluster = try await BenchCluster.start(binaries: context.binaries, directory: try context.directory("join"))
        let plan = context.plan
        let log = context
        return try await cluster.withAdmin { client in
            try await cluster.createDaemonSet(client)
            let watches = [
                BenchWatch(label: "nodes", kind: .node),
                BenchWatch(label: "pods", kind: .pod, namespace: "default"),
            ]
            return try await withWatches(client, watches) { recorders in
                let (nodes, pods) = (recorders[0], recorders[1])
                var joins: [Join] = []
                for round in 0..<plan.joinRounds {
                    var started: [(String, BenchProcess)] = []
                    for index in 0..<plan.joinNodesPerRound {
                        let name = "join-\(round)-\(index)"
                        let process = try cluster.startNode(name, ip: "127.0.2.\(index + 1)")
                        started.append((name, process))
                        joins.append(try await Self.timeJoin(name, process.started, nodes: nodes, pods: pods))
                    }
                    log.log("joins round \(round + 1)/\(plan.joinRounds): last "
                        + Samples.format(Samples.seconds(joins.last?.running ?? .zero)))
                    try await Self.leave(started, nodes: nodes)
                }
                return joins
            }
        }
    }

    private static func timeJoin(
        _ name: String, _ launched: ContinuousClock.Instant, nodes: WatchRecorder, pods: WatchRecorder
    ) async throws -> Join {
        let running = try await pods.first(
            after: launched, within: .seconds(30), what: "the daemon pod of \(name) Running",
            where: ObjectFields.daemonPodRunning(on: name))
        // Everything earlier has already arrived by now.
        let registered = try await nodes.first(
            after: launched, within: .seconds(1), what: "node \(name) registered",
            where: { $0.type != .deleted && ObjectFields.name($0.object) == name })
        let ready = try await nodes.first(
            after: launched, within: .seconds(1), what: "node \(name) Ready", where: ObjectFields.nodeReady(name))
        let created = try await pods.first(
            after: launched, within: .seconds(1), what: "the daemon pod of \(name) created",
            where: ObjectFields.daemonPodCreated(on: name))
        return Join(
            node: name, registered: registered - launched, ready: ready - launched, podCreated: created - launched,
            running: running - launched)
    }

    /// SIGTERM (graceful leave) to every node of the round; waits until their Nodes are deleted and they exited.
    private static func leave(_ started: [(String, BenchProcess)], nodes: WatchRecorder) async throws {
        let stopped = ContinuousClock.now
        for (_, process) in started { process.signal(SIGTERM) }
        for (name, process) in started {
            _ = try await nodes.first(
                after: stopped, within: .seconds(15), what: "node \(name) gone after SIGTERM",
                where: ObjectFields.nodeDeleted(name))
            if await process.waitForExit(within: .seconds(10)) == nil { await process.stop(grace: .seconds(1)) }
        }
    }
}
