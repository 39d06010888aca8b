import Foundation
import KubeAPI
import Wire

/// The kubelet's rules that turn container statuses into the pod's `phase` and its kubelet-owned conditions
/// (`pkg/kubelet/kubelet_pods.go` `getPhase`, `pkg/kubelet/status/generate.go`). Pure functions.
enum PodStatusRules {
    /// Condition types the kubelet owns (everything else in `status.conditions` is carried as it is).
    static let kubeletConditionTypes: Set<String> = [
        "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled",
    ]

    /// The pod phase from its container statuses (`getPhase`).
    ///
    /// - Parameter podIsTerminal: the pod is being deleted and every container has stopped, so nothing restarts.
    static func phase(
        spec: PodSpec, initStatuses: [ContainerStatus], statuses: [ContainerStatus], podIsTerminal: Bool
    ) -> String {
        let restartPolicy = spec.restartPolicy.flatMap { $0.isEmpty ? nil : $0 } ?? "Always"
        var pendingInit = 0
        var pendingSidecars = 0
        var failedInit = 0
        var unknown = 0
        var running = 0
        var waiting = 0
        var stopped = 0
        var succeeded = 0
        for container in spec.initContainers ?? [] {
            guard let status = initStatuses.first(where: { $0.name == container.name }) else {
                if isSidecar(container) { unknown += 1 } else { pendingInit += 1 }
                continue
            }
            let state = status.state ?? ContainerState()
            if isSidecar(container) {
                if state.running != nil {
                    if status.started != true { pendingSidecars += 1 }
                    running += 1
                } else if state.terminated == nil, status.lastState?.terminated == nil {
                    pendingSidecars += 1
                }
            } else if state.running != nil {
                pendingInit += 1
            } else if let terminated = state.terminated {
                if terminated.exitCode != 0 { failedInit += 1 }
            } else if let last = status.lastState?.terminated {
                if last.exitCode != 0 { failedInit += 1 }
            } else {
                pendingInit += 1
            }
        }
        for container in spec.containers {
            guard let status = statuses.first(where: { $0.name == container.name }) else {
                unknown += 1
                continue
            }
            let state = status.state ?? ContainerState()
            if state.running != nil {
                running += 1
            } else if let terminated = state.terminated {
                stopped += 1
                if terminated.exitCode == 0 { succeeded += 1 }
            } else if state.waiting != nil {
                if status.lastState?.terminated != nil { stopped += 1 } else { waiting += 1 }
            } else {
                unknown += 1
            }
        }
        if failedInit > 0 && restartPolicy == "Never" { return "Failed" }
        let anyAppStarted = statuses.contains { $0.state?.running != nil || $0.state?.terminated != nil }
        if pendingInit > 0 || (pendingSidecars > 0 && !anyAppStarted) || waiting > 0 { return "Pending" }
        if running > 0 && unknown == 0 { return "Running" }
        if running == 0 && stopped > 0 && unknown == 0 {
            if podIsTerminal { return stopped == succeeded ? "Succeeded" : "Failed" }
            if restartPolicy == "Always" { return "Running" }
            if stopped == succeeded { return "Succeeded" }
            if restartPolicy == "Never" { return "Failed" }
            return "Running"
        }
        return "Pending"
    }

    /// `Initialized` (`GeneratePodInitializedCondition`), without its transition time.
    static func initialized(
        spec: PodSpec, initStatuses: [ContainerStatus], statuses: [ContainerStatus], phase: String
    ) -> PodCondition {
        var incomplete: [String] = []
        for container in spec.initContainers ?? [] {
            let status = initStatuses.first { $0.name == container.name }
            if isSidecar(container) {
                if status?.started != true { incomplete.append(container.name) }
            } else if status?.ready != true {
                incomplete.append(container.name)
            }
        }
        if phase == "Succeeded" { return PodCondition(type: "Initialized", status: "True", reason: "PodCompleted") }
        let anyAppStarted = statuses.contains { $0.state?.running != nil || $0.state?.terminated != nil }
        if anyAppStarted || incomplete.isEmpty { return PodCondition(type: "Initialized", status: "True") }
        return PodCondition(
            type: "Initialized", status: "False", reason: "ContainersNotInitialized",
            message: "containers with incomplete status: " + goList(incomplete))
    }

    /// `ContainersReady` (`GenerateContainersReadyCondition`), without its transition time.
    static func containersReady(
        spec: PodSpec, initStatuses: [ContainerStatus], statuses: [ContainerStatus], phase: String
    ) -> PodCondition {
        if phase == "Succeeded" || phase == "Failed" {
            let reason = phase == "Succeeded" ? "PodCompleted" : "PodFailed"
            return PodCondition(type: "ContainersReady", status: "False", reason: reason)
        }
        var unready: [String] = []
        for container in (spec.initContainers ?? []).filter(isSidecar)
        where initStatuses.first(where: { $0.name == container.name })?.ready != true {
            unready.append(container.name)
        }
        for container in spec.containers where statuses.first(where: { $0.name == container.name })?.ready != true {
            unready.append(container.name)
        }
        guard unready.isEmpty else {
            return PodCondition(
                type: "ContainersReady", status: "False", reason: "ContainersNotReady",
                message: "containers with unready status: " + goList(unready))
        }
        return PodCondition(type: "ContainersReady", status: "True")
    }

    /// `Ready` (`GeneratePodReadyCondition`): `ContainersReady`, then the readiness gates, looked up in
    /// `conditions` (the pod's other conditions).
    static func ready(spec: PodSpec, containersReady: PodCondition, conditions: [PodCondition]) -> PodCondition {
        guard containersReady.status == "True" else {
            return PodCondition(
                type: "Ready", status: containersReady.status, reason: containersReady.reason,
                message: containersReady.message)
        }
        var messages: [String] = []
        for gate in spec.readinessGates ?? [] {
            if let condition = conditions.first(where: { $0.type == gate.conditionType }) {
                if condition.status != "True" {
                    messages.append(
                        "the status of pod readiness gate \"\(gate.conditionType)\" is not \"True\", but "
                            + condition.status)
                }
            } else {
                messages.append(
                    "corresponding condition of pod readiness gate \"\(gate.conditionType)\" does not exist.")
            }
        }
        guard messages.isEmpty else {
            return PodCondition(
                type: "Ready", status: "False", reason: "ReadinessGatesNotReady",
                message: messages.joined(separator: ", "))
        }
        return PodCondition(type: "Ready", status: "True")
    }

    /// An init container with `restartPolicy: Always` (a sidecar).
    static func isSidecar(_ container: Container) -> Bool { container.restartPolicy == "Always" }

    /// Go's `%s` of a `[]string`: `[a b]`.
    static func goList(_ names: [String]) -> String { "[" + names.joined(separator: " ") + "]" }
}
