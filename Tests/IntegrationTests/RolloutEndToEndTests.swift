import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

/// The tutorial's section 四 (DaemonSet rolling update) against real binaries: `set image`, `rollout status`,
/// `rollout history`, `rollout undo`, then `scale` of the redis Deployment, on a 3-node cluster.
@Suite(.serialized)
struct RolloutEndToEndTests {
    static let seed = repositoryRoot().appendingPathComponent("examples/ds-demo.yaml").path
    static let oldImage = "ikubernetes/filebeat:5.6.5-alpine"
    static let newImage = "ikubernetes/filebeat:5.6.6-alpine"
    static let nodes = ["n1", "n2", "n3"]

    @Test func tutorialRollingUpdate_statusHistoryUndo_andScale() async throws {
        try await withTestCluster(nodes: 3) { cluster in
            #expect(try await cluster.kctl("apply", "-f", Self.seed).status == 0)
            try await NodesEndToEndTests.waitForOneFilebeatPerNode(cluster, Self.nodes)
            let ready = try await cluster.kctl("rollout", "status", "ds/filebeat-ds", "--timeout", "20s")
            #expect(ready.status == 0 && ready.stdout.hasSuffix("daemon set \"filebeat-ds\" successfully rolled out\n"),
                    "\(ready)")
            let strategy = try await cluster.kctl("get", "ds/filebeat-ds", "-o", "jsonpath={.spec.updateStrategy.type}")
            #expect(strategy.stdout == "RollingUpdate", "\(strategy)")

            // set image (the tutorial's long form), watched pod by pod: never two nodes without an available pod.
            let start = try await Self.filebeatPods(cluster)
            let started = ContinuousClock.now
            async let watched = Self.watchRollout(cluster, from: start, until: Self.newImage)
            let set = try await cluster.kctl(
                "set", "image", "daemonsets", "filebeat-ds", "filebeat=\(Self.newImage)")
            #expect(set.status == 0 && set.stdout == "daemonset.apps/filebeat-ds image updated\n", "\(set)")
            let status = try await cluster.kctl("rollout", "status", "ds/filebeat-ds", "--timeout", "30s")
            #expect(status.status == 0, "\(status)")
            #expect(status.stdout.hasSuffix("daemon set \"filebeat-ds\" successfully rolled out\n"), "\(status)")
            let rollout = try await watched
            let took = ContinuousClock.now - started
            #expect(rollout.worstUnavailableNodes <= 1, "\(rollout)")
            #expect(rollout.replacedPods >= 3, "\(rollout)")
            print("filebeat rolling update across 3 nodes: \(took), \(rollout)")
            try await Self.expectFilebeatImage(cluster, Self.newImage)

            // Same image again: no output; an unknown container: kubectl's error.
            let again = try await cluster.kctl("set", "image", "ds/filebeat-ds", "filebeat=\(Self.newImage)")
            #expect(again.status == 0 && again.stdout.isEmpty && again.stderr.isEmpty, "\(again)")
            let unknown = try await cluster.kctl("set", "image", "ds/filebeat-ds", "foo=busybox")
            #expect(unknown.status == 1 && unknown.stderr == "error: unable to find container named \"foo\"\n",
                    "\(unknown)")

