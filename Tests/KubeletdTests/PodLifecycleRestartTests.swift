import Foundation
import KubeAPI
import Testing
import Wire

@testable import Kubeletd

@Suite("PodLifecycle: exits, restarts, CrashLoopBackOff, restart policies")
struct PodLifecycleRestartTests {
    static let crasher = Fixture.container("app", image: "busybox", command: ["sh", "-c", "exit 1"])

    @Test("Always: first exit restarts at once, then CrashLoopBackOff 10s, 20s, 40s ... 5m0s (scaled)")
    func crashLoopBackOff() throws {
        var driver = LifecycleDriver(Fixture.pod("crash", containers: [Self.crasher]), scale: 0.01)
        driver.advance()
        #expect(driver.started == ["app"])

        var status = driver.exit("app", code: 1)
        let terminated = try #require(status.container("app")?.state?.terminated)
        #expect(terminated.exitCode == 1)
        #expect(terminated.reason == "Error")
        #expect(terminated.startedAt == "2026-11-24T21:00:00Z")
        #expect(terminated.finishedAt == "2026-11-24T21:00:01Z")
        #expect(status.phase == "Running")
        #expect(status.container("app")?.ready == false)

        status = driver.advance()
        #expect(driver.started == ["app"])
        #expect(status.container("app")?.restartCount == 1)
        #expect(status.container("app")?.state?.running != nil)
        #expect(status.container("app")?.lastState?.terminated?.exitCode == 1)
        #expect(status.container("app")?.lastState?.terminated?.finishedAt == "2026-11-24T21:00:01Z")

        let expectedBackoffs = ["10s", "20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s"]
        for (index, backoff) in expectedBackoffs.enumerated() {
            driver.exit("app", code: 1)
            status = driver.advance()
            #expect(driver.actions.isEmpty)
            #expect(status.waitingReason("app") == "CrashLoopBackOff")
            #expect(
                status.container("app")?.state?.waiting?.message
                    == "back-off \(backoff) restarting failed container=app pod=crash_default(uid-crash)")
            #expect(status.container("app")?.restartCount == Int32(index + 1))
            #expect(status.container("app")?.lastState?.terminated?.reason == "Error")
            #expect(status.phase == "Running")
            let exitedAt = driver.now
            status = driver.advanceToDeadline()
            let waited = driver.now.timeIntervalSince(exitedAt)
            let nominal = [10.0, 20, 40, 80, 160, 300, 300][index]
            #expect(abs(waited - nominal * 0.01) < 1e-3)
            #expect(driver.started == ["app"])
            #expect(status.container("app")?.restartCount == Int32(index + 2))
        }
    }

    @Test("a container that ran longer than 10 minutes (scaled) restarts without backoff")
    func backoffResetsAfterLongRun() {
        var driver = LifecycleDriver(Fixture.pod("crash", containers: [Self.crasher]), scale: 0.01)
        driver.advance()
        driver.exit("app", code: 1)
        driver.advance()
        driver.exit("app", code: 1)
        var status = driver.advance()
        #expect(status.waitingReason("app") == "CrashLoopBackOff")
        driver.advanceToDeadline()
        driver.exit("app", code: 2, after: 7)
        status = driver.advance()
        #expect(driver.started == ["app"])
        #expect(status.container("app")?.restartCount == 3)
        driver.exit("app", code: 2)
        status = driver.advance()
        #expect(status.container("app")?.state?.waiting?.message?.hasPrefix("back-off 10s ") == true)
    }

    @Test("Never: exit 0 gives Succeeded/Completed and the kubelet's completed conditions")
    func neverSucceeded() {
        var driver = LifecycleDriver(Fixture.pod("job", containers: [Self.crasher], restartPolicy: "Never"))
        driver.advance()
        driver.exit("app", code: 0)
        let status = driver.advance()
        #expect(driver.actions.isEmpty)
        #expect(status.phase == "Succeeded")
        #expect(status.container("app")?.state?.terminated?.reason == "Completed")
        #expect(status.condition("Ready")?.reason == "PodCompleted")
        #expect(status.condition("ContainersReady")?.reason == "PodCompleted")
        #expect(status.condition("Initialized")?.reason == "PodCompleted")
        #expect(status.conditionStatus("PodReadyToStartContainers") == "False")
        #expect(driver.lifecycle.nextDeadline() == nil)
    }

    @Test("Never: a failed container gives Failed/Error and is not restarted")
    func neverFailed() {
        var driver = LifecycleDriver(Fixture.pod("job", containers: [Self.crasher], restartPolicy: "Never"))
        driver.advance()
        driver.exit("app", code: 2)
        let status = driver.advance(by: 600)
        #expect(driver.actions.isEmpty)
        #expect(status.phase == "Failed")
        #expect(status.container("app")?.state?.terminated?.reason == "Error")
        #expect(status.container("app")?.state?.terminated?.exitCode == 2)
        #expect(status.condition("ContainersReady")?.reason == "PodFailed")
    }

    @Test("Never with two containers: Running while one runs, Failed once both stopped and one failed")
    func neverTwoContainers() {
        let pod = Fixture.pod("two", containers: [Self.crasher, Fixture.container("side")], restartPolicy: "Never")
        var driver = LifecycleDriver(pod)
        driver.advance()
        driver.exit("app", code: 0)
        var status = driver.advance()
        #expect(status.phase == "Running")
        driver.exit("side", code: 137)
        status = driver.advance()
        #expect(status.phase == "Failed")
    }

    @Test("OnFailure: a failure restarts (phase Running), a success ends in Succeeded")
    func onFailure() {
        var driver = LifecycleDriver(Fixture.pod("job", containers: [Self.crasher], restartPolicy: "OnFailure"))
        driver.advance()
        driver.exit("app", code: 3)
        var status = driver.advance()
        #expect(driver.started == ["app"])
        #expect(status.phase == "Running")
        #expect(status.container("app")?.restartCount == 1)
        driver.exit("app", code: 0)
        status = driver.advance()
        #expect(driver.actions.isEmpty)
        #expect(status.phase == "Succeeded")
        #expect(status.container("app")?.lastState?.terminated?.exitCode == 3)
    }

    @Test("a run that could not start ends with StartError, exit code 128")
    func startError() {
        var driver = LifecycleDriver(Fixture.pod("p", containers: [Self.crasher], restartPolicy: "Never"))
        driver.advance()
        let id = driver.runID("app") ?? ""
        let message = "exec: \"nope\": executable file not found in $PATH"
        _ = driver.lifecycle.containerExited(runID: id, exit: .failedToStart(message), now: driver.now)
        let status = driver.advance()
        #expect(status.container("app")?.state?.terminated?.reason == "StartError")
        #expect(status.container("app")?.state?.terminated?.exitCode == 128)
        #expect(status.container("app")?.state?.terminated?.message == message)
        #expect(status.phase == "Failed")
    }

    @Test("an exit for a run that is not live is ignored")
    func staleExitIgnored() {
        var driver = LifecycleDriver(Fixture.pod("p", containers: [Self.crasher]))
        driver.advance()
        let matched = driver.lifecycle.containerExited(runID: "other", exit: .exited(1), now: driver.now)
        #expect(!matched)
        #expect(driver.advance().phase == "Running")
    }
}
