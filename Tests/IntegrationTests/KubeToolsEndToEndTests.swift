import Foundation
import KubeAPI
import TestSupport
import Testing

/// Everyday kubectl companions (Debian's kubecolor, kubectx and kubens, kubetail; scripts/install-deps installs them)
/// against a cluster made by the built `kctl cluster create`, through the context it merged into
/// `$HOME/.kube/config` (KUBECONFIG empty). Each wraps the kubectl on PATH, so these are smoke tests of what the
/// tools print and do, not of kubectl again.
@Suite(.serialized, .enabled(if: KubeTools.kubectl != nil, "no kubectl on PATH"))
struct KubeToolsEndToEndTests {
    /// A DaemonSet whose pods print a line every 0.2 s.
    static let ticker = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: ticker
        spec:
          selector:
            matchLabels: {app: ticker}
          template:
            metadata:
              labels: {app: ticker}
            spec:
              containers:
              - name: tick
                image: busybox:1.36
                command: ["sh", "-c", "while true; do echo tick from $HOSTNAME; sleep 0.2; done"]
        """

    /// Makes cluster `name` with `nodes` nodes and the ticker DaemonSet, all its pods Running; their names.
    func clusterWithTicker(_ home: ClusterHome, _ name: String, nodes: Int) async throws -> [String] {
        let created = try await home.kctl(
            ["cluster", "create", name, "--nodes", "\(nodes)"] + ClusterCommandTests.timing, defaultKubeconfig: true)
        guard created.status == 0 else { throw HarnessError("cluster create: \(created)") }
        let manifest = home.url.appendingPathComponent("ticker.yaml")
        try Self.ticker.write(to: manifest, atomically: true, encoding: .utf8)
        let applied = try await KubeTools.run(home, "kubectl", "apply", "-f", manifest.path)
        guard applied.status == 0 else { throw HarnessError("kubectl apply: \(applied)") }
        return try await eventually(within: .seconds(30), poll: .milliseconds(200), "ticker pods Running") { () -> [String]? in
            let pods = try await KubeTools.run(
                home, "kubectl", "get", "pods", "-l", "app=ticker", "-o",
                "jsonpath={range .items[*]}{.metadata.name} {.status.phase}{\"\\n\"}{end}")
            let rows = pods.stdout.split(separator: "\n").map { $0.split(separator: " ") }
            guard rows.count == nodes, rows.allSatisfy({ $0.count == 2 && $0[1] == "Running" }) else { return nil }
            return rows.map { String($0[0]) }.sorted()
        }
    }

    @Test func kubecolor_printsKubectlsTable_plainOffATerminal_andColouredWhenForced() async throws {
        try await withClusterHome(prefix: "kubecolor") { home in
            let pods = try await clusterWithTicker(home, "kc", nodes: 2)
            let kubectl = try await KubeTools.run(home, "kubectl", "get", "pods")
            #expect(kubectl.status == 0, "\(kubectl)")
            let plain = try await KubeTools.run(home, "kubecolor", "get", "pods")
            #expect(plain.status == 0, "\(plain)")
            // Off a terminal kubecolor passes kubectl's table through untouched (but for the ages, a second on).
            #expect(KubeTools.withoutAges(plain.stdout) == KubeTools.withoutAges(kubectl.stdout), "\(plain)\n\(kubectl)")
            let lines = plain.stdout.split(separator: "\n")
            #expect(lines.first?.split(separator: " ") == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"], "\(plain)")
            #expect(lines.dropFirst().map { String($0.split(separator: " ")[0]) } == pods, "\(plain)")
            #expect(lines.dropFirst().allSatisfy { $0.contains(" 1/1 ") && $0.contains(" Running ") }, "\(plain)")

            let forced = try await KubeTools.run(home, "kubecolor", "--force-colors", "get", "pods")
            #expect(forced.status == 0, "\(forced)")
            #expect(forced.stdout.contains("\u{1B}["), "no colours: \(forced)")
            // The same table once the colour escapes are taken out.
            let uncoloured = KubeTools.strippingColours(forced.stdout)
            #expect(KubeTools.withoutAges(uncoloured) == KubeTools.withoutAges(plain.stdout), "\(forced)")
            let missing = try await KubeTools.run(home, "kubecolor", "get", "pod", "nope")
            #expect(missing.status == 1 && missing.stderr.contains("(NotFound): pods \"nope\" not found"), "\(missing)")
        }
    }

    @Test func kubectx_listsAndSwitchesContexts_andKubens_switchesTheNamespace() async throws {
        try await withClusterHome(prefix: "kubectx") { home in
            let created = try await home.kctl(
                ["cluster", "create", "kx", "--nodes", "1"] + ClusterCommandTests.timing, defaultKubeconfig: true)
            #expect(created.status == 0, "\(created)")
            // A second context on the same cluster and user.
            let other = try await KubeTools.run(
                home, "kubectl", "config", "set-context", "other", "--cluster=kcluster-kx", "--user=kcluster-kx-admin")
            #expect(other.status == 0, "\(other)")

            let listed = try await KubeTools.run(home, "kubectx")
            #expect(listed.status == 0 && listed.stdout == "kcluster-kx\nother\n", "\(listed)")
            let switched = try await KubeTools.run(home, "kubectx", "other")
            #expect(switched.status == 0 && (switched.stdout + switched.stderr).contains("Switched to context \"other\"."), "\(switched)")
            #expect(try await KubeTools.run(home, "kubectx", "-c").stdout == "other\n")
            #expect(try await KubeTools.run(home, "kubectl", "config", "current-context").stdout == "other\n")
            let back = try await KubeTools.run(home, "kubectx", "-")
            #expect(back.status == 0 && (back.stdout + back.stderr).contains("Switched to context \"kcluster-kx\"."), "\(back)")
            #expect(try await KubeTools.run(home, "kubectx", "-c").stdout == "kcluster-kx\n")

            // kubens lists the cluster's namespaces (kubectl get namespaces) and checks one exists before switching.
            let namespaces = try await KubeTools.run(home, "kubens")
            #expect(namespaces.status == 0, "\(namespaces)")
            #expect(["default", "kube-system"].allSatisfy { namespaces.stdout.split(separator: "\n").contains(Substring($0)) },
                    "\(namespaces)")
            let toSystem = try await KubeTools.run(home, "kubens", "kube-system")
            #expect(toSystem.status == 0 && (toSystem.stdout + toSystem.stderr).contains("Active namespace is \"kube-system\"."), "\(toSystem)")
            #expect(try await KubeTools.run(home, "kubens", "-c").stdout == "kube-system\n")
            let minified = try await KubeTools.run(home, "kubectl", "config", "view", "--minify", "-o", "jsonpath={..namespace}")
            #expect(minified.stdout == "kube-system", "\(minified)")
            // kubectl now lists kube-system's pods: none, named by namespace.
            let pods = try await KubeTools.run(home, "kubectl", "get", "pods")
            #expect(pods.stderr == "No resources found in kube-system namespace.\n", "\(pods)")
            let missing = try await KubeTools.run(home, "kubens", "nope")
            #expect(missing.status != 0 && (missing.stdout + missing.stderr).contains("no namespace exists with name \"nope\""), "\(missing)")
            let previous = try await KubeTools.run(home, "kubens", "-")
            #expect(previous.status == 0 && (previous.stdout + previous.stderr).contains("Active namespace is \"default\"."), "\(previous)")
        }
    }

    @Test func kubetail_tailsEveryPodOfADaemonSet_andStopsWhenKilled() async throws {
        try await withClusterHome(prefix: "kubetail") { home in
            let pods = try await clusterWithTicker(home, "kt", nodes: 2)
            let kubetail = try #require(KubeTools.onPath("kubetail"), "kubetail missing: run scripts/install-deps")
            // stdbuf: kubetail's final `tail -f` writes through stdio, fully buffered into a pipe. bash +O
            // patsub_replacement: kubetail 1.6.5 joins its commands with "${@/#/ & }", which bash 5.2 breaks
            // ('&' in a substitution stands for the match) when it tails more than one container.
            // python3 first unblocks every signal: Foundation's children inherit the test thread's blocked mask,
            // under which bash would never see the SIGTERM below. It then becomes stdbuf, then kubetail (one pid).
            let tail = try ChildProcess(
                URL(fileURLWithPath: "/usr/bin/env"),
                KubeTools.withSignalsUnblocked + [
                    "stdbuf", "-oL", "bash", "+O", "patsub_replacement", kubetail.path, "-l", "app=ticker", "-k", "false",
                ],
                environment: KubeTools.environment(home), name: "kubetail")
            // Whatever happens, nothing of it outlives the test.
            defer { if !KubeTools.liveProcesses(inGroup: tail.pid).isEmpty { kill(-tail.pid, SIGKILL) } }
            for pod in pods { _ = try await tail.waitForLine(containing: "[\(pod)] tick from \(pod)", within: .seconds(20)) }
            #expect(tail.capturedOutput.hasPrefix("Will tail 2 logs...\n"), "\(tail.capturedOutput)")

            // Killed by pid, it stops within a bound, and its exit trap takes its kubectl processes (its process
            // group: Foundation starts each child in a group of its own) with it.
            let start = ContinuousClock.now
            tail.signal(SIGTERM)
            _ = try await tail.waitForExit(within: .seconds(10))
            try await eventually(within: .seconds(10), "kubetail's processes gone") { () -> Bool? in
                KubeTools.liveProcesses(inGroup: tail.pid).isEmpty ? true : nil
            }
            let stopped = ContinuousClock.now - start
            print("kubetail stopped \(stopped) after SIGTERM")
            #expect(stopped < .seconds(10))
        }
    }
}

/// Running the tools with a cluster home's kubeconfig, and reading their output.
enum KubeTools {
    /// `name` on PATH, nil when absent.
    static func onPath(_ name: String) -> URL? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static let kubectl = onPath("kubectl")

    /// Arguments for `/usr/bin/env` that run the command after them with no signal blocked, in the same process.
    static let withSignalsUnblocked = [
        "python3", "-c",
        "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execvp(sys.argv[1], sys.argv[1:])",
    ]

    /// HOME is the cluster home (its `.kube/config` has the context `kctl cluster create` merged); no KUBECONFIG;
    /// a dumb terminal (kubetail asks tput for colours).
    static func environment(_ home: ClusterHome) -> [String: String] {
        ["HOME": home.url.path, "KUBECONFIG": "", "TERM": "dumb"]
    }

    /// Runs tool `name` (from PATH) with `arguments`.
    static func run(_ home: ClusterHome, _ name: String, _ arguments: String...) async throws -> CommandResult {
        guard let tool = onPath(name) else { throw HarnessError("\(name) is not on PATH: run scripts/install-deps") }
        return try await runCommand(tool, arguments, environment: environment(home), timeout: .seconds(60))
    }

    /// `text` without ANSI SGR escapes (`ESC [ ... m`).
    static func strippingColours(_ text: String) -> String {
        text.replacing(/\x{1B}\[[0-9;]*m/, with: "")
    }

    /// A `get pods` table's words, each row without its last column (AGE).
    static func withoutAges(_ table: String) -> [[Substring]] {
        table.split(separator: "\n").map { $0.split(separator: " ").dropLast() }
    }

    /// The processes of process group `group` that have not exited (zombies, waiting to be reaped, have).
    static func liveProcesses(inGroup group: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            // After the command: state, ppid, pgrp.
            return fields.count > 2 && fields[0] != "Z" && Int32(fields[2]) == group
        }
    }
}
