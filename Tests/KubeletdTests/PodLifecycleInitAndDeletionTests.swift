import Foundation
import KubeAPI
import Testing
import Wire

@testable import Kubeletd

@Suite("PodLifecycle: init containers, sidecars, deletion, image changes")
struct PodLifecycleInitAndDeletionTests {
    static func initPod(restartPolicy: String = "Always") -> Pod {
        Fixture.pod(
            "init", containers: [Fixture.container("web")],
            initContainers: [
                Fixture.container("init-a", image: "busybox", command: ["true"]),
                Fixture.container("init-b", image: "busybox", command: ["sh", "-c", "exit 0"]),
            ], restartPolicy: restartPolicy)
    }

    @Test("init containers run one at a time, in order, before the app containers")
    func initOrder() {
        var driver = LifecycleDriver(Self.initPod(), scale: 0.01)
        var status = driver.advance()
        #expect(driver.started == ["init-a"])
        #expect(status.phase == "Pending")
        #expect(status.container("init-a")?.state?.running != nil)
        #expect(status.container("init-a")?.ready == false)
        #expect(status.waitingReason("init-b") == "PodInitializing")
        #expect(status.waitingReason("web") == "PodInitializing")
        #expect(status.condition("Initialized")?.status == "False")
        #expect(status.condition("Initialized")?.reason == "ContainersNotInitialized")
        #expect(status.condition("Initialized")?.message == "containers with incomplete status: [init-a init-b]")

        driver.exit("init-a", code: 0)
        status = driver.advance()
        #expect(driver.started == ["init-b"])
        #expect(status.container("init-a")?.state?.terminated?.reason == "Completed")
        #expect(status.container("init-a")?.ready == true)
        #expect(status.condition("Initialized")?.message == "containers with incomplete status: [init-b]")

        driver.exit("init-b", code: 1)
        status = driver.advance()
        #expect(driver.started == ["init-b"])
        #expect(status.container("init-b")?.restartCount == 1)
        driver.exit("init-b", code: 1)
        status = driver.advance()
        #expect(status.waitingReason("init-b") == "CrashLoopBackOff")
        #expect(status.phase == "Pending")
        #expect(status.waitingReason("web") == "PodInitializing")

        driver.advanceToDeadline()
        #expect(driver.started == ["init-b"])
        driver.exit("init-b", code: 0)
        status = driver.advance()
        #expect(driver.started == ["web"])
        #expect(status.phase == "Running")
        #expect(status.condition("Initialized")?.status == "True")
        #expect(status.condition("Ready")?.status == "True")
        #expect(status.initContainerStatuses?.map(\.name) == ["init-a", "init-b"])
    }

    @Test("restartPolicy Never: a failed init container fails the pod; app containers never start")
    func initFailureNever() {
        var driver = LifecycleDriver(Self.initPod(restartPolicy: "Never"))
        driver.advance()
        driver.exit("init-a", code: 1)
        let status = driver.advance(by: 60)
        #expect(driver.actions.isEmpty)
        #expect(status.phase == "Failed")
        #expect(status.container("init-a")?.state?.terminated?.reason == "Error")
        #expect(status.waitingReason("web") == "PodInitializing")
    }

    @Test("a sidecar (init container with restartPolicy Always) starts, then the app containers start")
    func sidecar() {
        let pod = Fixture.pod(
            "sc", containers: [Fixture.container("web")],
            initContainers: [Fixture.container("proxy", restartPolicy: "Always")])
        var driver = LifecycleDriver(pod)
        let status = driver.advance()
        #expect(driver.started == ["proxy", "web"])
        #expect(status.phase == "Running")
        #expect(status.condition("Ready")?.status == "True")
        #expect(status.condition("Initialized")?.status == "True")
    }

