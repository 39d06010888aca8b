import Foundation
import KubeAPI
import Wire

/// Why ``PodRuntime`` could not serve a logs (or exec) request; descriptions are kubectl's wording.
enum PodRuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No such pod on this node.
    case podNotFound(namespace: String, name: String)
    /// The pod has no container of that name.
    case containerNotValid(container: String, pod: String)
    /// No container named and the pod has several.
    case containerNameRequired(pod: String, choices: [String])
    /// The container has not run yet.
    case waitingToStart(container: String, pod: String, reason: String)
    /// `--previous` for a container that has not restarted.
    case previousNotFound(container: String, pod: String)
    /// exec into a container that is not running.
    case containerNotRunning(container: String)

    var description: String {
        switch self {
        case .podNotFound(_, let name):
            return "pods \"\(name)\" not found"
        case .containerNotValid(let container, let pod):
            return "container \(container) is not valid for pod \(pod)"
        case .containerNameRequired(let pod, let choices):
            return "a container name must be specified for pod \(pod), choose one of: "
                + PodStatusRules.goList(choices)
        case .waitingToStart(let container, let pod, let reason):
            return "container \"\(container)\" in pod \"\(pod)\" is waiting to start: \(reason)"
        case .previousNotFound(let container, let pod):
            return "previous terminated container \"\(container)\" in pod \"\(pod)\" not found"
        case .containerNotRunning(let container):
            return "container not found (\"\(container)\")"
        }
    }
}

/// The environment and directory a container's processes run in (for `kctl exec`).
struct ContainerProcessContext: Sendable, Hashable {
    /// The container's name.
    var container: String
    /// The container's environment (its `PATH`, else kubeletd's).
    var environment: [String: String]
    var workingDirectory: String
    /// The pod, its directories, the container's image, volume mounts and `workingDir`, and the node's sandbox:
    /// what an exec's program and sandbox are decided from (``ContainerProgram``, ``SandboxLauncher``).
    var pod = PodIdentity(namespace: "", name: "", uid: "")
    var directories: PodDirectories? = nil
    var image = ""
    var mounts: [ContainerMount] = []
    var requestedWorkingDirectory: String? = nil
    var sandbox: SandboxSettings? = nil
    /// The sandbox launcher of the container's live run, whose PID namespace an exec joins (`nil`: simulated or
    /// not started through a sandbox).
    var joinPID: Int32? = nil
}

extension PodRuntime {
    /// The captured output (stdout and stderr) of a container's current run, or with `previous` of the run
    /// before it, without the log file's timestamps. Pods the runtime no longer tracks are served from their log
    /// files while those exist.
    ///
    /// - Parameter container: `nil` picks the pod's only container.
    func logs(namespace: String, name: String, container: String? = nil, previous: Bool = false) throws -> String {
        let url = try logFile(namespace: namespace, name: name, container: container, previous: previous)
        guard let data = FileManager.default.contents(atPath: url.path) else { return "" }
        return String(decoding: CRILog.text(of: CRILog.records(in: Array(data)).records), as: UTF8.self)
    }

    /// Whether `logFile` (from ``logFile(namespace:name:container:previous:)``) belongs to a run that is still
    /// going, so it may grow (for `follow`).
    func isWriting(_ logFile: URL, namespace: String, name: String) -> Bool {
        guard let lifecycle = podLifecycle(namespace: namespace, name: name) else { return false }
        let container = logFile.deletingLastPathComponent().lastPathComponent
        guard let attempt = Int(logFile.deletingPathExtension().lastPathComponent),
            let machine = (lifecycle.containers + lifecycle.initContainers).first(where: { $0.name == container }),
            machine.activeRun?.attempt == attempt
        else { return false }
        return directories.logFile(lifecycle.identity, container: container, attempt: attempt) == logFile
    }

    /// The process context of a container that is running (for `kctl exec`): `container` when it is one of the
    /// pod's containers, else its only one.
    func execContext(namespace: String, name: String, container: String? = nil) throws -> ContainerProcessContext {
        let context = try processContext(namespace: namespace, name: name, container: container)
        let chosen = context.container
        guard let lifecycle = podLifecycle(namespace: namespace, name: name),
            lifecycle.containers.first(where: { $0.name == chosen })?.activeRun != nil
        else { throw PodRuntimeError.containerNotRunning(container: chosen) }
        return context
    }

