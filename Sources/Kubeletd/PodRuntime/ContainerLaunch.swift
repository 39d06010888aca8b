import Foundation
import KubeAPI
import Wire

/// Everything a driver needs to start one run of a container. Built by pure code from the pod.
struct ContainerLaunch: Sendable, Hashable {
    var pod: PodIdentity
    var container: String
    var role: ContainerRole
    var runID: String
    /// 0 for the first run; the log file is `<attempt>.log`.
    var attempt: Int
    var image: String
    /// `command` + `args` with `$(VAR)` expanded; empty for a simulated container.
    var argv: [String]
    /// The container's environment (without `PATH` unless the container sets it).
    var environment: [String: String]
    /// The container's `workingDir`, if it sets one.
    var workingDirectory: String?
    /// `terminationGracePeriodSeconds`, used when the runtime itself is cancelled.
    var gracePeriod: TimeInterval
    /// Things worth a log line (`valueFrom` that the emulator cannot resolve).
    var notes: [String]
    /// The container's `stdin`, `stdinOnce` and `tty` (what `pods/attach` gets).
    var stdin = false
    var stdinOnce = false
    var tty = false
    /// The container's volume mounts, with their content already in the pod's directory.
    var mounts: [ContainerMount] = []

    /// What runs: a program this node provides, a start failure, or a simulation (``ContainerProgram``).
    var program: ContainerProgram = .simulated(reason: "no command")
    /// A simulated run completes (exit 0 after a short run) instead of running until stopped: init containers,
    /// and app containers of pods whose `restartPolicy` is `Never` or `OnFailure`.
    var simulationCompletes = false

    /// Whether no process runs (``ContainerProgram/simulated(reason:)``).
    var isSimulated: Bool {
        if case .simulated = program { return true }
        return false
    }

    /// Builds the launch for run `runID` (`attempt`) of `container` in `pod`.
    static func make(
        pod: Pod, container: Container, role: ContainerRole, runID: String, attempt: Int,
        context: PodEnvironmentContext
    ) -> ContainerLaunch {
        let identity = PodIdentity(
            namespace: pod.metadata.namespace ?? "default", name: pod.metadata.name ?? "",
            uid: pod.metadata.uid ?? "")
        let (environment, notes) = ContainerEnvironment.build(pod: pod, container: container, context: context)
        let argv = ((container.command ?? []) + (container.args ?? [])).map {
            ContainerEnvironment.expand($0, with: environment)
        }
        let workingDirectory = container.workingDir.flatMap { $0.isEmpty ? nil : $0 }
        let grace = pod.spec.terminationGracePeriodSeconds.map(TimeInterval.init) ?? RuntimeTiming.defaultGracePeriod
        return ContainerLaunch(
            pod: identity, container: container.name, role: role, runID: runID, attempt: attempt,
            image: container.image ?? "", argv: argv, environment: environment,
            workingDirectory: workingDirectory, gracePeriod: max(grace, RuntimeTiming.minimumGracePeriod),
            notes: notes, stdin: container.stdin ?? false, stdinOnce: container.stdinOnce ?? false,
            tty: container.tty ?? false,
            program: ContainerProgram.resolve(
                image: container.image ?? "",
                command: (container.command ?? []).map { ContainerEnvironment.expand($0, with: environment) },
                args: (container.args ?? []).map { ContainerEnvironment.expand($0, with: environment) },
                programs: .host),
            simulationCompletes: role == .initContainer
                || !["", "Always"].contains(pod.spec.restartPolicy ?? "Always"))
    }
}

/// Node-level facts a container's environment can refer to.
struct PodEnvironmentContext: Sendable, Hashable {
    var hostIP: String
    var podIP: String?
    /// The service environment variables (``ServiceLinks``): `KUBERNETES_SERVICE_HOST`, `REDIS_PORT`, ...
    var serviceEnvironment: [String: String] = [:]
    /// The ConfigMaps and Secrets the kubelet has read (for `envFrom`, `configMapKeyRef`, `secretKeyRef`).
    var objects = PodObjects()
    /// The node's allocatable resources (`cpu`, `memory`, ...): a `resourceFieldRef` to an unset limit reads them.
    var allocatable: [String: String] = [:]
}

/// A container's environment as the kubelet builds it. Pure.
enum ContainerEnvironment {
    /// The environment (``resolve(pod:container:context:)``), and what could not be resolved as notes. Runs only
    /// once ``problem(pod:container:context:)`` has none, so every ConfigMap and Secret it names is at hand.
    static func build(
        pod: Pod, container: Container, context: PodEnvironmentContext
    ) -> (environment: [String: String], notes: [String]) {
        let resolved = resolve(pod: pod, container: container, context: context)
        var notes = resolved.notes
        if let problem = resolved.problem {
            notes.append("environment incomplete: \(problem.message ?? "a ConfigMap or Secret has not been read yet")")
        }
        return (resolved.environment, notes)
    }

    /// Kubernetes' `$(VAR)` expansion: `$(NAME)` becomes NAME's value when defined (else stays as written),
    /// `$$` becomes `$`, any other `$` is literal.
    static func expand(_ text: String, with environment: [String: String]) -> String {
        guard text.contains("$") else { return text }
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            guard character == "$", next < text.endIndex else {
                output.append(character)
                index = next
                continue
            }
            if text[next] == "$" {
                output.append("$")
                index = text.index(after: next)
            } else if text[next] == "(", let close = text[next...].firstIndex(of: ")") {
                let name = String(text[text.index(after: next)..<close])
                output += environment[name] ?? "$(\(name))"
                index = text.index(after: close)
            } else {
                output.append(character)
                index = next
            }
        }
        return output
    }

    /// The value of a `fieldRef.fieldPath` for an environment variable (the pod's `metadata` fields through
    /// ``DownwardAPIField``, `spec.nodeName`, `spec.serviceAccountName`, the host and pod IPs), or `nil` when the
    /// emulator does not know it.
    static func fieldValue(_ path: String, pod: Pod, context: PodEnvironmentContext) -> String? {
        switch path {
        case "spec.nodeName": return pod.spec.nodeName ?? ""
        case "spec.serviceAccountName": return pod.spec.serviceAccountName ?? "default"
        case "status.hostIP", "status.hostIPs": return context.hostIP
        case "status.podIP", "status.podIPs": return context.podIP ?? ""
        case "metadata.labels", "metadata.annotations": return nil
        default: return DownwardAPIField.value(path, pod: pod)
        }
    }
}
