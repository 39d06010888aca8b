import Foundation
import KubeAPI
import Logging
import Synchronization
import TestSupport
import Testing
import Wire

@testable import Kubeletd

#if canImport(Glibc)
    import Glibc
#endif

/// The runtime with real child processes; every wait has a deadline.
@Suite("PodRuntime with real processes", .serialized)
struct PodRuntimeProcessTests {
    @Test("sh -c 'echo hi; exit 3': output logged, exit code 3, restarted with growing restartCount")
    func exitCodeAndRestart() async throws {
        let pod = Fixture.pod(
            "crash", containers: [Fixture.container("app", image: "busybox", command: ["sh", "-c", "echo hi; exit 3"])])
        try await withRuntime { runtime, recorder in
            await runtime.sync([pod])
            let status = try await eventually(within: .seconds(10), "a restart after exit 3") {
                recorder.latest("default/crash").flatMap { status in
                    (status.container("app")?.restartCount ?? 0) >= 2 ? status : nil
                }
            }
            #expect(status.container("app")?.lastState?.terminated?.exitCode == 3)
            #expect(status.container("app")?.lastState?.terminated?.reason == "Error")
            #expect(recorder.all("default/crash").contains { $0.container("app")?.state?.terminated?.exitCode == 3 })
            #expect(recorder.all("default/crash").contains { $0.waitingReason("app") == "CrashLoopBackOff" })
            #expect(status.phase == "Running")
            let first = try await runtime.logFile(namespace: "default", name: "crash", container: "app")
                .deletingLastPathComponent().appendingPathComponent("0.log")
            // The file is in the CRI format: `<time> stdout F hi`.
            let records = CRILog.records(in: Array(try Data(contentsOf: first))).records
            #expect(records.map(\.content) == [Array("hi".utf8)])
            #expect(records.map(\.partial) == [false])
            let previous = try await runtime.logs(namespace: "default", name: "crash", previous: true)
            #expect(previous == "hi\n")
        }
    }

    @Test("a long sleep is stopped by SIGTERM well within its grace period when the pod is deleted")
    func gracefulStop() async throws {
        let pod = Fixture.pod(
            "sleeper", containers: [Fixture.container("app", image: "busybox", command: ["sleep", "30"])], grace: 20)
        try await withRuntime { runtime, recorder in
            await runtime.sync([pod])
            _ = try await eventually(within: .seconds(10), "the sleeper to run") {
                recorder.latest("default/sleeper")?.container("app")?.state?.running
            }
            await runtime.sync([pod])
            #expect(recorder.all("default/sleeper").filter { $0.container("app")?.started == true }.count == 1)
            let clock = ContinuousClock()
            let started = clock.now
            await runtime.sync([Fixture.deleting(pod, grace: 20)])
            _ = try await eventually(within: .seconds(10), "the pod to terminate") {
                recorder.terminatedKeys.contains("default/sleeper") ? true : nil
            }
            #expect(clock.now - started < .seconds(5))
            let final = recorder.latest("default/sleeper")
            #expect(final?.container("app")?.state?.terminated?.exitCode == 143)
            #expect(final?.container("app")?.restartCount == 0)
        }
    }

    @Test("the container's env is visible to its process; restartPolicy Never ends in Succeeded")
    func environment() async throws {
        let container = Fixture.container(
            "app", image: "busybox",
            command: ["sh", "-c", "echo $FOO $HOSTNAME $KUBERNETES_SERVICE_PORT $REDIS_PORT $(REDIS_SERVICE_HOST)"],
            env: [EnvVar(name: "FOO", value: "bar")])
        let pod = Fixture.pod("env", containers: [container], restartPolicy: "Never")
        try await withRuntime { runtime, recorder in
            await runtime.setServices([
                Fixture.service("kubernetes", ip: "10.96.0.1", port: 443, portName: "https"),
                Fixture.service("redis", ip: "10.96.0.20", port: 6379),
            ])
            await runtime.sync([pod])
            let status = try await eventually(within: .seconds(10), "the pod to succeed") {
                recorder.latest("default/env").flatMap { $0.phase == "Succeeded" ? $0 : nil }
            }
            #expect(status.container("app")?.state?.terminated?.reason == "Completed")
            #expect(try await runtime.logs(namespace: "default", name: "env", container: "app") == "bar env 443 tcp://10.96.0.20:6379 10.96.0.20\n")
        }
    }

