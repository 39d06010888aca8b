import Foundation
import KubeAPI
import TestSupport
import Testing
import Wire

/// kctl's watches go on across a control-plane restart (`kctl cluster restart-control-plane --kill`): they
/// reconnect, resume or relist, and show the later changes; the process does not exit and prints no error. One
/// that cannot reconnect within its retry window ends in kubectl's words.
@Suite(.serialized)
struct WatchRestartEndToEndTests {
    static let timing = [
        "--heartbeat-interval", "200ms", "--node-monitor-grace-period", "2s", "--node-leave-timeout", "6s",
    ]

    static func pod(_ name: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: \(name)
        spec:
          terminationGracePeriodSeconds: 0
          containers:
          - name: c
            image: busybox
        """
    }

    static func deployment(image: String) -> String {
        """
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
                image: \(image)
        """
    }

    static let ticker = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: ticker
        spec:
          terminationGracePeriodSeconds: 0
          containers:
          - name: c
            image: busybox
            command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.1; done"]
        """

    /// The tick numbers `logs -f ticker` printed.
    static func ticks(_ output: String) -> [Int] {
        output.split(separator: "\n").compactMap { $0.hasPrefix("tick ") ? Int($0.dropFirst(5)) : nil }
    }

    /// Lines of `output` that mention `name`.
    static func lines(_ output: String, _ name: String) -> [Substring] {
        output.split(separator: "\n").filter { $0.hasPrefix(name + " ") }
    }

    @Test func getWatch_rolloutStatus_andLogsFollow_goOnAcrossAControlPlaneKill() async throws {
        try await withClusterHome(prefix: "kctl-watch-restart") { home in
            let created = try await home.run(["cluster", "create", "w", "--nodes", "1"] + Self.timing)
            #expect(created.status == 0, "\(created)")
            #expect(try await home.run(["apply", "-f", "-"], stdin: Self.pod("before")).status == 0)
            #expect(
                try await home.run(["apply", "-f", "-"], stdin: Self.deployment(image: "nginx:non-existent")).status
                    == 0)
            #expect(try await home.run(["apply", "-f", "-"], stdin: Self.ticker).status == 0)
            try await eventually(within: .seconds(20), "pod ticker Running") { () -> Bool? in
                let pod = try await home.run(["get", "pod", "ticker", "-o", "jsonpath={.status.phase}"])
                return pod.stdout == "Running" ? true : nil
            }

            let environment = ["HOME": home.url.path, "KUBECONFIG": home.kubeconfig]
            let kctl = try BuiltProducts.url(for: "kctl")
            let watcher = try ChildProcess(kctl, ["get", "pods", "-w"], environment: environment, name: "get-w")
            let rollout = try ChildProcess(
                kctl, ["rollout", "status", "deployment/web"], environment: environment, name: "rollout-status")
            let logs = try ChildProcess(kctl, ["logs", "-f", "ticker"], environment: environment, name: "logs-f")
            defer {
                for process in [watcher, rollout, logs] { process.signal(SIGKILL) }
            }
            _ = try await watcher.waitForLine(containing: "before")
            _ = try await logs.waitForLine(containing: "tick 3")
            _ = try await rollout.waitForLine(containing: "Waiting for deployment \"web\" rollout to finish")

            let restarted = try await home.run(["cluster", "restart-control-plane", "--kill"])
            #expect(restarted.status == 0, "\(restarted)")
            let ticksAtRestart = Self.ticks(logs.capturedOutput).last ?? 0

            // Changes made after the restart reach the watch that started before it.
            #expect(try await home.run(["apply", "-f", "-"], stdin: Self.pod("after")).status == 0)
            _ = try await watcher.waitForLine(containing: "after", within: .seconds(30))
            let beforeLines = Self.lines(watcher.capturedOutput, "before").count
            let deleted = try await home.run(["delete", "pod", "before"])
            #expect(deleted.status == 0, "\(deleted)")
            try await eventually(within: .seconds(30), "the watch to show pod before's deletion") {
                Self.lines(watcher.capturedOutput, "before").count > beforeLines ? true : nil
            }
            #expect(watcher.isRunning, "get -w exited: \(watcher.capturedOutput)")
            let output = watcher.capturedOutput
            #expect(!output.contains("error") && !output.contains("Shutdown"), "\(output)")
            #expect(output.hasPrefix("NAME "), "\(output)")
            #expect(output.split(separator: "\n").filter { $0.hasPrefix("NAME ") }.count == 1, "one header: \(output)")

            // The rollout status begun before the restart sees the fixed rollout through.
            #expect(rollout.isRunning, "rollout status exited: \(rollout.capturedOutput)")
            let fixed = try await home.run(["set", "image", "deployment/web", "web=nginx:1.25"])
            #expect(fixed.status == 0, "\(fixed)")
            #expect(try await rollout.waitForExit(within: .seconds(40)) == 0, "\(rollout.capturedOutput)")
            #expect(
                rollout.capturedOutput.hasSuffix("deployment \"web\" successfully rolled out\n"),
                "\(rollout.capturedOutput)")
            #expect(!rollout.capturedOutput.contains("error"), "\(rollout.capturedOutput)")

            // The followed log went on where it stopped: every tick once, in order, past the restart.
            try await eventually(within: .seconds(30), "logs -f to go past the restart") {
                (Self.ticks(logs.capturedOutput).last ?? 0) > ticksAtRestart + 10 ? true : nil
            }
            #expect(logs.isRunning, "logs -f exited: \(logs.capturedOutput)")
            let ticks = Self.ticks(logs.capturedOutput)
            #expect(ticks == Array(1...(ticks.last ?? 0)), "\(logs.capturedOutput)")
            #expect(!logs.capturedOutput.contains("error"), "\(logs.capturedOutput)")
            await watcher.stop()
            await logs.stop()

            // A control plane that stays down: the watch gives up after its retry window (--request-timeout),
            // in kubectl's words.
            let patient = try ChildProcess(
                kctl, ["get", "pods", "-w", "--request-timeout", "2"], environment: environment, name: "get-w-down")
            defer { patient.signal(SIGKILL) }
            _ = try await patient.waitForLine(containing: "ticker")
            let controlPlane = try #require(try home.state("w")[path: ["controlPlane", "pid"]]?.intValue)
            kill(Int32(controlPlane), SIGKILL)
            #expect(try await patient.waitForExit(within: .seconds(20)) == 1)
            let port = try home.controlPlanePort("w") ?? 0
            let refused = "The connection to the server 127.0.0.1:\(port) was refused"
            #expect(
                patient.capturedOutput.hasSuffix(refused + " - did you specify the right host or port?\n"),
                "\(patient.capturedOutput)")
        }
    }
}
