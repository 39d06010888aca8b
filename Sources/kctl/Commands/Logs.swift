import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl logs POD [-c C] [-f] [--tail N] [--since D] [--timestamps] [-p] [--all-containers]`, also for
/// `TYPE/NAME` (the first of its pods): the container's log, streamed from its node through the control plane.
struct Logs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the logs for a container in a pod or specified resource.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "POD or TYPE/NAME, and optionally the container (deprecated; use -c).")
    var arguments: [String] = []

    @Option(name: [.short, .customLong("container")], help: "Print the logs of this container.")
    var container: String?

    @Flag(name: [.short, .long], help: "Specify if the logs should be streamed.")
    var follow = false

    @Flag(name: [.short, .long], help: "Print the logs for the previous instance of the container, if it exists.")
    var previous = false

    @Flag(help: "Include timestamps on each line in the log output.")
    var timestamps = false

    @Flag(help: "Get all containers' logs in the pod(s).")
    var allContainers = false

    @Option(help: "Lines of recent log file to display; -1 shows all log lines.")
    var tail: Int64 = -1

    @Option(help: "Only return logs newer than a relative duration like 5s, 2m, or 3h; defaults to all logs.")
    var since: String?

    @Option(help: "Maximum bytes of logs to return; defaults to no limit.")
    var limitBytes: Int64 = 0

    @Option(help: "How long to wait for a pod of TYPE/NAME to exist (e.g. 5s, 2m).")
    var podRunningTimeout: String = "20s"

    func run() async throws {
        let plan: LogsPlan
        do {
            plan = try LogsPlan(
                arguments: arguments, container: container, follow: follow, previous: previous,
                timestamps: timestamps, allContainers: allContainers, tail: tail, since: since, limitBytes: limitBytes)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        let timeout = DurationText.parse(podRunningTimeout) ?? .seconds(20)
        let failure = try await APIClient.with(global) { client -> String? in
            do {
                try await Self.stream(plan, client: client, timeout: timeout)
                return nil
            } catch {
                return StreamErrorReporting.render(error)
            }
        }
        if let failure {
            ErrorReporting.printError(failure)
            throw ExitCode(1)
        }
    }

    private static func stream(_ plan: LogsPlan, client: APIClient, timeout: Duration) async throws {
        let resolved: (pod: Pod, notice: String?)
        do {
            resolved = try await PodResolver.resolve(plan.target, client: client, ranking: .logging, timeout: timeout)
        } catch let status as Status where status.reason == .notFound {
            // kubectl logs reports a missing object as its own error, naming the namespace.
            throw LogsExecError(
                "error from server (NotFound): \(status.message ?? "") in namespace \"\(client.defaultNamespace)\"")
        }
        let (pod, notice) = resolved
        if let notice { ErrorReporting.printError(notice) }
        let containers: [String]
        if plan.allContainers {
            containers = PodSelection.allContainerNames(pod)
        } else if let container = plan.container {
            guard PodSelection.allContainerNames(pod).contains(container) else {
                throw LogsExecError("container \(container) is not valid for pod \(pod.name)")
            }
            containers = [container]
        } else {
            let (container, notices) = PodSelection.defaultContainer(of: pod)
            for line in notices { ErrorReporting.printError(line) }
            containers = [container]
        }
        let requests = containers.map {
            plan.request(namespace: pod.metadata.namespace ?? client.defaultNamespace, pod: pod.name, container: $0)
        }
        if plan.follow {
            // Followed across control-plane restarts; several containers together, as kubectl does: lines of
            // different containers interleave as they come.
            let window = client.timeout > .zero ? client.timeout : .seconds(30)
            let transport = APIWatchTransport(client: client)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for request in requests {
                    let follower = LogFollower(
                        request: request, showTimestamps: plan.timestamps, policy: WatchRetry.Policy(window: window),
                        write: { FileHandle.standardOutput.write(Data($0)) })
                    group.addTask { try await follower.run(transport) }
                }
                try await group.waitForAll()
            }
        } else {
            for request in requests { try await copy(client.wire.stream(request)) }
        }
    }

    /// Writes a stream's output to stdout as it arrives.
    private static func copy(_ stream: WireStream) async throws {
        while let chunk = try await stream.next() { StandardOutput.write(chunk) }
    }
}
