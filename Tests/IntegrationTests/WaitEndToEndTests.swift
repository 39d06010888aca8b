import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

/// `kctl wait` against a real control plane and node: conditions, JSONPath, deletion, timeouts and missing objects,
/// with kubectl's lines and exit codes.
@Suite(.serialized)
struct WaitEndToEndTests {
    static let manifest = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: w1
          labels: {app: waiter}
        spec:
          terminationGracePeriodSeconds: 0
          containers:
          - name: c
            image: busybox
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 1
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              terminationGracePeriodSeconds: 0
              containers:
              - name: web
                image: nginx
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: slow
        spec:
          terminationGracePeriodSeconds: 3
          containers:
          - name: c
            image: busybox
            command: ["sh", "-c", "trap '' TERM; while true; do sleep 0.1; done"]
        """

    @Test(.timeLimit(.minutes(2)))
    func conditionsJSONPathDeleteAndTimeouts() async throws {
        try await withTestCluster(nodes: 1) { cluster in
            let applied = try await cluster.kctl("apply", "-f", "-", stdin: Self.manifest)
            try #require(applied.status == 0, "\(applied)")

            let ready = try await cluster.kctl("wait", "--for=condition=Ready", "pod/w1", "--timeout=30s")
            #expect(ready.status == 0 && ready.stdout == "pod/w1 condition met\n", "\(ready)")
            let phase = try await cluster.kctl("wait", "--for=jsonpath={.status.phase}=Running", "pods", "-l", "app=waiter")
            #expect(phase.status == 0 && phase.stdout == "pod/w1 condition met\n", "\(phase)")
            let available = try await cluster.kctl("wait", "deployment", "web", "--for", "condition=Available", "--timeout", "30s")
            #expect(available.stdout == "deployment.apps/web condition met\n", "\(available)")

            let timedOut = try await cluster.kctl("wait", "--for=condition=Ready=false", "pod/w1", "--timeout=500ms")
            #expect(timedOut.status == 1, "\(timedOut)")
            #expect(timedOut.stderr == "error: timed out waiting for the condition on pods/w1\n", "\(timedOut)")
            let once = try await cluster.kctl("wait", "--for=condition=Ready", "pod/w1", "--timeout=0")
            #expect(once.status == 0 && once.stdout == "pod/w1 condition met\n", "\(once)")

            let missing = try await cluster.kctl("wait", "--for=condition=Ready", "pod/nope", "--timeout=1s")
            #expect(missing.status == 1 && missing.stderr == "Error from server (NotFound): pods \"nope\" not found\n",
                "\(missing)")
            let goneAlready = try await cluster.kctl("wait", "--for=delete", "pod/nope", "--timeout=1s")
            #expect(goneAlready.status == 0 && goneAlready.stdout.isEmpty, "\(goneAlready)")
            let bad = try await cluster.kctl("wait", "--for=bogus", "pod/w1")
            #expect(bad.status == 1 && bad.stderr == "error: unrecognized condition: \"bogus\"\n", "\(bad)")

            // --for=delete waits for a deletion under way: "slow" ignores SIGTERM, so it stays Terminating for its
            // 3 s grace period after the delete returns, far longer than the waiter needs to find it and watch.
            let slowReady = try await cluster.kctl("wait", "--for=condition=Ready", "pod/slow", "--timeout=30s")
            try #require(slowReady.status == 0, "\(slowReady)")
            let deleted = try await cluster.kctl("delete", "pod", "slow")
            #expect(deleted.status == 0, "\(deleted)")
            let kctl = try BuiltProducts.url(for: "kctl")
            let waiter = try ChildProcess(
                kctl, ["--kubeconfig", cluster.controlPlane.kubeconfig, "wait", "--for=delete", "pod/slow", "--timeout=30s"],
                name: "wait-delete")
            #expect(try await waiter.waitForExit(within: .seconds(20)) == 0, "\(waiter.capturedOutput)")
            #expect(waiter.capturedOutput.contains("pod/slow condition met"), "\(waiter.capturedOutput)")
            let gone = try await cluster.kctl("get", "pod", "slow")
            #expect(gone.stderr == "Error from server (NotFound): pods \"slow\" not found\n", "\(gone)")
        }
    }
}