    @Test("a container without command is simulated: it runs, logs a start line, and stops on deletion")
    func simulated() async throws {
        let pod = Fixture.pod("sim", containers: [Fixture.container("web")])
        try await withRuntime { runtime, recorder in
            await runtime.sync([pod])
            let status = try await eventually(within: .seconds(10), "the pod to be ready") {
                recorder.latest("default/sim").flatMap { $0.condition("Ready")?.status == "True" ? $0 : nil }
            }
            #expect(status.podIP == "10.244.1.2")
            _ = try await eventually(within: .seconds(10), "the simulated start line") {
                let logs = try await runtime.logs(namespace: "default", name: "sim")
                return logs.contains("started from image \"nginx:1.14\"") ? true : nil
            }
            await runtime.sync([Fixture.deleting(pod, grace: 30)])
            _ = try await eventually(within: .seconds(10), "the pod to terminate") {
                recorder.terminatedKeys.contains("default/sim") ? true : nil
            }
        }
    }

    @Test("an unknown executable ends with StartError 128")
    func startError() async throws {
        let pod = Fixture.pod(
            "nocmd", containers: [Fixture.container("app", image: "busybox", command: ["no-such-binary-xyz"])],
            restartPolicy: "Never")
        try await withRuntime { runtime, recorder in
            await runtime.sync([pod])
            let status = try await eventually(within: .seconds(10), "the pod to fail") {
                recorder.latest("default/nocmd").flatMap { $0.phase == "Failed" ? $0 : nil }
            }
            #expect(status.container("app")?.state?.terminated?.reason == "StartError")
            #expect(status.container("app")?.state?.terminated?.exitCode == 128)
        }
    }

    @Test("shutdown kills a process that ignores SIGTERM, and run() returns")
    func shutdownKills() async throws {
        // `$$$$` is `$$` after Kubernetes' `$(VAR)` expansion: the shell's pid, which `exec` hands to sleep.
        let script = "echo $$$$; trap '' TERM; exec sleep 60"
        let pod = Fixture.pod(
            "long", containers: [Fixture.container("app", image: "busybox", command: ["sh", "-c", script])])
        var pid: Int32 = 0
        try await withRuntime { runtime, recorder in
            await runtime.sync([pod])
            pid = try await eventually(within: .seconds(10), "the process to print its pid") {
                Int32(
                    (try? await runtime.logs(namespace: "default", name: "long"))?.trimmingCharacters(
                        in: .whitespacesAndNewlines) ?? "")
            }
            #expect(kill(pid, 0) == 0)
        }
        #expect(pid > 0)
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
    }

    // MARK: - Harness

    /// Runs a runtime (backoff × 0.01) in a task group with a recorder of its streams, runs `body`, then shuts
    /// it down and waits for `run()` to return.
    func withRuntime(
        terminalHelper: String? = nil, _ body: (PodRuntime, StreamRecorder) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kubeletd-runtime-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let runtime = try PodRuntime(
            dataDirectory: directory, podCIDR: "10.244.1.0/24", hostIP: "127.0.0.1", backoffScale: 0.01,
            logger: Logger.forTests("test.pod-runtime"), terminalHelper: terminalHelper)
        let recorder = StreamRecorder()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await runtime.run()
                recorder.markRunFinished()
            }
            group.addTask { for await update in runtime.statusUpdates() { recorder.record(update.key, update.status) } }
            group.addTask { for await key in runtime.terminated() { recorder.recordTerminated(key) } }
            do {
                try await body(runtime, recorder)
            } catch {
                await runtime.shutdown()
                throw error
            }
            await runtime.shutdown()
            do {
                _ = try await eventually(within: .seconds(10), "run() to return after shutdown") {
                    recorder.runFinished ? true : nil
                }
            } catch {
                group.cancelAll()
                throw error
            }
            try await group.waitForAll()
        }
    }
}

/// Collects what the runtime's streams deliver.
final class StreamRecorder: Sendable {
    private let statuses = Mutex<[String: [PodStatus]]>([:])
    private let terminated = Mutex<[String]>([])
    private let finished = Mutex(false)

    func record(_ key: String, _ status: PodStatus) { statuses.withLock { $0[key, default: []].append(status) } }
    func recordTerminated(_ key: String) { terminated.withLock { $0.append(key) } }
    func latest(_ key: String) -> PodStatus? { statuses.withLock { $0[key]?.last } }
    func all(_ key: String) -> [PodStatus] { statuses.withLock { $0[key] ?? [] } }
    var terminatedKeys: [String] { terminated.withLock { $0 } }
    func markRunFinished() { finished.withLock { $0 = true } }
    var runFinished: Bool { finished.withLock { $0 } }
}
