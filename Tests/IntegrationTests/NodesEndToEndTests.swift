import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

/// The nodes issue's acceptance, against real binaries: a control plane and kubeletd processes.
@Suite(.serialized)
struct NodesEndToEndTests {
    static let seed = repositoryRoot().appendingPathComponent("examples/ds-demo.yaml").path

    /// Running pods of `label` by node name.
    static func runningPods(_ cluster: TestCluster, label: String) async throws -> [String: [JSONValue]] {
        let pods = try await cluster.items("pods", "-l", label)
        return Dictionary(grouping: pods.filter {
            $0[path: ["status", "phase"]] == "Running" && $0[path: ["metadata", "deletionTimestamp"]] == nil
        }) { $0[path: ["spec", "nodeName"]]?.stringValue ?? "" }
    }

    /// Waits until exactly one Running filebeat pod exists on each of `nodes` and none elsewhere.
    static func waitForOneFilebeatPerNode(_ cluster: TestCluster, _ nodes: [String], within: Duration = .seconds(15))
        async throws
    {
        try await eventually(within: within, "one filebeat pod on each of \(nodes)") { () -> Bool? in
            let byNode = try await runningPods(cluster, label: "app=filebeat")
            let all = try await cluster.items("pods", "-l", "app=filebeat")
            return Set(byNode.keys) == Set(nodes) && byNode.values.allSatisfy { $0.count == 1 }
                && all.count == nodes.count ? true : nil
        }
    }