            let history = try await cluster.kctl("rollout", "history", "ds/filebeat-ds")
            #expect(history.stdout
                    == "daemonset.apps/filebeat-ds \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n",
                    "\(history)")
            let first = try await cluster.kctl("rollout", "history", "daemonset/filebeat-ds", "--revision=1")
            #expect(first.stdout.hasPrefix("daemonset.apps/filebeat-ds with revision #1\nPod Template:\n"), "\(first)")
            #expect(first.stdout.contains("Image:\t\(Self.oldImage)\n"), "\(first)")

            // Undo goes back to revision 1's template, renumbered 3.
            let undo = try await cluster.kctl("rollout", "undo", "ds/filebeat-ds")
            #expect(undo.status == 0 && undo.stdout == "daemonset.apps/filebeat-ds rolled back\n", "\(undo)")
            let back = try await cluster.kctl("rollout", "status", "ds/filebeat-ds", "--timeout", "30s")
            #expect(back.stdout.hasSuffix("daemon set \"filebeat-ds\" successfully rolled out\n"), "\(back)")
            try await Self.expectFilebeatImage(cluster, Self.oldImage)
            let renumbered = try await cluster.kctl("rollout", "history", "ds/filebeat-ds")
            #expect(renumbered.stdout.hasSuffix("REVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n"),
                    "\(renumbered)")

            // scale: two Running redis pods; a failed precondition changes nothing.
            let scaled = try await cluster.kctl("scale", "deployment", "redis", "--replicas=2")
            #expect(scaled.status == 0 && scaled.stdout == "deployment.apps/redis scaled\n", "\(scaled)")
            try await eventually(within: .seconds(15), "2 Running redis pods") { () -> Bool? in
                try await NodesEndToEndTests.runningPods(cluster, label: "app=redis").values.joined().count == 2
                    ? true : nil
            }
            let refused = try await cluster.kctl("scale", "deploy/redis", "--current-replicas=5", "--replicas=3")
            #expect(refused.status == 1 && refused.stderr == "error: Expected replicas to be 5, was 2\n", "\(refused)")
            let redis = try await cluster.kctl("rollout", "status", "deployment/redis", "--timeout", "20s")
            #expect(redis.stdout.hasSuffix("deployment \"redis\" successfully rolled out\n"), "\(redis)")
        }
    }

    // MARK: - Helpers

    /// The filebeat pods and the list's resourceVersion.
    static func filebeatPods(_ cluster: TestCluster) async throws -> (pods: [JSONValue], resourceVersion: String) {
        try await cluster.controlPlane.withAdminClient { client in
            var list = Request(verb: .list, kind: "Pod", namespace: "default")
            list.labelSelector = "app=filebeat"
            let listed = try await client.send(list)
            return (listed?["items"]?.arrayValue ?? [], listed?[path: ["metadata", "resourceVersion"]]?.stringValue ?? "")
        }
    }

    /// What watching the rolling update saw.
    struct RolloutWatch: Sendable, CustomStringConvertible {
        /// The most nodes that were at once without an available (Ready, not terminating) filebeat pod.
        var worstUnavailableNodes = 0
        /// Old pods that were deleted.
        var replacedPods = 0
        var events = 0

        var description: String {
            "worst unavailable nodes \(worstUnavailableNodes), pods replaced \(replacedPods), pod events \(events)"
        }
    }

    /// Replays every filebeat pod change after `start` and checks availability after each one, until every node
    /// runs exactly one available pod of `image` and no other filebeat pod is left (20 s at most).
    static func watchRollout(_ cluster: TestCluster, from start: (pods: [JSONValue], resourceVersion: String),
                             until image: String) async throws -> RolloutWatch {
        try await cluster.controlPlane.withAdminClient { client in
            try await withThrowingTaskGroup(of: RolloutWatch.self) { group in
                group.addTask {
                    var pods: [String: JSONValue] = [:]
                    for pod in start.pods { pods[pod[path: ["metadata", "name"]]?.stringValue ?? ""] = pod }
                    var seen = RolloutWatch()
                    var request = Request(verb: .watch, kind: "Pod", namespace: "default")
                    request.labelSelector = "app=filebeat"
                    request.resourceVersion = start.resourceVersion
                    for try await event in client.watch(request) where event.type != .bookmark {
                        let name = event.object[path: ["metadata", "name"]]?.stringValue ?? ""
                        if event.type == .deleted {
                            pods[name] = nil
                            seen.replacedPods += 1
                        } else {
                            pods[name] = event.object
                        }
                        seen.events += 1
                        let available = pods.values.filter(isAvailable)
                        let covered = Set(available.compactMap { $0[path: ["spec", "nodeName"]]?.stringValue })
                        seen.worstUnavailableNodes = max(seen.worstUnavailableNodes, nodes.filter { !covered.contains($0) }.count)
                        if pods.count == nodes.count && covered == Set(nodes)
                            && available.allSatisfy({ Self.image(of: $0) == image })
                        {
                            return seen
                        }
                    }
                    throw HarnessError("the pod watch ended: \(seen)")
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(20))
                    throw HarnessError("the rolling update did not finish within 20 s")
                }
                let result = try await group.next() ?? RolloutWatch()
                group.cancelAll()
                return result
            }
        }
    }

    /// Ready and not being deleted.
    static func isAvailable(_ pod: JSONValue) -> Bool {
        guard pod[path: ["metadata", "deletionTimestamp"]] == nil else { return false }
        return (pod[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
            $0["type"] == "Ready" && $0["status"] == "True"
        }
    }

    static func image(of pod: JSONValue) -> String? {
        pod[path: ["spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue
    }

    /// Every node ends up with one Running filebeat pod of `image`, and no pod of another image is left.
    static func expectFilebeatImage(_ cluster: TestCluster, _ image: String) async throws {
        try await eventually(within: .seconds(10), "three Running filebeat pods of \(image)") { () -> Bool? in
            let byNode = try await NodesEndToEndTests.runningPods(cluster, label: "app=filebeat")
            let all = try await cluster.items("pods", "-l", "app=filebeat")
            return Set(byNode.keys) == Set(nodes) && byNode.values.allSatisfy({ $0.count == 1 }) && all.count == 3
                && all.allSatisfy({ Self.image(of: $0) == image }) ? true : nil
        }
    }
}
