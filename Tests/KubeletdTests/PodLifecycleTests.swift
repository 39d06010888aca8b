import Foundation
import KubeAPI
import Testing
import Wire

@testable import Kubeletd

@Suite("PodLifecycle: start, pull, readiness")
struct PodLifecycleStartTests {
    @Test("new pod: Pending/ContainerCreating while the image pulls, then Running and Ready")
    func pendingThenRunning() {
        var driver = LifecycleDriver(Fixture.pod("web", containers: [Fixture.container("nginx")]), pullDelay: 5)
        var status = driver.advance()
        #expect(driver.actions.isEmpty)
        #expect(status.phase == "Pending")
        #expect(status.waitingReason("nginx") == "ContainerCreating")
        #expect(status.container("nginx")?.image == "nginx:1.14")
        #expect(status.container("nginx")?.imageID == "")
        #expect(status.container("nginx")?.started == false)
        #expect(status.conditionStatus("PodReadyToStartContainers") == "True")
        #expect(status.conditionStatus("Initialized") == "True")
        #expect(status.condition("Ready")?.reason == "ContainersNotReady")
        #expect(status.condition("Ready")?.message == "containers with unready status: [nginx]")
        #expect(status.condition("ContainersReady")?.status == "False")
        #expect(status.condition("PodScheduled")?.lastTransitionTime == "2026-11-24T20:59:59Z")
        #expect(status.podIP == "10.244.1.2")
        #expect(status.podIPs == [PodIP(ip: "10.244.1.2")])
        #expect(status.hostIP == "172.18.0.2")
        #expect(status.startTime == "2026-11-24T21:00:00Z")
        #expect(status.qosClass == "BestEffort")
        #expect(driver.lifecycle.nextDeadline() == Fixture.t0 + 5)

        status = driver.advance(by: 4)
        #expect(driver.actions.isEmpty)
        #expect(status.waitingReason("nginx") == "ContainerCreating")

        status = driver.advance(by: 1)
        #expect(driver.started == ["nginx"])
        #expect(status.phase == "Running")
        let nginx = status.container("nginx")
        #expect(nginx?.state?.running?.startedAt == "2026-11-24T21:00:05Z")
        #expect(nginx?.ready == true)
        #expect(nginx?.started == true)
        #expect(nginx?.restartCount == 0)
        #expect(nginx?.image == "docker.io/library/nginx:1.14")
        #expect(nginx?.imageID.hasPrefix("docker.io/library/nginx@sha256:") == true)
        #expect(nginx?.containerID?.hasPrefix("emulated://") == true)
        #expect(nginx?.lastState == ContainerState())
        #expect(status.condition("Ready")?.status == "True")
        #expect(status.condition("Ready")?.lastTransitionTime == "2026-11-24T21:00:05Z")
        #expect(status.condition("Initialized")?.lastTransitionTime == "2026-11-24T21:00:00Z")
        let types = status.conditions?.map(\.type)
        #expect(types == ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"])
    }

    @Test("an image already pulled on the node starts without delay")
    func cachedImageStartsAtOnce() {
        var first = LifecycleDriver(Fixture.pod("a", containers: [Fixture.container("c")]), pullDelay: 5)
        first.advance()
        first.advance(by: 5)
        var second = LifecycleDriver(Fixture.pod("b", containers: [Fixture.container("c")]), pullDelay: 5)
        second.images = first.images
        let status = second.advance()
        #expect(second.started == ["c"])
        #expect(status.phase == "Running")
    }

    @Test("unpullable image: ErrImagePull, then ImagePullBackOff, retried after 10s, 20s, 40s")
    func imagePullBackOff() {
        let pod = Fixture.pod("bad", containers: [Fixture.container("c", image: "nginx:non-existent")])
        var driver = LifecycleDriver(pod)
        var status = driver.advance()
        #expect(driver.actions.isEmpty)
        #expect(status.phase == "Pending")
        #expect(status.waitingReason("c") == "ErrImagePull")
        #expect(
            status.container("c")?.state?.waiting?.message?.contains("docker.io/library/nginx:non-existent: not found")
                == true)

        status = driver.advanceToDeadline()
        #expect(driver.now == Fixture.t0 + 5)
        #expect(status.waitingReason("c") == "ImagePullBackOff")
        #expect(status.container("c")?.state?.waiting?.message == "Back-off pulling image \"nginx:non-existent\"")