    @Test("deletion stops running containers with the deletion grace period and never restarts them")
    func gracefulDeletion() throws {
        let pod = Fixture.pod("del", containers: [Fixture.container("web")])
        var driver = LifecycleDriver(pod)
        driver.advance()
        let runID = try #require(driver.runID("web"))
        let actions = driver.lifecycle.update(Fixture.deleting(pod, grace: 10))
        #expect(actions == [.stop(runID: runID, grace: 10)])
        let again = driver.lifecycle.update(Fixture.deleting(pod, grace: 10))
        #expect(again.isEmpty)
        #expect(driver.lifecycle.isTerminating)
        #expect(!driver.lifecycle.isTerminated)
        var status = driver.advance(by: 1)
        #expect(status.phase == "Running")
        #expect(status.container("web")?.state?.running != nil)

        _ = driver.lifecycle.containerExited(runID: runID, exit: .signaled(15), now: driver.now)
        status = driver.advance(by: 1)
        #expect(driver.actions.isEmpty)
        #expect(status.container("web")?.state?.terminated?.exitCode == 143)
        #expect(status.phase == "Running", "stopped containers are reported before the terminal phase")
        #expect(!driver.lifecycle.isTerminated)
        status = driver.advance()
        #expect(driver.lifecycle.isTerminated)
        #expect(status.container("web")?.state?.terminated?.exitCode == 143)
        #expect(status.phase == "Failed")
        #expect(status.conditionStatus("PodReadyToStartContainers") == "False")
    }

    @Test("grace 0 is raised to the kubelet's 2 s minimum; a pod never started terminates at once")
    func forcedDeletion() throws {
        let pod = Fixture.pod("del", containers: [Fixture.container("web")])
        var running = LifecycleDriver(pod)
        running.advance()
        let runID = try #require(running.runID("web"))
        let forced = running.lifecycle.update(Fixture.deleting(pod, grace: 0))
        #expect(forced == [.stop(runID: runID, grace: 2)])

        var pulling = LifecycleDriver(pod, pullDelay: 30)
        pulling.advance()
        let none = pulling.lifecycle.update(Fixture.deleting(pod, grace: 30))
        #expect(none.isEmpty)
        pulling.advance(by: 60)
        pulling.advance()
        #expect(pulling.actions.isEmpty)
        #expect(pulling.lifecycle.isTerminated)
    }

    @Test("a new image restarts the container without backoff")
    func imageChange() throws {
        var pod = Fixture.pod("img", containers: [Fixture.container("web", image: "nginx:1.14")])
        var driver = LifecycleDriver(pod)
        driver.advance()
        let runID = try #require(driver.runID("web"))
        pod.spec.containers[0].image = "nginx:1.16"
        let restart = driver.lifecycle.update(pod)
        #expect(restart == [.stop(runID: runID, grace: 30)])
        _ = driver.lifecycle.containerExited(runID: runID, exit: .exited(0), now: driver.now)
        let status = driver.advance(by: 1)
        #expect(driver.started == ["web"])
        #expect(status.container("web")?.restartCount == 1)
        #expect(status.container("web")?.image == "docker.io/library/nginx:1.16")
        #expect(status.container("web")?.lastState?.terminated?.reason == "Completed")
    }

    @Test("launches carry argv, env and the grace period")
    func launchContents() throws {
        let container = Fixture.container(
            "app", image: "busybox", command: ["sh", "-c", "echo $(GREETING)"],
            env: [EnvVar(name: "GREETING", value: "hello")])
        var driver = LifecycleDriver(Fixture.pod("env", containers: [container], grace: 7))
        driver.advance()
        guard case .start(let launch) = try #require(driver.actions.first) else {
            Issue.record("expected a start action")
            return
        }
        #expect(launch.argv == ["sh", "-c", "echo hello"])
        #expect(launch.environment["GREETING"] == "hello")
        #expect(launch.environment["HOSTNAME"] == "env")
        #expect(launch.gracePeriod == 7)
        #expect(launch.attempt == 0)
        #expect(launch.pod == PodIdentity(namespace: "default", name: "env", uid: "uid-env"))
        #expect(!launch.isSimulated)
    }
}
