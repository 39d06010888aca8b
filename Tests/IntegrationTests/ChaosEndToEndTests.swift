import Foundation
import KubeAPI
import TestSupport
import Testing
import Wire

/// `kctl cluster chaos` end to end: the built kctl breaks a real 3-node process-mode cluster on a seeded schedule
/// while checking its invariants, and must pass on a healthy cluster and fail on a DaemonSet that cannot run.
@Suite(.serialized)
struct ChaosEndToEndTests {
    /// Fast timing: NotReady after 1 s of silence, removed after 2 s.
    static let timing = [
        "--heartbeat-interval", "200ms", "--node-monitor-grace-period", "1s", "--node-leave-timeout", "2s",
    ]
    static let seed = repositoryRoot().appendingPathComponent("examples/ds-demo.yaml").path

    /// The seed's schedule (with these flags, on nodes n1-n3) kills, freezes, partitions and restarts the control
    /// plane, during three rollouts; the test checks that it does.
    static func schedule(faults: String) -> [String] {
        [
            "--seed", "4", "--duration", "15s", "--faults", faults, "--interval", "1500ms", "--hold", "500ms-3s",
            "--rollouts",
        ]
    }

    @Test func chaos_passesOnAHealthyCluster_andFailsWhenADaemonPodCannotRun() async throws {
        // Partitions need iptables (root); without it the run leaves them out and says so.
        let partitions = geteuid() == 0
        if !partitions { print("chaos end-to-end test runs without partitions: process-mode partitions need root") }
        let faults = "kill,pause," + (partitions ? "partition," : "") + "restart-control-plane"
        try await withClusterHome(prefix: "kctl-chaos") { home in
            // Two clusters without nodes first, so this one's nodes get 127.0.3.x: the iptables rules of its
            // partitions never touch the 127.0.1.x and 127.0.2.x nodes of other suites' clusters.
            for filler in ["filler1", "filler2"] {
                #expect(try await home.run(["cluster", "create", filler, "--nodes", "0"] + Self.timing).status == 0)
            }
            let created = try await home.run(["cluster", "create", "chaos", "--nodes", "3"] + Self.timing)
            #expect(created.status == 0, "\(created)")
            for filler in ["filler1", "filler2"] {
                #expect(try await home.run(["cluster", "delete", filler]).status == 0)
            }
            // At least 3: one more when something else (another HOME's cluster) listens on a lower subnet.
            #expect((try home.state("chaos")["subnet"]?.intValue ?? 0) >= 3)
            #expect(try await home.run(["apply", "-f", Self.seed]).status == 0)
            try await home.waitForRunningPods(selector: "app=filebeat", count: 3)

            // The schedule is a function of the seed and flags: printed twice, it is the same.
            let printing = ["cluster", "chaos", "chaos", "--print-schedule"] + Self.schedule(faults: faults)
            let printed = try await home.run(printing)
            let again = try await home.run(printing)
            #expect(printed.status == 0 && printed.stdout == again.stdout, "\(printed)\n\(again)")
            for step in ["kill-node", "start-node", "pause-node", "unpause-node", "restart-control-plane", "rollout"] {
                #expect(printed.stdout.contains(step), "\(step) in \(printed.stdout)")
            }
            if partitions { #expect(printed.stdout.contains("partition-node") && printed.stdout.contains("heal-node")) }

            let start = ContinuousClock.now
            let run = try await home.run(
                ["cluster", "chaos", "chaos"] + Self.schedule(faults: faults), timeout: .seconds(120))
            print("kctl cluster chaos (15 s schedule) took \(ContinuousClock.now - start)\n\(run.stdout)")
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("\nno violations\nPASSED\n"), "\(run)")
            #expect(!run.stdout.contains("VIOLATION") && !run.stdout.contains("FAILED"), "\(run)")
            // Every planned step ran, at its time or later.
            for line in printed.stdout.split(separator: "\n").dropFirst(2) {
                let step = line.split(separator: " ", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces)
                #expect(run.stdout.contains("\(step)  ok"), "\(step) ran")
            }
            // The probe objects went with their namespace; the nodes are all back.
            let namespaces = try await home.run(["get", "namespaces", "-o", "name"])
            #expect(!namespaces.stdout.contains("chaos-"), "\(namespaces)")
            #expect(try await home.readiness() == ["n1": true, "n2": true, "n3": true])

            // A DaemonSet whose pod cannot run on n2 (its image cannot be pulled): coverage is violated, the run
            // fails, and the report says where.
            #expect(try await home.run(["label", "node", "n2", "chaos=broken"]).status == 0)
            #expect(try await home.run(["apply", "-f", "-"], stdin: Self.brokenDaemonSet).status == 0)
            let failing = try await home.run(
                ["cluster", "chaos", "chaos", "--seed", "1", "--duration", "3s", "--faults", "pause",
                 "--coverage-bound", "1s", "--converge-timeout", "2s"], timeout: .seconds(60))
            #expect(failing.status == 1, "\(failing)")
            #expect(failing.stdout.contains("VIOLATION +"), "\(failing)")
            let violation = failing.stdout.split(separator: "\n").first { $0.contains("ready-nodes-covered  node=n2") }
            #expect(violation?.contains("daemonset default/broken without a Running daemon pod") == true, "\(failing)")
            #expect(violation?.contains("ImagePull") == true, "\(failing)")
            #expect(failing.stdout.hasSuffix("FAILED\n"), "\(failing)")
        }
    }

    static let brokenDaemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: broken
          namespace: default
        spec:
          selector:
            matchLabels:
              app: broken
          template:
            metadata:
              labels:
                app: broken
            spec:
              nodeSelector:
                chaos: broken
              containers:
              - name: c
                image: nginx:non-existent
        """
}

extension ClusterHome {
    /// Runs the built kctl with this HOME and its kubeconfig, bounded by `timeout`.
    func run(_ arguments: [String], stdin: String? = nil, timeout: Duration = .seconds(60)) async throws
        -> CommandResult
    {
        try await runCommand(
            try BuiltProducts.url(for: "kctl"), arguments, stdin: stdin,
            environment: ["HOME": url.path, "KUBECONFIG": kubeconfig], timeout: timeout)
    }

    /// Waits until `count` pods matching `selector` are Running.
    func waitForRunningPods(selector: String, count: Int) async throws {
        try await eventually(within: .seconds(15), poll: .milliseconds(100), "\(count) Running pods \(selector)") {
            () -> Bool? in
            let result = try await run(["get", "pods", "-l", selector, "-o", "json"])
            let list = try JSONValue(jsonData: Data(result.stdout.utf8))
            let running = (list["items"]?.arrayValue ?? []).filter { $0[path: ["status", "phase"]] == "Running" }
            return running.count == count ? true : nil
        }
    }
}
