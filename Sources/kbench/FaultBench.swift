import Foundation
import KubeAPI
import Wire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Node faults and idle memory: nodes join and run their daemon pod, idle for a while (their RSS is read), then half
/// are killed (SIGKILL) and half paused (SIGSTOP), each at a different phase of the 1 s heartbeat; each is timed from
/// the signal to the watch event where the Node is NotReady and to the one where its daemon pod is deleted.
struct FaultBench {
    let context: BenchContext

    /// What one faulted node showed, relative to its signal.
    struct Outcome: Sendable {
        var kill: Bool
        var notReady: Duration
        var nodeRemoved: Duration
        var reaped: Duration
    }

    /// Everything one run measured.
    struct Measured: Sendable {
        var outcomes: [Outcome]
        /// VmRSS, and its anonymous and file-backed parts, of each idle node, in bytes.
        var rss: [Int]
        var anonymous: [Int]
        var fileBacked: [Int]
        /// Proportional set size (shared pages divided among the processes that map them).
        var proportional: [Int]
        var controlPlaneRSS: Int?
        /// The largest resident mappings of one idle node, by file.
        var largestMappings: [(file: String, bytes: Int)]
    }

    func run() async -> Section {
        var section = Section(title: "Node faults and kubeletd memory")
        let result: Measured
        do {
            result = try await measure()
        } catch {
            await ProcessRegistry.shared.stopAll()
            section.figures.append(Figure(what: "node SIGKILL / SIGSTOP until NotReady and until reaped",
                                          target: "—", measured: "—", verdict: .notMeasured("failed: \(error)")))
            section.figures.append(Figure(what: "`kubeletd` idle RSS", target: "under 30 MB", measured: "—",
                                          verdict: .notMeasured("failed: \(error)")))
            return section
        }
        await ProcessRegistry.shared.stopAll()
        let heartbeat = 1.0, grace = 3.0, leave = 6.0
        for kill in [true, false] {
            let outcomes = result.outcomes.filter { $0.kill == kill }
            let label = kill ? "node SIGKILL" : "node SIGSTOP (paused)"
            let notReady = Samples(outcomes.map(\.notReady))
            let reaped = Samples(outcomes.map(\.reaped))
            section.figures.append(Figure.judged(
                "\(label) until NotReady",
                target: "within grace + one heartbeat (\(Samples.format(grace + heartbeat)))",
                measured: notReady.minMedianMax, value: notReady.max, limit: grace + heartbeat,
                why: "slowest \(Samples.format(notReady.max ?? 0)): NotReady comes a grace period after the last "
                    + "heartbeat, found by a check every 100 ms"))
            section.figures.append(Figure.judged(
                "\(label) until its daemon pod is reaped",
                target: "within leave timeout + 0.5 s (\(Samples.format(leave + 0.5)))",
                measured: reaped.minMedianMax, value: reaped.max, limit: leave + 0.5,
                why: "slowest \(Samples.format(reaped.max ?? 0))"))
            section.notes.append("\(label): Node removed after "
                + Samples(outcomes.map(\.nodeRemoved)).minMedianMax + ".")
        }
        let rss = Samples(result.rss.map(Double.init))
        let anonymousText = Samples.formatMegabytes(Int(Samples(result.anonymous.map(Double.init)).median ?? 0))
        let fileText = Samples.formatMegabytes(Int(Samples(result.fileBacked.map(Double.init)).median ?? 0))
        let mappingsText = result.largestMappings.prefix(5).map {
            "\(URL(fileURLWithPath: $0.file).lastPathComponent) \(Samples.formatMegabytes($0.bytes))"
        }.joined(separator: ", ")
        let pssText = Samples.formatMegabytes(Int(Samples(result.proportional.map(Double.init)).median ?? 0))
        let measured = "median \(Samples.formatMegabytes(Int(rss.median ?? 0))) · max "
            + "\(Samples.formatMegabytes(Int(rss.max ?? 0))) (n = \(rss.count))"
        section.figures.append(Figure.judged(
            "`kubeletd` idle RSS", target: "under 30 MB", measured: measured, value: rss.max, limit: 30_000_000,
            why: "largest \(Samples.formatMegabytes(Int(rss.max ?? 0))), of which \(anonymousText) anonymous memory "
                + "(heap, thread stacks) and \(fileText) file-backed (the mapped binary and the Swift runtime, "
                + "Foundation and system libraries); largest mappings: \(mappingsText)"))
        section.notes.append(
            "Timing as kctl cluster's defaults: heartbeat 1 s, grace period 3 s, leave timeout 6 s. "
                + "\(context.plan.faultNodesPerKind) node(s) killed and as many paused, at once, their signals spread "
                + "over one heartbeat interval; times from the signal to the watch events (Node Ready condition "
                + "no longer True; daemon pod DELETED).")
        section.notes.append(
            "RSS: VmRSS from /proc/PID/status of each joined `kubeletd` running its one daemon pod (a simulated "
                + "container), read after \(context.plan.settle) of idling; MB = 10^6 bytes. Median split: "
                + "\(anonymousText) anonymous (RssAnon), \(fileText) file-backed (RssFile). File-backed pages are "
                + "shared by every kubeletd on the host: PSS (shared pages divided among the processes mapping them) "
                + "was median \(pssText) with \(result.rss.count) nodes running. The control plane's RSS "
                + "at that moment: \(result.controlPlaneRSS.map(Samples.formatMegabytes) ?? "unknown").")
        return section
    }