    /// The log file ``logs(namespace:name:container:previous:)`` reads (for following it).
    func logFile(namespace: String, name: String, container: String? = nil, previous: Bool = false) throws -> URL {
        if let lifecycle = podLifecycle(namespace: namespace, name: name) {
            let machines = lifecycle.containers + lifecycle.initContainers
            let chosen = try choose(
                container, among: machines.map(\.name), defaults: lifecycle.containers.map(\.name), pod: name)
            guard let machine = machines.first(where: { $0.name == chosen }) else {
                throw PodRuntimeError.containerNotValid(container: chosen, pod: name)
            }
            let current = machine.attempts - 1
            if current < 0 {
                let reason = machine.status(defaultWaitingReason: "ContainerCreating").state?.waiting?.reason
                throw PodRuntimeError.waitingToStart(
                    container: chosen, pod: name, reason: reason ?? "ContainerCreating")
            }
            let attempt = previous ? current - 1 : current
            guard attempt >= 0 else { throw PodRuntimeError.previousNotFound(container: chosen, pod: name) }
            return directories.logFile(lifecycle.identity, container: chosen, attempt: attempt)
        }
        guard let identity = directories.knownPods(namespace: namespace, name: name).first else {
            throw PodRuntimeError.podNotFound(namespace: namespace, name: name)
        }
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: directories.podDirectory(identity).path))?
            .filter { $0 != "workdir" }.sorted() ?? []
        let chosen = try choose(container, among: names, defaults: names, pod: name)
        let attempts = directories.loggedAttempts(identity, container: chosen)
        guard let attempt = previous ? attempts.dropLast().last : attempts.last else {
            throw previous
                ? PodRuntimeError.previousNotFound(container: chosen, pod: name)
                : PodRuntimeError.containerNotValid(container: chosen, pod: name)
        }
        return directories.logFile(identity, container: chosen, attempt: attempt)
    }

    /// The environment and working directory of a running pod's container (for `kctl exec`).
    func processContext(namespace: String, name: String, container: String? = nil) throws -> ContainerProcessContext {
        guard let lifecycle = podLifecycle(namespace: namespace, name: name) else {
            throw PodRuntimeError.podNotFound(namespace: namespace, name: name)
        }
        let names = lifecycle.containers.map(\.name)
        let chosen = try choose(container, among: names, defaults: names, pod: name)
        guard let spec = lifecycle.pod.spec.containers.first(where: { $0.name == chosen }) else {
            throw PodRuntimeError.containerNotValid(container: chosen, pod: name)
        }
        let launch = ContainerLaunch.make(
            pod: lifecycle.pod, container: spec, role: .app, runID: "", attempt: 0, context: lifecycle.context)
        // The live run's own environment: service variables are those of the Services when it started.
        let runID = lifecycle.containers.first { $0.name == chosen }?.activeRun?.id
        var environment = runID.flatMap { self.environment(ofRun: $0) } ?? launch.environment
        let mounts = runID.flatMap { self.launch(ofRun: $0) }?.mounts ?? launch.mounts
        if environment["PATH"] == nil {
            environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? ContainerProcessDriver.defaultPath
        }
        return ContainerProcessContext(
            container: chosen, environment: environment, workingDirectory: directories.workingDirectory(for: launch),
            pod: lifecycle.identity, directories: directories, image: spec.image ?? "", mounts: mounts,
            requestedWorkingDirectory: launch.workingDirectory, sandbox: sandbox,
            joinPID: runID.flatMap { self.process(ofRun: $0) })
    }

    /// `container` when it is one of `names`; without a name, the only one of `defaults` (the app containers).
    private func choose(_ container: String?, among names: [String], defaults: [String], pod: String) throws
        -> String
    {
        if let container, !container.isEmpty {
            guard names.contains(container) else {
                throw PodRuntimeError.containerNotValid(container: container, pod: pod)
            }
            return container
        }
        guard defaults.count == 1, let only = defaults.first else {
            throw PodRuntimeError.containerNameRequired(pod: pod, choices: defaults)
        }
        return only
    }
}
