import Foundation
import KubeAPI
import Testing

@testable import Kubeletd

/// Probes: the pure tracker (thresholds, timing) and how a pod's lifecycle acts on results (ready, restarts,
/// startup gating); simulated containers' probes pass without being run.
@Suite struct ProbeTests {
    static func spec(
        period: TimeInterval = 10, delay: TimeInterval = 0, success: Int = 1, failure: Int = 3
    ) -> ProbeSpec {
        ProbeSpec(
            action: .tcpSocket(host: nil, port: 80), initialDelay: delay, period: period, timeout: 1,
            successThreshold: success, failureThreshold: failure)
    }

    @Test("defaults and parsing: periods, thresholds, named ports, actions")
    func parsing() {
        var container = Container(name: "c", image: "busybox", command: ["sleep", "1"])
        container.ports = [ContainerPort(name: "http", containerPort: 8080)]
        container.readinessProbe = .object([
            "httpGet": .object(["path": .string("healthz"), "port": .string("http")]), "successThreshold": .int(2),
        ])
        container.livenessProbe = .object(["exec": .object(["command": .array([.string("true")])]), "periodSeconds": .int(3)])
        container.startupProbe = .object(["tcpSocket": .object(["port": .string("nope")])])
        let readiness = ProbeSpec.of(container, kind: .readiness)
        #expect(readiness?.action == .httpGet(host: nil, port: 8080, path: "/healthz", scheme: "HTTP", headers: [:]))
        #expect(readiness?.period == 10 && readiness?.timeout == 1 && readiness?.failureThreshold == 3)
        #expect(readiness?.successThreshold == 2)
        let liveness = ProbeSpec.of(container, kind: .liveness)
        #expect(liveness?.action == .exec(command: ["true"]) && liveness?.period == 3 && liveness?.successThreshold == 1)
        #expect(ProbeSpec.of(container, kind: .startup)?.action == .unsupported(reason: "port nope is not one of the container's ports"))
        #expect(ProbeSpec.of(Container(name: "x"), kind: .readiness) == nil)
    }

    @Test("the result changes only after successThreshold successes or failureThreshold failures in a row")
    func thresholds() {
        var readiness = ProbeTracker(kind: .readiness, spec: Self.spec(delay: 5, success: 2, failure: 2), startedAt: Fixture.t0)
        #expect(!readiness.succeeding && !readiness.isDue(Fixture.t0) && readiness.isDue(Fixture.t0 + 5))
        readiness.begin()
        #expect(!readiness.isDue(Fixture.t0 + 100), "one probe at a time")
        #expect(readiness.record(success: true, now: Fixture.t0 + 5) == nil)
        #expect(readiness.nextDue == Fixture.t0 + 15)
        readiness.begin()
        #expect(readiness.record(success: true, now: Fixture.t0 + 15) == true)
        readiness.begin()
        #expect(readiness.record(success: false, now: Fixture.t0 + 25) == nil)
        readiness.begin()
        #expect(readiness.record(success: true, now: Fixture.t0 + 35) == nil, "a success resets the failures")
        readiness.begin()
        #expect(readiness.record(success: false, now: Fixture.t0 + 45) == nil)
        readiness.begin()
        #expect(readiness.record(success: false, now: Fixture.t0 + 55) == false)
        let liveness = ProbeTracker(kind: .liveness, spec: Self.spec(), startedAt: Fixture.t0)
        #expect(liveness.succeeding)
    }

    /// A real busybox container with `probes` set on it.
    static func pod(_ configure: (inout Container) -> Void) -> Pod {
        var container = Fixture.container("app", image: "busybox", command: ["sleep", "3600"])
        configure(&container)
        return Fixture.pod("p", containers: [container])
    }

    static func probes(_ actions: [PodAction]) -> [ProbeRequest] {
        actions.compactMap { if case .probe(let request) = $0 { request } else { nil } }
    }