    private func measure() async throws -> Measured {
        let directory = try context.directory("faults")
        let cluster = try await BenchCluster.start(binaries: context.binaries, directory: directory)
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
                let count = plan.faultNodesPerKind * 2
                var started: [(name: String, process: BenchProcess)] = []
                for index in 0..<count {
                    let name = "fault-\(index)"
                    started.append((name, try cluster.startNode(name, ip: "127.0.4.\(index + 1)")))
                }
                for (name, process) in started {
                    _ = try await pods.first(
                        after: process.started, within: .seconds(30), what: "the daemon pod of \(name) Running",
                        where: ObjectFields.daemonPodRunning(on: name))
                }
                log.log("fault nodes running; idling \(plan.settle) before reading RSS")
                try await Task.sleep(for: plan.settle)
                let rss = try started.map { name, process in
                    guard let bytes = ProcessMemory.residentBytes(pid: process.pid) else {
                        throw BenchError("cannot read the RSS of \(name) (pid \(process.pid))")
                    }
                    return bytes
                }
                let anonymous = started.compactMap { ProcessMemory.statusBytes("RssAnon", pid: $0.process.pid) }
                let fileBacked = started.compactMap { ProcessMemory.statusBytes("RssFile", pid: $0.process.pid) }
                let proportional = started.compactMap { ProcessMemory.proportionalBytes(pid: $0.process.pid) }
                let controlPlaneRSS = ProcessMemory.residentBytes(pid: cluster.process.pid)
                let largestMappings = started.first.map { ProcessMemory.residentByFile(pid: $0.process.pid) } ?? []
                log.log("killing and pausing \(count) nodes")
                let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
                    for (index, node) in started.enumerated() {
                        group.addTask {
                            // Spread the signals over one heartbeat interval, so they fall at different phases.
                            try await Task.sleep(for: .milliseconds(1000 * index / count))
                            return try await Self.fault(node.name, node.process, kill: index % 2 == 0,
                                                        nodes: nodes, pods: pods)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                return Measured(
                    outcomes: outcomes, rss: rss, anonymous: anonymous, fileBacked: fileBacked,
                    proportional: proportional,
                    controlPlaneRSS: controlPlaneRSS, largestMappings: largestMappings)
            }
        }
    }

    private static func fault(
        _ name: String, _ process: BenchProcess, kill: Bool, nodes: WatchRecorder, pods: WatchRecorder
    ) async throws -> Outcome {
        let signalled = ContinuousClock.now
        process.signal(kill ? SIGKILL : SIGSTOP)
        let notReady = try await nodes.first(
            after: signalled, within: .seconds(15), what: "node \(name) NotReady",
            where: ObjectFields.nodeNotReady(name))
        let reaped = try await pods.first(
            after: signalled, within: .seconds(20), what: "the daemon pod of \(name) reaped",
            where: ObjectFields.daemonPodDeleted(on: name))
        let removed = try await nodes.first(
            after: signalled, within: .seconds(5), what: "node \(name) removed", where: ObjectFields.nodeDeleted(name))
        // A paused node would re-join when continued; it has served its purpose.
        process.signal(SIGKILL)
        return Outcome(
            kill: kill, notReady: notReady - signalled, nodeRemoved: removed - signalled, reaped: reaped - signalled)
    }
}
