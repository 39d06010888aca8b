import Foundation
import KubeAPI
import Wire

/// Cluster creation until every node is Ready: `kctl cluster create` as a user runs it (wall time of the command,
/// which returns only when every node is Ready), and the same processes started by kbench with the instant of the
/// last node's Ready taken from a watch event.
struct ClusterCreateBench {
    let context: BenchContext

    func run() async -> Section {
        var section = Section(title: "Cluster create")
        let kctlAvailable = await kctlClusterAvailable()
        for size in context.plan.clusterSizes {
            section.figures.append(await measureKctl(size: size, runtime: "process", available: kctlAvailable,
                                                     notes: &section.notes))
        }
        for size in context.plan.clusterSizes {
            section.figures.append(await measureStarted(size: size, notes: &section.notes))
        }
        for size in context.plan.clusterSizes {
            if context.plan.docker {
                section.figures.append(await measureKctl(size: size, runtime: "docker", available: kctlAvailable,
                                                         notes: &section.notes))
            } else {
                section.figures.append(Figure(
                    what: "`kctl cluster create --nodes \(size) --runtime docker` until all Ready",
                    target: size == 3 ? "under 15 s" : "works", measured: "—",
                    verdict: .notMeasured("docker runtime not available yet (`kbench --docker` once it is)")))
            }
        }
        section.notes.append(
            "`kctl cluster create`: wall time from launching the command to its exit; it returns only once every "
                + "node is Ready (it starts the control plane, then the nodes, which join with a bootstrap token). "
                + "State under a temporary HOME; each cluster is deleted with `kctl cluster delete` afterwards.")
        section.notes.append(
            "kbench-started: kbench launches `controlplane`, waits for its listening lines, launches N `kubeletd`; "
                + "the time runs from launching the control plane to the arrival of the watch event in which the "
                + "last node is Ready.")
        return section
    }

    // MARK: - kctl cluster create

    private func kctlClusterAvailable() async -> Bool {
        guard let directory = try? context.directory("kctl-help"),
            let help = try? BenchProcess(
                name: "kctl-cluster-help", role: .command, executable: context.binaries.kctl,
                arguments: ["cluster", "--help"], logFile: directory.appendingPathComponent("help.log"))
        else { return false }
        return await help.waitForExit(within: .seconds(10)) == 0 && help.output.contains("create")
    }

    private func measureKctl(size: Int, runtime: String, available: Bool, notes: inout [String]) async -> Figure {
        let flags = runtime == "process" ? "" : " --runtime \(runtime)"
        let what = "`kctl cluster create --nodes \(size)\(flags)` until all Ready"
        let target = runtime == "process" ? (size == 3 ? "under 1 s" : "works (no time target)")
            : (size == 3 ? "under 15 s" : "works")
        guard available else {
            return Figure(what: what, target: target, measured: "—",
                          verdict: .notMeasured("`kctl cluster` is not available in this build"))
        }
        var times: [Duration] = []
        do {
            let home = try context.directory("kctl-home")
            for repetition in 0..<context.plan.createRepetitions {
                let name = "kbench-\(runtime)-\(size)-\(repetition)"
                let elapsed = try await createAndDelete(name, size: size, runtime: runtime, home: home)
                times.append(elapsed)
                context.log("kctl cluster create --nodes \(size) (\(runtime)) run \(repetition + 1): "
                    + Samples.format(Samples.seconds(elapsed)))
            }
        } catch {
            return Figure(what: what, target: target, measured: Samples(times).minMedianMax,
                          verdict: .notMeasured("failed: \(error)"))
        }
        let samples = Samples(times)
        notes.append("`kctl cluster create --nodes \(size)` (\(runtime)) per run: "
            + samples.sorted.map(Samples.format).joined(separator: ", "))
        guard size == 3 else {
            return Figure(what: what, target: target, measured: samples.minMedianMax, verdict: .noTarget)
        }
        let limit = runtime == "process" ? 1.0 : 15.0
        return Figure.judged(
            what, target: target, measured: samples.minMedianMax, value: samples.max, limit: limit,
            why: "slowest run \(Samples.format(samples.max ?? 0)); see the kbench-started breakdown below")
    }

