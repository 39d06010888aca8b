import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

#if canImport(Glibc)
    import Glibc
#endif

/// What a user sees of the kubelet in the tutorial's rolling update (section 四) on a 2-node cluster: `kctl get pods
/// -w` shows every state (old pods Terminating, new ones Pending, ContainerCreating, Running), `kctl describe pod`
/// the kubelet's events, and the new pods carry what Kubernetes adds (service account, tolerations, service links).
@Suite(.serialized)
struct KubeletFidelityEndToEndTests {
    static let seed = repositoryRoot().appendingPathComponent("examples/ds-demo.yaml").path
    static let newImage = "ikubernetes/filebeat:5.6.6-alpine"

    /// `(name, READY, STATUS)` of every pod row of a `get pods -w` output.
    static func rows(_ output: String) -> [(name: String, ready: String, status: String)] {
        output.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard cells.count >= 3, cells[0] != "NAME" else { return nil }
            return (cells[0], cells[1], cells[2])
        }
    }

    @Test func rollingUpdate_watchShowsEveryState_describeShowsTheKubeletsEvents() async throws {
        try await withTestCluster(nodes: 2) { cluster in
            #expect(try await cluster.kctl("apply", "-f", Self.seed).status == 0)
            #expect(try await cluster.kctl("expose", "deployment", "redis", "--port=6379").status == 0)
            try await NodesEndToEndTests.waitForOneFilebeatPerNode(cluster, ["n1", "n2"])
            let ready = try await cluster.kctl("rollout", "status", "ds/filebeat-ds", "--timeout", "20s")
            #expect(ready.status == 0, "\(ready)")
            let old = try await cluster.items("pods", "-l", "app=filebeat").compactMap {
                $0[path: ["metadata", "name"]]?.stringValue
            }
            #expect(old.count == 2)

            let watcher = try ChildProcess(
                try BuiltProducts.url(for: "kctl"),
                ["--kubeconfig", cluster.controlPlane.kubeconfig, "get", "pods", "-w"], name: "get-pods-w")
            defer { watcher.signal(SIGKILL) }
            _ = try await watcher.waitForLine(containing: old[0])

            let set = try await cluster.kctl("set", "image", "daemonsets", "filebeat-ds", "filebeat=\(Self.newImage)")
            #expect(set.status == 0, "\(set)")
            let rolled = try await cluster.kctl("rollout", "status", "ds/filebeat-ds", "--timeout", "40s")
            #expect(rolled.status == 0, "\(rolled)")
            let new = try await eventually(within: .seconds(20), "two new filebeat pods") { () -> [String]? in
                let names = try await cluster.items("pods", "-l", "app=filebeat").compactMap {
                    $0[path: ["metadata", "name"]]?.stringValue
                }.filter { !old.contains($0) }
                return names.count == 2 ? names : nil
            }
            // The watch has seen both new pods Running and both old ones gone (their last state printed).
            let output = try await eventually(within: .seconds(20), "the watch to show the whole update") {
                () -> String? in
                let rows = Self.rows(watcher.capturedOutput)
                let newRunning = new.allSatisfy { name in rows.contains { $0.name == name && $0.status == "Running" } }
                let oldDone = old.allSatisfy { name in rows.filter { $0.name == name }.count >= 4 }
                return newRunning && oldDone ? watcher.capturedOutput : nil
            }
            let rows = Self.rows(output)
            for name in old {
                let seen = rows.filter { $0.name == name }.map { "\($0.ready) \($0.status)" }
                #expect(seen.contains("1/1 Terminating"), "\(name): \(seen)\n\(output)")
                #expect(seen.contains("0/1 Terminating"), "containers stopped, phase held: \(name): \(seen)\n\(output)")
                #expect(
                    seen.firstIndex(of: "1/1 Terminating")! < seen.firstIndex(of: "0/1 Terminating")!,
                    "\(name): \(seen)")
            }
            for name in new {
                let states = rows.filter { $0.name == name }.map(\.status)
                let order = ["Pending", "ContainerCreating", "Running"].map { states.firstIndex(of: $0) }
                #expect(order.allSatisfy { $0 != nil }, "\(name): \(states)\n\(output)")
                #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted(), "\(name): \(states)")
                #expect(rows.first { $0.name == name && $0.status == "ContainerCreating" }?.ready == "0/1")
            }

            // describe: the scheduler's and the kubelet's events, with Kubernetes' texts.
            let pod = try #require(new.first)
            let node = try await cluster.kctl("get", "pod", pod, "-o", "jsonpath={.spec.nodeName}").stdout
            let describe = try await eventually(within: .seconds(10), "the kubelet's events") { () -> String? in
                let text = try await cluster.kctl("describe", "pod", pod).stdout
                return text.contains("Started container filebeat") ? text : nil
            }
            let expected = [
                "Scheduled", "Successfully assigned default/\(pod) to \(node)", "Pulling",
                "Pulling image \"\(Self.newImage)\"", "Pulled", "Successfully pulled image \"\(Self.newImage)\" in ",
                "Created container: filebeat", "Started container filebeat", "kubelet", "default-scheduler",
            ]
            for text in expected { #expect(describe.contains(text), "\(text)\n\(describe)") }
            #expect(
                describe.contains("kubelet            Created container: filebeat\n"),
                "the message without the field path, as kubectl prints it: \(describe)")
            let events = describe.components(separatedBy: "Events:").last ?? ""
            let positions = ["Scheduled", "Pulling", "Pulled", "Created", "Started"].map {
                events.range(of: "  \($0)  ")?.lowerBound
            }
            #expect(positions.allSatisfy { $0 != nil }, "\(events)")
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "in order: \(events)")

            // Killing on the old pods' node.
            let killing = try await cluster.items("events").filter { $0["reason"] == "Killing" }
            #expect(
                Set(killing.compactMap { $0[path: ["involvedObject", "name"]]?.stringValue }) == Set(old),
                "\(killing)")
            #expect(killing.allSatisfy { $0["message"] == "Stopping container filebeat" }, "\(killing)")

            // What admission adds, and the service links in the container's environment.
            let spec = try #require(try await cluster.items("pod", pod).first?["spec"])
            #expect(spec["serviceAccountName"] == "default")
            let tolerations = spec["tolerations"]?.arrayValue ?? []
            #expect(tolerations.filter { $0["key"] == "node.kubernetes.io/not-ready" }.count == 1, "\(tolerations)")
            let env = try await cluster.kctl("exec", pod, "--", "env")
            #expect(env.status == 0, "\(env)")
            #expect(env.stdout.contains("KUBERNETES_SERVICE_HOST=10.96.0.1\n"), "\(env)")
            #expect(env.stdout.contains("KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443\n"), "\(env)")
            #expect(env.stdout.contains("REDIS_SERVICE_PORT=6379\n"), "\(env)")
            #expect(env.stdout.contains("REDIS_HOST=redis.default.svc.cluster.local\n"), "\(env)")

            // The DaemonSet's status leaves out the zero counts.
            let ds = try #require(try await cluster.items("ds", "filebeat-ds").first?["status"])
            #expect(ds["numberUnavailable"] == nil, "\(ds)")
            #expect(ds["numberMisscheduled"]?.intValue == 0, "\(ds)")

            // get leases: NAME HOLDER AGE.
            let leases = try await cluster.kctl("get", "leases", "-n", "kube-node-lease")
            #expect(leases.stdout.hasPrefix("NAME   HOLDER   AGE\n"), "\(leases)")
            #expect(leases.stdout.contains("n1     n1       "), "\(leases)")
            await watcher.stop()
        }
    }
}
