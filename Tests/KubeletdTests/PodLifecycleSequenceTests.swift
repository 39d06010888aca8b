import Foundation
import KubeAPI
import Testing
import Wire

@testable import Kubeletd

/// Every state a kubelet passes through is reported, even when the emulated step takes no time, with the kubelet's
/// Events: what `kubectl get pods -w` and `kubectl describe pod` show.
@Suite("PodLifecycle: the status sequence and the kubelet's events")
struct PodLifecycleSequenceTests {
    /// kubectl's READY and STATUS for a pod with one container and its status (the printer's rules, enough here).
    static func row(_ status: PodStatus, deleting: Bool = false) -> String {
        let statuses = status.containerStatuses ?? []
        let ready = statuses.filter { $0.ready == true }.count
        var reason = status.phase ?? ""
        for container in statuses.reversed() {
            if let waiting = container.state?.waiting?.reason, !waiting.isEmpty {
                reason = waiting
            } else if let terminated = container.state?.terminated {
                reason = terminated.reason ?? "ExitCode:\(terminated.exitCode)"
            }
        }
        if deleting && status.phase != "Succeeded" && status.phase != "Failed" { reason = "Terminating" }
        if reason == "Completed" && status.phase == "Running" { reason = "Running" }
        return "\(ready)/\(statuses.count) \(reason)"
    }

    @Test("a new pod's first status is written before any container is created: Pending, ContainerCreating")
    func firstStatusBeforeContainers() {
        let pod = Fixture.pod("new", containers: [Fixture.container("filebeat")])
        var lifecycle = PodLifecycle(
            pod: pod, hostIP: "172.18.0.2", podIP: "10.244.1.2", timing: RuntimeTiming(), now: Fixture.t0)
        var images = ImageCache()
        #expect(lifecycle.advance(now: Fixture.t0, images: &images).isEmpty, "nothing starts before the first status")
        #expect(lifecycle.nextDeadline() == Fixture.t0, "the first status is due at once")

        let first = lifecycle.refreshStatus(now: Fixture.t0)
        #expect(first.phase == "Pending")
        #expect(first.waitingReason("filebeat") == "ContainerCreating")
        #expect(first.conditionStatus("PodReadyToStartContainers") == "False")
        #expect(Self.row(first) == "0/1 ContainerCreating")

        let actions = lifecycle.advance(now: Fixture.t0, images: &images)
        #expect(actions.count == 1)
        let running = lifecycle.refreshStatus(now: Fixture.t0)
        #expect(Self.row(running) == "1/1 Running")
        #expect(running.conditionStatus("PodReadyToStartContainers") == "True")
        #expect(lifecycle.nextDeadline() == nil)
    }

    @Test("deletion: 1/1 Terminating, then 0/1 Terminating (stopped, phase held), then the terminal phase")
    func terminationSequence() throws {
        let pod = Fixture.pod("old", containers: [Fixture.container("filebeat")])
        var driver = LifecycleDriver(pod)
        driver.advance()
        let runID = try #require(driver.runID("filebeat"))
        let deleting = Fixture.deleting(pod, grace: 30)
        #expect(driver.lifecycle.update(deleting) == [.stop(runID: runID, grace: 30)])
        var rows = [Self.row(driver.advance(), deleting: true)]

        _ = driver.lifecycle.containerExited(runID: runID, exit: .exited(0), now: driver.now)
        let stopped = driver.lifecycle.refreshStatus(now: driver.now)
        rows.append(Self.row(stopped, deleting: true))
        #expect(stopped.phase == "Running")
        #expect(stopped.container("filebeat")?.state?.terminated?.reason == "Completed")
        #expect(stopped.condition("Ready")?.status == "False")
        #expect(!driver.lifecycle.isTerminated, "not deleted before the terminal phase is written")
        #expect(driver.lifecycle.nextDeadline().map { $0 <= driver.now } == true, "the terminal status is due")

        let terminal = driver.advance()
        rows.append(Self.row(terminal, deleting: true))
        #expect(terminal.phase == "Succeeded")
        #expect(driver.lifecycle.isTerminated)
        #expect(rows == ["1/1 Terminating", "0/1 Terminating", "0/1 Completed"])
    }