    @Test("readiness drives ready and the pod's Ready condition; probes run at their period")
    func readiness() throws {
        var driver = LifecycleDriver(Self.pod {
            $0.readinessProbe = .object(["tcpSocket": .object(["port": .int(80)]), "periodSeconds": .int(2)])
        })
        var status = driver.advance()
        #expect(driver.started == ["app"])
        #expect(status.container("app")?.ready == false && status.conditionStatus("Ready") == "False")
        status = driver.advance()
        let request = try #require(Self.probes(driver.actions).first)
        #expect(request.kind == .readiness && request.podIP == "10.244.1.2" && request.container == "app")
        #expect(driver.lifecycle.nextDeadline() == nil, "nothing due while the probe is in flight")
        driver.now += 0.1
        _ = driver.lifecycle.probed(request, success: true, output: "", now: driver.now)
        status = driver.lifecycle.refreshStatus(now: driver.now)
        #expect(status.container("app")?.ready == true && status.conditionStatus("Ready") == "True")
        #expect(driver.lifecycle.nextDeadline() == driver.now + 2)
        driver.advanceToDeadline()
        let again = try #require(Self.probes(driver.actions).first)
        for _ in 0..<3 { _ = driver.lifecycle.probed(again, success: false, output: "refused", now: driver.now) }
        status = driver.lifecycle.refreshStatus(now: driver.now)
        #expect(status.container("app")?.ready == false && status.conditionStatus("Ready") == "False")
        let events = driver.lifecycle.takeEvents().map(\.event)
        #expect(events.contains(ContainerEvent(type: "Warning", reason: "Unhealthy", message: "Readiness probe failed: refused")))
    }

    @Test("a failed liveness probe stops the container to be restarted, with the kubelet's Killing event")
    func liveness() throws {
        var driver = LifecycleDriver(Self.pod {
            $0.livenessProbe = .object(["exec": .object(["command": .array([.string("false")])]), "failureThreshold": .int(1)])
        })
        driver.advance()
        let status = driver.advance()
        #expect(status.container("app")?.ready == true, "no readiness probe: ready once started")
        let request = try #require(Self.probes(driver.actions).first)
        #expect(request.kind == .liveness && request.action == .exec(command: ["false"]))
        let actions = driver.lifecycle.probed(request, success: false, output: "", now: driver.now)
        #expect(actions == [.stop(runID: request.runID, grace: 30)])
        let events = driver.lifecycle.takeEvents().map(\.event.message)
        #expect(events.contains("Container app failed liveness probe, will be restarted"))
        _ = driver.lifecycle.containerExited(runID: request.runID, exit: .signaled(15), now: driver.now + 1)
        driver.now += 1
        driver.advance()
        #expect(driver.started == ["app"], "restarted by restartPolicy Always")
    }

    @Test("the startup probe gates the others: not started, not ready, no liveness until it passes")
    func startup() throws {
        var driver = LifecycleDriver(Self.pod {
            $0.startupProbe = .object(["tcpSocket": .object(["port": .int(80)])])
            $0.livenessProbe = .object(["tcpSocket": .object(["port": .int(80)])])
        })
        driver.advance()
        var status = driver.advance()
        #expect(status.container("app")?.started == false && status.container("app")?.ready == false)
        let kinds = Self.probes(driver.actions).map(\.kind)
        #expect(kinds == [.startup])
        let request = try #require(Self.probes(driver.actions).first)
        _ = driver.lifecycle.probed(request, success: true, output: "", now: driver.now)
        status = driver.advance()
        #expect(status.container("app")?.started == true && status.container("app")?.ready == true)
        #expect(Self.probes(driver.actions).map(\.kind) == [.liveness])
    }

    @Test("simulated containers' probes are not run: they pass (readiness after its initial delay)")
    func simulated() {
        var container = Fixture.container("web", image: "nginx:1.14", readinessDelay: 3)
        container.livenessProbe = .object(["httpGet": .object(["port": .int(80)])])
        var driver = LifecycleDriver(Fixture.pod("sim", containers: [container]))
        driver.advance()
        var status = driver.advance()
        #expect(Self.probes(driver.actions).isEmpty && status.container("web")?.ready == false)
        status = driver.advance(by: 3)
        #expect(status.container("web")?.ready == true && Self.probes(driver.actions).isEmpty)
    }

    @Test("probe addresses: the pod's own address and loopback only")
    func addresses() {
        #expect(ProbeRunner.address(nil, podIP: "10.244.1.2") == "127.0.0.1")
        #expect(ProbeRunner.address("10.244.1.2", podIP: "10.244.1.2") == "127.0.0.1")
        #expect(ProbeRunner.address(nil, podIP: "127.0.1.3") == "127.0.1.3")
        #expect(ProbeRunner.address("localhost", podIP: "10.244.1.2") == "127.0.0.1")
        #expect(ProbeRunner.address("127.0.0.5", podIP: "10.244.1.2") == "127.0.0.5")
        #expect(ProbeRunner.address("192.168.1.1", podIP: "10.244.1.2") == nil)
        #expect(ProbeRunner.address("example.com", podIP: "10.244.1.2") == nil)
    }
}
