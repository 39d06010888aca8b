import Foundation
import KubeAPI
import Testing
import TestSupport

/// Init containers and probes against real processes: `Init:N/M` while init containers run in order, a failing init
/// container's `Init:CrashLoopBackOff`, simulated init containers completing, readiness driving
/// READY, and a failed liveness probe restarting its container with the kubelet's event.
@Suite(.serialized)
struct InitAndProbesEndToEndTests {
    static let manifest = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: inits
        spec:
          initContainers:
          - name: first
            image: busybox
            command: ["sh", "-c", "sleep 1.5"]
          - name: simulated
            image: ghcr.io/flannel-io/flannel:v0.28.9
            command: ["/opt/bin/install-conf"]
          - name: second
            image: busybox
            command: ["sh", "-c", "sleep 1.5"]
          containers:
          - name: app
            image: busybox
            command: ["sh", "-c", "exec sleep 3600"]
            readinessProbe:
              exec: {command: ["cat", "/tmp/ready"]}
              periodSeconds: 1
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: badinit
        spec:
          initContainers:
          - name: fail
            image: busybox
            command: ["sh", "-c", "exit 2"]
          containers:
          - name: app
            image: busybox
            command: ["sleep", "3600"]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: unhealthy
        spec:
          containers:
          - name: app
            image: busybox
            command: ["sleep", "3600"]
            livenessProbe:
              tcpSocket: {port: 1}
              periodSeconds: 1
              failureThreshold: 2
        """

    /// `kctl get pod NAME`'s READY and STATUS columns.
    static func row(_ cluster: TestCluster, _ name: String) async throws -> (ready: String, status: String)? {
        let result = try await cluster.kctl("get", "pod", name, "--no-headers")
        let columns = result.stdout.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        return columns.count >= 3 ? (columns[1], columns[2]) : nil
    }

    @Test func initContainersRunInOrder_probesDriveReadyAndRestarts() async throws {
        try await withTestCluster(nodes: 1) { cluster in
            let applied = try await cluster.kctl("apply", "-f", "-", stdin: Self.manifest)
            #expect(applied.status == 0, "\(applied)")
            for status in ["Init:0/3", "Init:2/3"] {
                try await eventually(within: .seconds(15), "inits shows \(status)") { () -> Bool? in
                    try await Self.row(cluster, "inits")?.status == status ? true : nil
                }
            }
            try await eventually(within: .seconds(15), "inits Running, not ready") { () -> Bool? in
                let row = try await Self.row(cluster, "inits")
                return row?.status == "Running" && row?.ready == "0/1" ? true : nil
            }
            let pod = try #require(try await cluster.items("pod", "inits").first)
            let initStatuses = pod[path: ["status", "initContainerStatuses"]]?.arrayValue ?? []
            #expect(initStatuses.map { $0[path: ["state", "terminated", "reason"]]?.stringValue } == ["Completed", "Completed", "Completed"])
            let touched = try await cluster.kctl("exec", "inits", "--", "touch", "/tmp/ready")
            #expect(touched.status == 0, "\(touched)")
            try await eventually(within: .seconds(10), "inits ready") { () -> Bool? in
                try await Self.row(cluster, "inits")?.ready == "1/1" ? true : nil
            }

            // Init:Error shows only until the restart is decided (backoffs are scaled down here); the failed run stays
            // in the init container's lastState.
            try await eventually(within: .seconds(15), "badinit shows Init:CrashLoopBackOff") { () -> Bool? in
                try await Self.row(cluster, "badinit")?.status == "Init:CrashLoopBackOff" ? true : nil
            }
            let bad = try #require(try await cluster.items("pod", "badinit").first)
            let failed = bad[path: ["status", "initContainerStatuses"]]?.arrayValue?.first
            #expect(failed?[path: ["lastState", "terminated", "reason"]]?.stringValue == "Error", "\(bad)")
            #expect(failed?[path: ["lastState", "terminated", "exitCode"]]?.intValue == 2, "\(bad)")
            #expect(bad[path: ["status", "containerStatuses"]]?.arrayValue?.first?[path: ["state", "waiting", "reason"]]?.stringValue == "PodInitializing")

            let restarted = try await eventually(within: .seconds(20), "unhealthy restarted") { () -> JSONValue? in
                let pod = try await cluster.items("pod", "unhealthy").first
                let count = pod?[path: ["status", "containerStatuses"]]?.arrayValue?.first?["restartCount"]?.intValue ?? 0
                return count >= 1 ? pod : nil
            }
            #expect(restarted[path: ["status", "phase"]]?.stringValue == "Running")
            let described = try await cluster.kctl("describe", "pod", "unhealthy")
            #expect(described.stdout.contains("Container app failed liveness probe, will be restarted"), "\(described)")
            #expect(described.stdout.contains("Liveness probe failed: dial tcp"), "\(described)")
        }
    }
}