        status = driver.advanceToDeadline()
        #expect(driver.now == Fixture.t0 + 10)
        #expect(status.waitingReason("c") == "ErrImagePull")

        status = driver.advanceToDeadline()
        #expect(status.waitingReason("c") == "ImagePullBackOff")
        status = driver.advanceToDeadline()
        #expect(driver.now == Fixture.t0 + 30)
        #expect(status.waitingReason("c") == "ErrImagePull")
        driver.advanceToDeadline()
        driver.advanceToDeadline()
        #expect(driver.now == Fixture.t0 + 70)
        #expect(driver.actions.isEmpty)
        #expect(status.phase == "Pending")
        #expect(driver.lifecycle.containers[0].restartCount == 0)
    }

    @Test("image pull backoff is scaled; the pull delay applies to every attempt")
    func scaledPullBackOff() {
        let pod = Fixture.pod("bad", containers: [Fixture.container("c", image: "registry.local/does-not-exist:1")])
        var driver = LifecycleDriver(pod, pullDelay: 1, scale: 0.01)
        var status = driver.advance()
        #expect(status.waitingReason("c") == "ContainerCreating")
        status = driver.advanceToDeadline()
        #expect(driver.now == Fixture.t0 + 1)
        #expect(status.waitingReason("c") == "ErrImagePull")
        status = driver.advanceToDeadline()
        #expect(abs(driver.now.timeIntervalSince(Fixture.t0 + 1.05)) < 1e-6)
        #expect(status.waitingReason("c") == "ImagePullBackOff")
        status = driver.advanceToDeadline()
        #expect(abs(driver.now.timeIntervalSince(Fixture.t0 + 1.1)) < 1e-6)
        #expect(status.waitingReason("c") == "ImagePullBackOff")
        status = driver.advanceToDeadline()
        #expect(status.waitingReason("c") == "ErrImagePull")
    }

    @Test("an invalid reference gives InvalidImageName and is not retried")
    func invalidImageName() {
        var driver = LifecycleDriver(Fixture.pod("p", containers: [Fixture.container("c", image: "Nginx")]))
        let status = driver.advance()
        #expect(status.waitingReason("c") == "InvalidImageName")
        #expect(driver.lifecycle.nextDeadline() == nil)
    }

    @Test("a declared readiness probe becomes ready after its initialDelaySeconds")
    func readinessDelay() {
        let pod = Fixture.pod("r", containers: [Fixture.container("c", readinessDelay: 5)])
        var driver = LifecycleDriver(pod)
        var status = driver.advance()
        #expect(status.phase == "Running")
        #expect(status.container("c")?.ready == false)
        #expect(status.container("c")?.started == true)
        #expect(status.condition("Ready")?.status == "False")
        #expect(status.condition("ContainersReady")?.message == "containers with unready status: [c]")
        #expect(driver.lifecycle.nextDeadline() == Fixture.t0 + 5)
        status = driver.advance(by: 4)
        #expect(status.container("c")?.ready == false)
        status = driver.advance(by: 1)
        #expect(status.container("c")?.ready == true)
        #expect(status.condition("Ready")?.status == "True")
        #expect(status.condition("Ready")?.lastTransitionTime == "2026-11-24T21:00:05Z")
        #expect(driver.lifecycle.nextDeadline() == nil)
    }

    @Test("repeated advances without events change nothing")
    func idempotentAdvance() {
        var driver = LifecycleDriver(Fixture.pod("p", containers: [Fixture.container("c")]))
        let first = driver.advance()
        let second = driver.advance(by: 30)
        #expect(driver.actions.isEmpty)
        #expect(first == second)
    }

    @Test("readiness gates keep Ready False until their condition is True")
    func readinessGates() {
        var pod = Fixture.pod("g", containers: [Fixture.container("c")])
        pod.spec.readinessGates = [PodReadinessGate(conditionType: "example.com/lb")]
        var driver = LifecycleDriver(pod)
        var status = driver.advance()
        #expect(status.condition("ContainersReady")?.status == "True")
        #expect(status.condition("Ready")?.reason == "ReadinessGatesNotReady")
        #expect(
            status.condition("Ready")?.message
                == "corresponding condition of pod readiness gate \"example.com/lb\" does not exist.")
        pod.status.conditions?.append(PodCondition(type: "example.com/lb", status: "True"))
        _ = driver.lifecycle.update(pod)
        status = driver.advance(by: 1)
        #expect(status.condition("Ready")?.status == "True")
        #expect(status.conditions?.first?.type == "example.com/lb")
    }
}