    @Test("events of a first start: Pulling, Pulled (with time and size), Created, Started")
    func eventsOfAFirstStart() {
        var driver = LifecycleDriver(
            Fixture.pod("web", containers: [Fixture.container("nginx", image: "nginx:1.14")]), pullDelay: 1.2)
        driver.advance()
        var events = driver.lifecycle.takeEvents()
        #expect(events.map(\.event.reason) == ["Pulling"])
        #expect(events.first?.event.message == "Pulling image \"nginx:1.14\"")
        #expect(events.first?.fieldPath == "spec.containers{nginx}")

        driver.advanceToDeadline()
        events = driver.lifecycle.takeEvents()
        #expect(events.map(\.event.reason) == ["Pulled", "Created", "Started", "Simulated"])
        let size = ImagePullRule.imageSize(for: "nginx:1.14")
        #expect(
            events[0].event.message
                == "Successfully pulled image \"nginx:1.14\" in 1.2s (1.2s including waiting). Image size: \(size) bytes.")
        #expect(events[1].event.message == "Created container: nginx")
        #expect(events[2].event.message == "Started container nginx")
        #expect(
            events[3].event.message
                == "Container nginx is simulated: image \"nginx:1.14\" is not in the runtime's catalogue: its default "
                + "process is simulated")
        #expect(events.allSatisfy { $0.event.type == "Normal" })
        #expect(driver.lifecycle.takeEvents().isEmpty, "taken once")
    }

    @Test("an image on the node: already present; deletion: Killing with Stopping container")
    func eventsWithACachedImage_andKilling() throws {
        var first = LifecycleDriver(Fixture.pod("a", containers: [Fixture.container("c")]))
        first.advance()
        var second = LifecycleDriver(Fixture.pod("b", containers: [Fixture.container("c")]))
        second.images = first.images
        second.advance()
        let events = second.lifecycle.takeEvents().map(\.event)
        #expect(events.map(\.reason) == ["Pulled", "Created", "Started", "Simulated"])
        #expect(events.first?.message == "Container image \"nginx:1.14\" already present on machine")

        _ = second.lifecycle.update(Fixture.deleting(Fixture.pod("b", containers: [Fixture.container("c")]), grace: 30))
        let killing = second.lifecycle.takeEvents().map(\.event)
        #expect(killing == [ContainerEvent(type: "Normal", reason: "Killing", message: "Stopping container c")])
    }

    @Test("an unpullable image: Failed to pull, Error: ErrImagePull, then BackOff and Error: ImagePullBackOff")
    func eventsOfAFailedPull() {
        var driver = LifecycleDriver(Fixture.pod("bad", containers: [Fixture.container("c", image: "nginx:non-existent")]))
        driver.advance()
        var events = driver.lifecycle.takeEvents().map(\.event)
        #expect(events.map(\.reason) == ["Pulling", "Failed", "Failed"])
        #expect(events[1].type == "Warning")
        #expect(events[1].message.hasPrefix("Failed to pull image \"nginx:non-existent\": rpc error: code = NotFound"))
        #expect(events[2].message == "Error: ErrImagePull")
        driver.advanceToDeadline()
        events = driver.lifecycle.takeEvents().map(\.event)
        #expect(events.map(\.reason) == ["BackOff", "Failed"])
        #expect(events[0].message == "Back-off pulling image \"nginx:non-existent\"")
        #expect(events[1].message == "Error: ImagePullBackOff")
    }

    @Test("a new image: Killing says the definition changed, then the container is created and started again")
    func eventsOfAnImageChange() {
        var pod = Fixture.pod("img", containers: [Fixture.container("web", image: "nginx:1.14")])
        var driver = LifecycleDriver(pod)
        driver.advance()
        _ = driver.lifecycle.takeEvents()
        pod.spec.containers[0].image = "nginx:1.15"
        _ = driver.lifecycle.update(pod)
        #expect(driver.lifecycle.takeEvents().map(\.event.message) == ["Container web definition changed, will be restarted"])
    }
}
