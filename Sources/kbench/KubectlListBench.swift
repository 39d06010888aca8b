import Foundation
import KubeAPI
import NIOSSL
import Wire

/// `kubectl get pods` over many pods, as a user runs it: the real kubectl process against a cluster made by `kctl
/// cluster create` (through the REST front door, HTTPS with the admin's client certificate from the kubeconfig that
/// `cluster create` wrote), timed as the process's wall time, beside `kctl get pods` (the frame protocol) over the
/// same pods. The pods are created over HTTPS first, bound to a node that does not exist so that nothing changes
/// them while they are listed.
struct KubectlListBench {
    let context: BenchContext

    /// One listing, run by both tools.
    struct Listing: Sendable {
        let label: String
        let arguments: [String]
        /// The output is JSON (`-o json`), else a table with one line per pod.
        let json: Bool
    }

    static let listings = [
        Listing(label: "get pods", arguments: ["get", "pods"], json: false),
        Listing(label: "get pods -o json", arguments: ["get", "pods", "-o", "json"], json: true),
        Listing(label: "get pods -A", arguments: ["get", "pods", "-A"], json: false),
    ]

    static let clusterName = "kbench-https"
    static let podPrefix = "https-list"

    /// kubectl 1.32 itself when the machine has it (the dispatcher on PATH picks a release by asking the server first,
    /// which would be timed too), else whatever `kubectl` is on PATH.
    static func kubectlExecutable() -> URL? {
        let pinned = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32"
        if FileManager.default.isExecutableFile(atPath: pinned) { return URL(fileURLWithPath: pinned) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("kubectl") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func run(notes: inout [String]) async -> [Figure] {
        let pods = context.plan.listPods
        let rows = Self.listings.flatMap { listing in
            [("`kubectl \(listing.label)` over \(Samples.grouped(pods)) pods (kubectl 1.32 process, HTTPS)",
              "measured beside the frame protocol"),
             ("`kctl \(listing.label)` over the same pods (kctl process, frame protocol)", "— (the comparison)")]
        }
        func failed(_ why: String) -> [Figure] {
            rows.map { Figure(what: $0.0, target: $0.1, measured: "—", verdict: .notMeasured(why)) }
        }
        guard let kubectl = Self.kubectlExecutable() else { return failed("no kubectl on this machine") }
        let home: URL
        do {
            home = try context.directory("https-kubectl-home")
        } catch {
            return failed("failed: \(error)")
        }
        let kubeconfig = home.appendingPathComponent("kubeconfig")
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["KUBECONFIG"] = kubeconfig.path
        do {
            try await createCluster(home: home, kubeconfig: kubeconfig)
        } catch {
            await deleteCluster(home: home, kubeconfig: kubeconfig)
            return failed("failed: \(error)")
        }
        var figures: [Figure] = []
        do {
            let created = try await createPods(kubeconfig: kubeconfig, count: pods)
            notes.append(created)
            for listing in Self.listings {
                let (kubectlFigure, kctlFigure, note) = try await measure(
                    listing, kubectl: kubectl, environment: environment, logs: home)
                figures += [kubectlFigure, kctlFigure]
                notes.append(note)
            }
        } catch {
            figures += failed("failed: \(error)").dropFirst(figures.count)
        }
        await deleteCluster(home: home, kubeconfig: kubeconfig)
        notes.append(
            "`kubectl get pods` and `kctl get pods`: wall time of the process, from launch to its exit (as reported "
                + "to kbench, not polled), against a `kctl cluster create \(Self.clusterName) --nodes 1` cluster "
                + "(`KUBECONFIG` = the kubeconfig `cluster create` wrote; kubectl talks HTTPS/HTTP 1.1 to the REST "
                + "front door with the admin's client certificate, kctl the frame protocol, on the same port). "
                + "\(Samples.grouped(pods)) pods in `default`, bound to an absent node (Pending), so nothing writes "
                + "them meanwhile. kubectl is `\(kubectl.path)`. One untimed run of each command first (kubectl "
                + "fills its discovery cache under HOME then); then the two tools alternate, "
                + "\(context.plan.listRuns) runs each. Every run's output is checked: \(Samples.grouped(pods)) pods.")
        return figures
    }

    private func createCluster(home: URL, kubeconfig: URL) async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment.removeValue(forKey: "KUBECONFIG")
        let create = try BenchProcess(
            name: "kctl-create-\(Self.clusterName)", role: .command, executable: context.binaries.kctl,
            arguments: ["cluster", "create", Self.clusterName, "--nodes", "1", "--kubeconfig", kubeconfig.path],
            logFile: home.appendingPathComponent("create.log"), environment: environment)
        let status = await create.waitForExit(within: .seconds(60))
        await create.stop()
        guard status == 0 else {
            throw BenchError("`kctl cluster create \(Self.clusterName)` failed: " + create.output.suffix(400))
        }
    }

    private func deleteCluster(home: URL, kubeconfig: URL) async {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment.removeValue(forKey: "KUBECONFIG")
        guard let delete = try? BenchProcess(
            name: "kctl-delete-\(Self.clusterName)", role: .command, executable: context.binaries.kctl,
            arguments: ["cluster", "delete", Self.clusterName, "--kubeconfig", kubeconfig.path],
            logFile: home.appendingPathComponent("delete.log"), environment: environment)
        else { return }
        if await delete.waitForExit(within: .seconds(60)) != 0 {
            context.log("`kctl cluster delete \(Self.clusterName)` failed: " + delete.output.suffix(400))
        }
        await delete.stop()
    }

    /// Creates the pods over HTTPS with the kubeconfig's credentials; returns a note on it.
    private func createPods(kubeconfig: URL, count: Int) async throws -> String {
        let resolved = try KubeconfigLoader.load(path: kubeconfig.path).resolvedContext(named: nil)
        let tls = try TLSConfiguration.clusterClient(
            certificatePEM: resolved.certPEM, privateKeyPEM: resolved.keyPEM, caPEM: resolved.caPEM)
        let load = HTTPSCreateLoad(
            host: resolved.server.host, port: resolved.server.port, context: try HTTPSConnection.context(tls),
            namespace: "default", prefix: Self.podPrefix, boundTo: "kbench-absent-node")
        let result = try await load.run(count: count, connections: 16, controlPlanePID: nil)
        let listed = try await load.countListed()
        guard listed == count else { throw BenchError("\(count) pods created over HTTPS but \(listed) listed") }
        let rate = Double(count) / Samples.seconds(result.elapsed)
        context.log("created \(count) pods over HTTPS for the listings (\(Int(rate))/s)")
        return "The \(Samples.grouped(count)) pods for the listings were created over HTTPS (16 connections) in "
            + "\(Samples.format(Samples.seconds(result.elapsed))) (\(Samples.grouped(Int(rate.rounded())))/s) on the "
            + "`cluster create` cluster."
    }

    /// Times `listing` with both tools; returns kubectl's figure, kctl's, and a note with every run.
    private func measure(
        _ listing: Listing, kubectl: URL, environment: [String: String], logs: URL
    ) async throws -> (Figure, Figure, String) {
        let pods = context.plan.listPods
        let tools = [
            TimedCommand(executable: kubectl, arguments: listing.arguments, environment: environment),
            TimedCommand(executable: context.binaries.kctl, arguments: listing.arguments, environment: environment),
        ]
        var times: [[Duration]] = [[], []]
        var first: [Duration] = []
        for run in 0...context.plan.listRuns {
            for (index, tool) in tools.enumerated() {
                let name = index == 0 ? "kubectl" : "kctl"
                let outcome = try await tool.run(
                    logBase: logs.appendingPathComponent("\(name)-\(listing.label.replacingOccurrences(of: " ", with: "_"))-\(run)"),
                    timeout: .seconds(60))
                guard outcome.status == 0 else {
                    throw BenchError("`\(name) \(listing.label)` exited with \(outcome.status): "
                        + outcome.stderr.suffix(300))
                }
                let listed = try Self.podsListed(outcome.stdout, json: listing.json)
                guard listed == pods else {
                    throw BenchError("`\(name) \(listing.label)` listed \(listed) of the \(pods) pods")
                }
                if run == 0 { first.append(outcome.elapsed) } else { times[index].append(outcome.elapsed) }
            }
        }
        let kubectlSamples = Samples(times[0])
        let kctlSamples = Samples(times[1])
        context.log("kubectl \(listing.label): \(kubectlSamples.minMedianMax); kctl: \(kctlSamples.minMedianMax)")
        let ratio = (kubectlSamples.median ?? 0) / max(kctlSamples.median ?? 1, 1e-9)
        let kubectlFigure = Figure(
            what: "`kubectl \(listing.label)` over \(Samples.grouped(pods)) pods (kubectl 1.32 process, HTTPS)",
            target: "measured beside the frame protocol", measured: kubectlSamples.minMedianMax,
            verdict: .metNoting(
                "median \(Samples.decimal(ratio, places: 2))× kctl's over the frame protocol (next row)"))
        let kctlFigure = Figure(
            what: "`kctl \(listing.label)` over the same pods (kctl process, frame protocol)",
            target: "— (the comparison)", measured: kctlSamples.minMedianMax, verdict: .noTarget)
        let note = "`\(listing.label)`: kubectl per run \(times[0].map { Samples.format(Samples.seconds($0)) }.joined(separator: ", ")) "
            + "(the untimed first run: \(Samples.format(Samples.seconds(first[0])))); kctl per run "
            + "\(times[1].map { Samples.format(Samples.seconds($0)) }.joined(separator: ", ")) "
            + "(first: \(Samples.format(Samples.seconds(first[1]))))."
        return (kubectlFigure, kctlFigure, note)
    }

    /// How many of the benchmark's pods an output lists: table lines naming one, or JSON items named so.
    static func podsListed(_ output: String, json: Bool) throws -> Int {
        guard json else {
            return output.split(separator: "\n").filter { $0.contains("\(podPrefix)-") }.count
        }
        let list = try JSONValue(jsonData: Data(output.utf8))
        return (list["items"]?.arrayValue ?? []).filter {
            ObjectFields.name($0)?.hasPrefix("\(podPrefix)-") == true
        }.count
    }
}
