import Foundation
import KubeAPI
import Wire

@testable import Kubeletd

/// Small factories and a manual-time driver for the pod runtime's pure state machines.
enum Fixture {
    /// A fixed start time (2026-11-24T21:00:00Z).
    static let t0 = Date(timeIntervalSince1970: 1_795_554_000)

    static func container(
        _ name: String, image: String = "nginx:1.14", command: [String]? = nil, env: [EnvVar]? = nil,
        readinessDelay: Int64? = nil, restartPolicy: String? = nil
    ) -> Container {
        var container = Container(name: name, image: image, command: command, env: env)
        if let readinessDelay {
            container.readinessProbe = .object([
                "httpGet": .object(["path": .string("/"), "port": .int(80)]),
                "initialDelaySeconds": .int(readinessDelay),
            ])
        }
        container.restartPolicy = restartPolicy
        return container
    }

    static func pod(
        _ name: String, containers: [Container], initContainers: [Container]? = nil,
        restartPolicy: String = "Always", namespace: String = "default", grace: Int64? = 30
    ) -> Pod {
        var metadata = ObjectMeta(name: name, namespace: namespace)
        metadata.uid = "uid-\(name)"
        var spec = PodSpec(containers: containers, initContainers: initContainers, restartPolicy: restartPolicy)
        spec.nodeName = "node-1"
        spec.terminationGracePeriodSeconds = grace
        var status = PodStatus(phase: "Pending")
        status.qosClass = "BestEffort"
        status.conditions = [
            PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: "2026-11-24T20:59:59Z")
        ]
        return Pod(metadata: metadata, spec: spec, status: status)
    }

    /// A ClusterIP Service with one TCP port.
    static func service(
        _ name: String, namespace: String = "default", ip: String, port: Int32, portName: String? = nil
    ) -> ServiceObject {
        var service = ServiceObject(metadata: ObjectMeta(name: name, namespace: namespace))
        service.spec.clusterIP = ip
        service.spec.ports = [ServicePort(name: portName, protocol: "TCP", port: port, targetPort: .int(Int(port)))]
        return service
    }

    /// `pod` marked for deletion with `grace` seconds.
    static func deleting(_ pod: Pod, grace: Int64) -> Pod {
        var pod = pod
        pod.metadata.deletionTimestamp = "2026-11-24T21:10:00Z"
        pod.metadata.deletionGracePeriodSeconds = grace
        return pod
    }
}

/// Drives one ``PodLifecycle`` with a manual clock, collecting the actions it asks for.
struct LifecycleDriver {
    var lifecycle: PodLifecycle
    var images = ImageCache()
    var now = Fixture.t0
    var actions: [PodAction] = []
    /// The pod's first status, written before any container is created.
    private(set) var initialStatus = PodStatus()

    /// A driver past the pod's first status (`Pending`, `ContainerCreating`), as the runtime reports it on accept.
    init(_ pod: Pod, pullDelay: TimeInterval = 0, scale: Double = 1, podIP: String? = "10.244.1.2") {
        lifecycle = PodLifecycle(
            pod: pod, hostIP: "172.18.0.2", podIP: podIP,
            timing: RuntimeTiming(imagePullDelay: pullDelay, backoffScale: scale), now: Fixture.t0)
        initialStatus = lifecycle.refreshStatus(now: Fixture.t0)
    }

    /// Advances to `now + seconds` and returns the status there.
    @discardableResult
    mutating func advance(by seconds: TimeInterval = 0) -> PodStatus {
        now += seconds
        actions = lifecycle.advance(now: now, images: &images)
        return lifecycle.refreshStatus(now: now)
    }

    /// Jumps to the pod's next deadline (failing the caller's expectations if there is none).
    @discardableResult
    mutating func advanceToDeadline() -> PodStatus {
        guard let deadline = lifecycle.nextDeadline() else { return lifecycle.refreshStatus(now: now) }
        return advance(by: deadline.timeIntervalSince(now))
    }

    /// The live run of `container`.
    func runID(_ container: String) -> String? {
        (lifecycle.containers + lifecycle.initContainers).first { $0.name == container }?.activeRun?.id
    }

    /// The containers started by the last advance.
    var started: [String] {
        actions.compactMap { if case .start(let launch) = $0 { launch.container } else { nil } }
    }

    /// `container`'s live run exits with `code` after `seconds`; returns the status right after (before advancing).
    @discardableResult
    mutating func exit(_ container: String, code: Int32, after seconds: TimeInterval = 1) -> PodStatus {
        now += seconds
        if let id = runID(container) { _ = lifecycle.containerExited(runID: id, exit: .exited(code), now: now) }
        return lifecycle.refreshStatus(now: now)
    }
}

extension PodStatus {
    /// The status of container `name` (app or init).
    func container(_ name: String) -> ContainerStatus? {
        (containerStatuses ?? []).first { $0.name == name } ?? (initContainerStatuses ?? []).first { $0.name == name }
    }

    /// `waiting.reason` of container `name`.
    func waitingReason(_ name: String) -> String? { container(name)?.state?.waiting?.reason }

    /// The `status` of condition `type`.
    func conditionStatus(_ type: String) -> String? { condition(type)?.status }
}
