import Foundation
import KubeAPI
import TestSupport
import Testing
import Wire

/// The real kubectl (the one on PATH: the machines' dispatcher, which runs kubectl 1.32 for a server whose
/// `/version` minor is 32) against a cluster made by the built `kctl cluster create`, through the HTTPS front door
/// on the control plane's port and the context `cluster create` merged into kubectl's kubeconfig
/// (`$HOME/.kube/config`, KUBECONFIG unset). kubectl's own output is checked.
@Suite(.serialized, .enabled(if: kubectlOnPath != nil, "no kubectl on PATH"))
struct KubectlEndToEndTests {
    static let seed = repositoryRoot().appendingPathComponent("examples/ds-demo.yaml").path

    /// Runs kubectl with `home` as HOME and no KUBECONFIG, so it reads `~/.kube/config` (and caches there).
    func kubectl(_ home: ClusterHome, _ arguments: String...) async throws -> CommandResult {
        try await runCommand(
            try #require(kubectlOnPath), arguments, environment: ["HOME": home.url.path, "KUBECONFIG": ""],
            timeout: .seconds(60))
    }

    @Test func coreVerbs_workRightAfterClusterCreate_andTheContextGoesWithClusterDelete() async throws {
        try await withClusterHome(prefix: "kubectl") { home in
            let created = try await home.kctl(
                ["cluster", "create", "k1", "--nodes", "2"] + ClusterCommandTests.timing, defaultKubeconfig: true)
            #expect(created.status == 0, "\(created)")
            let kubeconfig = home.url.appendingPathComponent(".kube/config")
            let merged = try KubeconfigLoader.load(path: kubeconfig.path)
            #expect(merged.currentContext == "kcluster-k1")
            #expect(merged.clusters.first { $0.name == "kcluster-k1" }?.cluster.server.hasPrefix("https://127.0.0.1:") == true)

            let version = try await kubectl(home, "version")
            #expect(version.status == 0, "\(version)")
            #expect(version.stdout.contains("Server Version: v1.32.0-kcluster"), "\(version)")

            // A standalone kubeconfig, as `kind get kubeconfig` prints: kubectl reaches the cluster with it alone.
            let standalone = try await home.kctl(["cluster", "kubeconfig", "k1"])
            #expect(standalone.status == 0 && standalone.stdout.contains("current-context: kcluster-k1"), "\(standalone)")
            let standaloneFile = home.url.appendingPathComponent("k1.kubeconfig")
            try Data(standalone.stdout.utf8).write(to: standaloneFile)
            let viaStandalone = try await kubectl(home, "--kubeconfig", standaloneFile.path, "get", "nodes", "-o", "name")
            #expect(viaStandalone.stdout == "node/n1\nnode/n2\n", "\(viaStandalone)")
            let noCluster = try await home.kctl(["cluster", "kubeconfig", "nope"])
            #expect(noCluster.status != 0 && noCluster.stderr.contains("nope"), "\(noCluster)")

            let nodes = try await kubectl(home, "get", "nodes")
            #expect(nodes.status == 0, "\(nodes)")
            let nodeLines = nodes.stdout.split(separator: "\n")
            #expect(nodeLines.first?.split(separator: " ", omittingEmptySubsequences: true)
                == ["NAME", "STATUS", "ROLES", "AGE", "VERSION"], "\(nodes)")
            #expect(nodeLines.dropFirst().map { $0.split(separator: " ").first } == ["n1", "n2"], "\(nodes)")
            #expect(nodeLines.dropFirst().allSatisfy { $0.contains(" Ready ") }, "\(nodes)")

            let applied = try await kubectl(home, "apply", "-f", Self.seed)
            #expect(applied.status == 0, "\(applied)")
            #expect(applied.stdout == "deployment.apps/redis created\ndaemonset.apps/filebeat-ds created\n", "\(applied)")
            let again = try await kubectl(home, "apply", "-f", Self.seed)
            #expect(again.stdout == "deployment.apps/redis unchanged\ndaemonset.apps/filebeat-ds unchanged\n", "\(again)")

            // Every pod Running: one filebeat per node and the redis replica.
            let wide = try await eventually(within: .seconds(30), poll: .milliseconds(300), "pods Running") {
                () -> CommandResult? in
                let pods = try await kubectl(home, "get", "pods", "-o", "wide")
                let rows = pods.stdout.split(separator: "\n").dropFirst()
                return rows.count == 3 && rows.allSatisfy({ $0.contains(" Running ") }) ? pods : nil
            }
            let header = wide.stdout.split(separator: "\n").first.map(String.init) ?? ""
            #expect(header.split(separator: " ") == [
                "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE", "READINESS", "GATES",
            ], "\(wide)")
            let podNodes = wide.stdout.split(separator: "\n").dropFirst().filter { $0.hasPrefix("filebeat-ds-") }
                .map { $0.split(separator: " ")[6] }
            #expect(podNodes.sorted() == ["n1", "n2"], "\(wide)")

            let json = try await kubectl(home, "get", "ds", "filebeat-ds", "-o", "json")
            #expect(json.status == 0, "\(json)")
            let daemonSet = try JSONValue(jsonData: Data(json.stdout.utf8))
            #expect(daemonSet["kind"] == "DaemonSet" && daemonSet["apiVersion"] == "apps/v1")
            #expect(daemonSet[path: ["spec", "updateStrategy", "type"]] == "RollingUpdate")
            #expect(daemonSet[path: ["status", "desiredNumberScheduled"]] == 2)

            let logs = try await kubectl(home, "logs", "ds/filebeat-ds")
            #expect(logs.status == 0, "\(logs)")
            #expect(logs.stdout.contains("emulated container \"filebeat\" started"), "\(logs)")
            #expect(logs.stderr.hasPrefix("Found 2 pods, using pod/filebeat-ds-"), "\(logs)")

            // drain evicts through pods/eviction (kubectl finds it in /api/v1 discovery) and waits for the pods to go.
            let drained = try await kubectl(home, "drain", "n1", "--ignore-daemonsets", "--force")
            #expect(drained.status == 0, "\(drained)")
            #expect(drained.stdout.hasPrefix("node/n1 cordoned\n") && drained.stdout.hasSuffix("node/n1 drained\n"), "\(drained)")
            #expect(try await kubectl(home, "uncordon", "n1").stdout == "node/n1 uncordoned\n")

            let scaled = try await kubectl(home, "scale", "deploy/redis", "--replicas=2")
            #expect(scaled.stdout == "deployment.apps/redis scaled\n", "\(scaled)")
            let noScale = try await kubectl(home, "scale", "ds/filebeat-ds", "--replicas=2")
            #expect(noScale.status == 1 && noScale.stderr.contains("(NotFound)"), "\(noScale)")
            try await eventually(within: .seconds(30), poll: .milliseconds(300), "redis scaled to 2") { () -> Bool? in
                try await kubectl(home, "get", "deploy", "redis").stdout.contains(" 2/2 ") ? true : nil
            }
            // describe selects the object's events by involvedObject field selectors.
            let described = try await kubectl(home, "describe", "ds", "filebeat-ds")
            #expect(described.stdout.contains("daemonset-controller  Created pod: filebeat-ds-"), "\(described)")

            // auth can-i POSTs a protobuf SelfSubjectAccessReview (kubectl 1.32); whoami a SelfSubjectReview.
            let canI = try await kubectl(home, "auth", "can-i", "create", "pods")
            #expect(canI.status == 0 && canI.stdout == "yes\n", "\(canI)")
            let whoami = try await kubectl(home, "auth", "whoami", "-o", "jsonpath={.status.userInfo.username}")
            #expect(whoami.stdout == "kubernetes-admin", "\(whoami)")

            // exec over WebSocket v5.channel.k8s.io: output, stdin, and the command's exit code as kubectl's.
            let pod = try #require(
                try await kubectl(home, "get", "pods", "-l", "app=filebeat", "-o", "name").stdout.split(separator: "\n").first)
            let echoed = try await kubectl(home, "exec", String(pod), "--", "sh", "-c", "echo $REDIS_HOST")
            #expect(echoed.status == 0 && echoed.stdout == "redis.default.svc.cluster.local\n", "\(echoed)")
            let failed = try await kubectl(home, "exec", String(pod), "--", "sh", "-c", "echo oops >&2; exit 3")
            #expect(failed.status == 3, "\(failed)")
            #expect(failed.stderr == "oops\ncommand terminated with exit code 3\n", "\(failed)")

            let missing = try await kubectl(home, "get", "pod", "nope")
            #expect(missing.status == 1)
            #expect(missing.stderr == "Error from server (NotFound): pods \"nope\" not found\n", "\(missing)")

            let deleted = try await kubectl(home, "delete", "-f", Self.seed)
            #expect(deleted.status == 0, "\(deleted)")
            #expect(deleted.stdout == "deployment.apps \"redis\" deleted\ndaemonset.apps \"filebeat-ds\" deleted\n", "\(deleted)")
            try await eventually(within: .seconds(30), poll: .milliseconds(300), "pods gone") { () -> Bool? in
                let pods = try await kubectl(home, "get", "pods")
                return pods.stderr == "No resources found in default namespace.\n" ? true : nil
            }

            let removed = try await home.kctl(["cluster", "delete", "k1"], defaultKubeconfig: true)
            #expect(removed.status == 0, "\(removed)")
            let after = try KubeconfigLoader.load(path: kubeconfig.path)
            #expect(!after.contexts.contains { $0.name == "kcluster-k1" })
        }
    }
}

/// `kubectl` from PATH, nil when there is none.
let kubectlOnPath: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "")
    .split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("kubectl") }
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }
