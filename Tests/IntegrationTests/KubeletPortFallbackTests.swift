import Foundation
import KubeAPI
import TestSupport
import Testing

/// A kubeletd whose kubelet port is taken on its address (two clusters created at once can pick the same loopback
/// subnet) serves its endpoint on a free port of that address instead, reports that port, and logs and exec of its
/// pods work; before, it reported port 0 and the control plane answered "reports no kubelet endpoint".
@Suite(.serialized)
struct KubeletPortFallbackTests {
    @Test func takenKubeletPort_fallsBackToAFreePort_andLogsWork() async throws {
        try await withTestCluster(nodes: 1) { cluster in
            let first = try #require(try await cluster.items("node", "n1").first)
            let port = try #require(first[path: ["status", "daemonEndpoints", "kubeletEndpoint", "Port"]]?.intValue)
            // n2 on n1's address, asking for n1's kubelet port (the last --kubelet-port given wins).
            let second = try cluster.startNode("n2", index: 1, extraArguments: ["--kubelet-port", "\(port)"])
            try await cluster.waitForReadyNodes(["n2"])
            _ = try await second.waitForLine(containing: "kubelet endpoint port taken: serving on a free port")
            let node = try #require(try await cluster.items("node", "n2").first)
            let fallback = node[path: ["status", "daemonEndpoints", "kubeletEndpoint", "Port"]]?.intValue ?? 0
            #expect(fallback > 0 && fallback != port, "\(node)")

            let pod = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"echo"},"spec":{"nodeName":"n2","containers":[{"name":"c","image":"busybox","command":["sh","-c","echo from n2; sleep 60"]}]}}"#
            let created = try await cluster.kctl("apply", "-f", "-", stdin: pod)
            #expect(created.status == 0, "\(created)")
            try await eventually(within: .seconds(20), poll: .milliseconds(200), "the log of a pod on n2") { () -> Bool? in
                try await cluster.kctl("logs", "echo").stdout == "from n2\n" ? true : nil
            }
        }
    }
}