    /// Runs `kctl cluster create NAME`, returns its wall time, and always deletes the cluster.
    private func createAndDelete(_ name: String, size: Int, runtime: String, home: URL) async throws -> Duration {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment.removeValue(forKey: "KUBECONFIG")
        let kubeconfig = home.appendingPathComponent("kubeconfig").path
        let logs = try context.directory("kctl-logs")
        let create = try BenchProcess(
            name: "kctl-create-\(name)", role: .command, executable: context.binaries.kctl,
            arguments: ["cluster", "create", name, "--nodes", String(size), "--runtime", runtime,
                        "--kubeconfig", kubeconfig],
            logFile: logs.appendingPathComponent("create-\(name).log"), environment: environment)
        let status = await create.waitForExit(within: runtime == "process" ? .seconds(60) : .seconds(300))
        let elapsed = ContinuousClock.now - create.started
        await create.stop()
        let delete = try BenchProcess(
            name: "kctl-delete-\(name)", role: .command, executable: context.binaries.kctl,
            arguments: ["cluster", "delete", name, "--kubeconfig", kubeconfig],
            logFile: logs.appendingPathComponent("delete-\(name).log"), environment: environment)
        let deleted = await delete.waitForExit(within: .seconds(60))
        await delete.stop()
        guard status == 0 else {
            let exit = status.map { "status \($0)" } ?? "no status (timed out)"
            throw BenchError("`kctl cluster create \(name)` exited with \(exit): " + create.output.suffix(400))
        }
        guard deleted == 0 else {
            throw BenchError("`kctl cluster delete \(name)` failed: " + delete.output.suffix(400))
        }
        return elapsed
    }

    // MARK: - kbench-started processes

    private func measureStarted(size: Int, notes: inout [String]) async -> Figure {
        let what = "control plane + \(size) `kubeletd` started by kbench, until all Ready (watch)"
        let target = size == 3 ? "under 1 s" : "works (no time target)"
        var totals: [Duration] = []
        var controlPlaneUp: [Duration] = []
        do {
            for repetition in 0..<context.plan.createRepetitions {
                let (total, up) = try await startedCluster(size: size, repetition: repetition)
                totals.append(total)
                controlPlaneUp.append(up)
                context.log("kbench-started cluster of \(size) run \(repetition + 1): "
                    + Samples.format(Samples.seconds(total)))
                await ProcessRegistry.shared.stopAll()
            }
        } catch {
            await ProcessRegistry.shared.stopAll()
            return Figure(what: what, target: target, measured: Samples(totals).minMedianMax,
                          verdict: .notMeasured("failed: \(error)"))
        }
        let samples = Samples(totals)
        let up = Samples(controlPlaneUp)
        notes.append("kbench-started, \(size) nodes: control plane listening after \(up.minMedianMax); "
            + "all Ready after \(samples.minMedianMax)")
        guard size == 3 else {
            return Figure(what: what, target: target, measured: samples.minMedianMax, verdict: .noTarget)
        }
        return Figure.judged(
            what, target: target, measured: samples.minMedianMax, value: samples.max, limit: 1.0,
            why: "slowest run \(Samples.format(samples.max ?? 0)), of which the control plane's start "
                + "\(Samples.format(up.max ?? 0))")
    }

    /// One run: returns (launch to last node Ready, launch to control plane listening).
    private func startedCluster(size: Int, repetition: Int) async throws -> (Duration, Duration) {
        let directory = try context.directory("create-\(size)-\(repetition)")
        let launched = ContinuousClock.now
        let cluster = try await BenchCluster.start(binaries: context.binaries, directory: directory)
        let up = ContinuousClock.now - launched
        let names = (1...size).map { "n\($0)" }
        for (index, name) in names.enumerated() {
            _ = try cluster.startNode(name, ip: "127.0.3.\(index + 1)")
        }
        let lastReady = try await cluster.withAdmin { client in
            try await withWatches(client, [BenchWatch(label: "nodes", kind: .node)]) { recorders in
                var last = launched
                for name in names {
                    let ready = try await recorders[0].first(
                        after: launched, within: .seconds(30), what: "node \(name) Ready",
                        where: ObjectFields.nodeReady(name))
                    last = max(last, ready)
                }
                return last
            }
        }
        return (lastReady - launched, up)
    }
}