    @Test func threeNodes_seedManifest_runsOneFilebeatPerNode_andRedis() async throws {
        try await withTestCluster(nodes: 3) { cluster in
            let start = ContinuousClock.now
            let applied = try await cluster.kctl("apply", "-f", Self.seed)
            #expect(applied.status == 0, "\(applied)")
            try await Self.waitForOneFilebeatPerNode(cluster, ["n1", "n2", "n3"])
            let elapsed = ContinuousClock.now - start
            #expect(elapsed < .seconds(3), "filebeat pods took \(elapsed) to be Running")

            let wide = try await cluster.kctl("get", "pods", "-l", "app=filebeat", "-o", "wide")
            let lines = wide.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("NAME ") == true)
            #expect(lines.first?.contains("IP") == true && lines.first?.contains("NOMINATED NODE") == true)
            #expect(lines.count == 4, "\(wide)")
            let nodes = try await cluster.items("nodes")
            let cidrs = Dictionary(uniqueKeysWithValues: nodes.map {
                ($0[path: ["metadata", "name"]]?.stringValue ?? "", $0[path: ["spec", "podCIDR"]]?.stringValue ?? "")
            })
            for pod in try await cluster.items("pods", "-l", "app=filebeat") {
                let node = pod[path: ["spec", "nodeName"]]?.stringValue ?? ""
                let ip = pod[path: ["status", "podIP"]]?.stringValue ?? ""
                let prefix = cidrs[node].map { String($0.dropLast("0/24".count)) } ?? "?"
                #expect(ip.hasPrefix(prefix), "pod IP \(ip) outside \(cidrs[node] ?? "?") of \(node)")
            }
            #expect(Set(cidrs.values).count == 3)

            try await eventually(within: .seconds(10), "redis Running") { () -> Bool? in
                try await Self.runningPods(cluster, label: "app=redis").values.joined().count == 1 ? true : nil
            }
            try await eventually(within: .seconds(5), "ds status 3 3 3 3 3") { () -> Bool? in
                let ds = try await cluster.kctl("get", "ds")
                return ds.stdout.contains("filebeat-ds   3         3         3       3            3 ") ? true : nil
            }
            // The ReplicaSet behind redis, and the events the controllers recorded, as kubectl shows them.
            let rs = try await cluster.kctl("get", "rs")
            #expect(rs.stdout.hasPrefix("NAME               DESIRED   CURRENT   READY   AGE\nredis-"), "\(rs)")
            let described = try await cluster.kctl("describe", "ds", "filebeat-ds")
            #expect(described.stdout.contains("Desired Number of Nodes Scheduled: 3"), "\(described)")
            #expect(described.stdout.contains("SuccessfulCreate"), "\(described)")
            let node = try await cluster.kctl("describe", "node", "n1")
            #expect(node.stdout.contains("PodCIDR:") && node.stdout.contains("filebeat-ds-"), "\(node)")
        }
    }

    @Test func nodeJoinKillPauseAndRestart_addAndReapDaemonPods() async throws {
        try await withTestCluster(nodes: 3) { cluster in
            #expect(try await cluster.kctl("apply", "-f", Self.seed).status == 0)
            try await Self.waitForOneFilebeatPerNode(cluster, ["n1", "n2", "n3"])

            // A fourth node joins: it gets a filebeat pod, desired becomes 4.
            try cluster.startNode("n4", index: 4)
            try await Self.waitForOneFilebeatPerNode(cluster, ["n1", "n2", "n3", "n4"])

            // kill -9: NotReady within grace + one heartbeat, reaped within the leave timeout + 0.5 s, timed from
            // watch events (not from polling).
            let redisNode = try await Self.runningPods(cluster, label: "app=redis").keys.first
            let victim = redisNode ?? "n2"
            let victimPod = try await Self.runningPods(cluster, label: "app=filebeat")[victim]?.first?[
                path: ["metadata", "name"]]?.stringValue ?? ""
            let (notReadyAfter, reapedAfter) = try await cluster.controlPlane.withAdminClient { client in
                // Both watches start from the lists' resourceVersions, so they see every change after the kill
                // however late the server registers them.
                func listVersion(_ kind: String, _ namespace: String?) async throws -> String {
                    let listed = try await client.send(Request(verb: .list, kind: kind, namespace: namespace))
                    return try #require(listed?[path: ["metadata", "resourceVersion"]]?.stringValue)
                }
                var nodes = Request(verb: .watch, kind: "Node")
                nodes.fieldSelector = "metadata.name=\(victim)"
                nodes.resourceVersion = try await listVersion("Node", nil)
                var pods = Request(verb: .watch, kind: "Pod", namespace: "default")
                pods.fieldSelector = "metadata.name=\(victimPod)"
                pods.resourceVersion = try await listVersion("Pod", "default")
                let nodeEvents = client.watch(nodes)
                let podEvents = client.watch(pods)
                let killed = ContinuousClock.now
                cluster.node(victim)?.signal(SIGKILL)
                async let notReady: Duration = {
                    for try await event in nodeEvents {
                        let ready = (event.object[path: ["status", "conditions"]]?.arrayValue ?? []).first {
                            $0["type"] == "Ready"
                        }
                        if ready?["status"] != "True" { return ContinuousClock.now - killed }
                    }
                    throw HarnessError("node watch ended")
                }()
                async let reaped: Duration = {
                    for try await event in podEvents where event.type == .deleted { return ContinuousClock.now - killed }
                    throw HarnessError("pod watch ended")
                }()
                return try await (notReady, reaped)
            }
            // Grace 1 s + heartbeat 200 ms, plus the controller's 100 ms tick and scheduling slack.
            #expect(notReadyAfter < .milliseconds(1000 + 200 + 300), "NotReady after \(notReadyAfter)")
            // Leave timeout 2 s + 0.5 s.
            #expect(reapedAfter < .milliseconds(2000 + 500), "reaped after \(reapedAfter)")
            let remaining = ["n1", "n2", "n3", "n4"].filter { $0 != victim }
            try await Self.waitForOneFilebeatPerNode(cluster, remaining, within: .seconds(5))
            try await eventually(within: .seconds(10), "redis replaced") { () -> Bool? in
                let redis = try await Self.runningPods(cluster, label: "app=redis")
                return redis.count == 1 && redis[victim] == nil ? true : nil
            }
            let ds = try await cluster.items("ds", "filebeat-ds").first
            #expect(ds?[path: ["status", "desiredNumberScheduled"]]?.intValue == 3)

            // Restarted, it re-joins (with its saved certificate) and gets a filebeat pod again.
            try cluster.startNode(victim, index: Int(victim.dropFirst()) ?? 9)
            try await Self.waitForOneFilebeatPerNode(cluster, ["n1", "n2", "n3", "n4"])

            // SIGSTOP has the effect of a kill; SIGCONT brings the node back.
            let frozen = remaining[0]
            cluster.node(frozen)?.signal(SIGSTOP)
            try await Self.waitForOneFilebeatPerNode(
                cluster, ["n1", "n2", "n3", "n4"].filter { $0 != frozen }, within: .seconds(5))
            cluster.node(frozen)?.signal(SIGCONT)
            try await Self.waitForOneFilebeatPerNode(cluster, ["n1", "n2", "n3", "n4"])
        }
    }

    @Test func sigterm_isAGracefulLeave_thatReapsTheNodesPodsAtOnce() async throws {
        try await withTestCluster(nodes: 2) { cluster in
            #expect(try await cluster.kctl("apply", "-f", Self.seed).status == 0)
            try await Self.waitForOneFilebeatPerNode(cluster, ["n1", "n2"])
            let stopped = ContinuousClock.now
            let status = await cluster.node("n2")?.stop()
            #expect(status == 0)
            try await Self.waitForOneFilebeatPerNode(cluster, ["n1"], within: .seconds(5))
            let nodes = try await cluster.items("nodes").compactMap { $0[path: ["metadata", "name"]]?.stringValue }
            #expect(nodes == ["n1"])
            // Well before the leave timeout (2 s): the node said it was leaving.
            #expect(ContinuousClock.now - stopped < .milliseconds(1800))
        }
    }

    @Test func nodeSelectorAndTaints_decideWhereDaemonPodsRun() async throws {
        try await withTestCluster(nodes: 3) { cluster in
            let manifest = """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: blue
                spec:
                  selector:
                    matchLabels: {app: blue}
                  template:
                    metadata:
                      labels: {app: blue}
                    spec:
                      nodeSelector: {color: blue}
                      containers:
                      - name: c
                        image: busybox
                """
            #expect(try await cluster.kctl("apply", "-f", "-", stdin: manifest).status == 0)
            #expect(try await cluster.kctl("label", "node", "n1", "color=blue").status == 0)
            try await eventually(within: .seconds(10), "blue pod only on n1") { () -> Bool? in
                let byNode = try await Self.runningPods(cluster, label: "app=blue")
                return Set(byNode.keys) == ["n1"] ? true : nil
            }
            // Relabelling moves the pod (Kubernetes' e2e "complex daemon").
            #expect(try await cluster.kctl("label", "node", "n1", "color=green", "--overwrite").status == 0)
            #expect(try await cluster.kctl("label", "node", "n2", "color=blue").status == 0)
            try await eventually(within: .seconds(10), "blue pod moved to n2") { () -> Bool? in
                let pods = try await cluster.items("pods", "-l", "app=blue")
                let nodes = Set(pods.compactMap { $0[path: ["spec", "nodeName"]]?.stringValue })
                return nodes == ["n2"] && pods.count == 1 ? true : nil
            }

            // A node tainted NoSchedule gets no new daemon pod unless the template tolerates it.
            let tainted = """
                apiVersion: v1
                kind: Node
                metadata:
                  name: n3
                spec:
                  taints:
                  - {key: dedicated, value: db, effect: NoSchedule}
                """
            #expect(try await cluster.kctl("apply", "-f", "-", stdin: tainted).status == 0)
            let everywhere = manifest.replacingOccurrences(of: "blue", with: "all")
                .replacingOccurrences(of: "      nodeSelector: {color: all}\n", with: "")
            #expect(try await cluster.kctl("apply", "-f", "-", stdin: everywhere).status == 0)
            try await eventually(within: .seconds(10), "all pods on n1, n2 only") { () -> Bool? in
                Set(try await Self.runningPods(cluster, label: "app=all").keys) == ["n1", "n2"] ? true : nil
            }
            let tolerating = everywhere.replacingOccurrences(of: "name: all", with: "name: tolerant")
                .replacingOccurrences(of: "app: all", with: "app: tolerant")
                .replacingOccurrences(of: "      containers:", with: "      tolerations:\n      - {key: dedicated, operator: Exists, effect: NoSchedule}\n      containers:")
            #expect(try await cluster.kctl("apply", "-f", "-", stdin: tolerating).status == 0)
            try await eventually(within: .seconds(10), "tolerant pods on all three") { () -> Bool? in
                Set(try await Self.runningPods(cluster, label: "app=tolerant").keys) == ["n1", "n2", "n3"] ? true : nil
            }
        }
    }

    @Test func crashingContainer_showsCrashLoopBackOff_andFailedDaemonPodIsReplaced() async throws {
        try await withTestCluster(nodes: 1) { cluster in
            let crashing = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: crasher
                spec:
                  containers:
                  - name: c
                    image: busybox
                    command: ["sh", "-c", "echo boom; exit 3"]
                """
            #expect(try await cluster.kctl("apply", "-f", "-", stdin: crashing).status == 0)
            var restartsSeen: [Int64] = []
            try await eventually(within: .seconds(20), "CrashLoopBackOff with growing restarts") { () -> Bool? in
                let row = try await cluster.kctl("get", "pod", "crasher").stdout
                let pod = try await cluster.items("pod", "crasher").first
                let restarts = pod?[path: ["status", "containerStatuses"]]?.arrayValue?.first?["restartCount"]?.intValue ?? 0
                if restarts > (restartsSeen.last ?? -1) { restartsSeen.append(restarts) }
                return row.contains("CrashLoopBackOff") && restartsSeen.count >= 3 ? true : nil
            }
            let logs = try await cluster.kctl("get", "pod", "crasher", "-o", "jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}")
            #expect(logs.stdout == "3")

            let daemon = """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: failing
                spec:
                  selector:
                    matchLabels: {app: failing}
                  template:
                    metadata:
                      labels: {app: failing}
                    spec:
                      containers:
                      - name: c
                        image: busybox
                """
            #expect(try await cluster.kctl("apply", "-f", "-", stdin: daemon).status == 0)
            let first = try await eventually(within: .seconds(10), "daemon pod Running") { () -> String? in
                try await Self.runningPods(cluster, label: "app=failing")["n1"]?.first?[path: ["metadata", "name"]]?
                    .stringValue
            }
            // Mark it Failed as Kubernetes' e2e does (UpdateStatus); the controller deletes and recreates it.
            let patch = #"{"status":{"phase":"Failed"}}"#
            let patched = try await cluster.kctl(
                "patch", "pod", first, "--subresource", "status", "--type", "merge", "-p", patch)
            #expect(patched.stdout == "pod/\(first) patched\n", "\(patched)")
            try await eventually(within: .seconds(10), "failed daemon pod replaced") { () -> Bool? in
                let pods = try await Self.runningPods(cluster, label: "app=failing")["n1"] ?? []
                return pods.count == 1 && pods[0][path: ["metadata", "name"]]?.stringValue != first ? true : nil
            }
            let events = try await cluster.kctl("get", "events")
            #expect(events.stdout.contains("FailedDaemonPod"), "\(events)")
        }
    }

    @Test func nodeIdentity_isConfinedToItsOwnNodeAndPods_andBadJoinsAreRefused() async throws {
        try await withTestCluster(nodes: 2) { cluster in
            #expect(try await cluster.kctl("apply", "-f", Self.seed).status == 0)
            try await Self.waitForOneFilebeatPerNode(cluster, ["n1", "n2"])
            let asN1 = try cluster.nodeKubeconfig("n1")
            let n2Pod = try await Self.runningPods(cluster, label: "app=filebeat")["n2"]?.first?[path: ["metadata", "name"]]?
                .stringValue ?? ""
            let read = try await cluster.kctl(as: asN1, "get", "pod", n2Pod)
            #expect(read.status != 0)
            #expect(read.stderr.contains("Error from server (Forbidden)"), "\(read)")
            #expect(read.stderr.contains("User \"system:node:n1\" cannot get resource \"pods\""), "\(read)")
            let list = try await cluster.kctl(as: asN1, "get", "pods")
            #expect(list.stderr.contains("Forbidden"), "\(list)")
            let relabel = try await cluster.kctl(as: asN1, "label", "node", "n2", "x=y")
            #expect(relabel.status != 0 && relabel.stderr.contains("Forbidden"), "\(relabel)")
            let create = try await cluster.kctl(as: asN1, "apply", "-f", Self.seed)
            #expect(create.status != 0 && create.stderr.contains("Forbidden"), "\(create)")
            let own = try await cluster.kctl(as: asN1, "get", "node", "n1")
            #expect(own.status == 0, "\(own)")

            let kubeletd = try BuiltProducts.url(for: "kubeletd")
            let base = cluster.controlPlane.dataDirectory.appendingPathComponent("bad-join")
            let wrongToken = try await runCommand(kubeletd, [
                "--node-name", "bad1", "--data-dir", base.appendingPathComponent("1").path,
                "--bootstrap-server", "127.0.0.1:\(cluster.controlPlane.bootstrapPort)",
                "--token", "abcdef.0123456789abcdef", "--ca-hash", cluster.controlPlane.caHash,
            ])
            #expect(wrongToken.status != 0)
            #expect(wrongToken.stderr.contains("token"), "\(wrongToken)")
            let wrongHash = try await runCommand(kubeletd, [
                "--node-name", "bad2", "--data-dir", base.appendingPathComponent("2").path,
                "--bootstrap-server", "127.0.0.1:\(cluster.controlPlane.bootstrapPort)",
                "--token", cluster.controlPlane.joinToken,
                "--ca-hash", "sha256:" + String(repeating: "0", count: 64),
            ])
            #expect(wrongHash.status != 0)
            #expect(wrongHash.stderr.contains("does not match"), "\(wrongHash)")
        }
    }

    @Test func controlPlaneKilledAndRestarted_nodesReconnect_noPodDuplicatedOrLost() async throws {
        try await withTestCluster(nodes: 3) { cluster in
            #expect(try await cluster.kctl("apply", "-f", Self.seed).status == 0)
            try await Self.waitForOneFilebeatPerNode(cluster, ["n1", "n2", "n3"])
            let before = Set(try await cluster.items("pods", "-l", "app=filebeat").compactMap {
                $0[path: ["metadata", "name"]]?.stringValue
            })
            cluster.controlPlane.process.signal(SIGKILL)
            _ = try await cluster.controlPlane.process.waitForExit()
            let restarted = try await cluster.restartControlPlane()
            do {
                try await cluster.waitForReadyNodes(["n1", "n2", "n3"])
                // Each node keeps exactly one filebeat pod throughout: sample for a few seconds.
                let deadline = ContinuousClock.now + .seconds(4)
                while ContinuousClock.now < deadline {
                    let pods = try await cluster.items("pods", "-l", "app=filebeat")
                    let byNode = Dictionary(grouping: pods) { $0[path: ["spec", "nodeName"]]?.stringValue ?? "" }
                    #expect(byNode.count == 3 && byNode.values.allSatisfy { $0.count == 1 }, "\(byNode.keys)")
                    try await Task.sleep(for: .milliseconds(250))
                }
                let after = Set(try await cluster.items("pods", "-l", "app=filebeat").compactMap {
                    $0[path: ["metadata", "name"]]?.stringValue
                })
                #expect(after == before)
                await restarted.stop()
            } catch {
                await restarted.stop()
                throw error
            }
        }
    }
}
