import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl drain NODE...`: cordons the nodes, then evicts their pods as kubectl does (`pkg/drain`): DaemonSet-managed
/// pods, pods with emptyDir data and pods without a controller stop the drain unless `--ignore-daemonsets`,
/// `--delete-emptydir-data` or `--force` allow them; then each pod is evicted (`evicting pod default/x`) and
/// awaited until gone (`pod/x evicted`), and the node is `drained`.
///
/// The API has no eviction subresource and no PodDisruptionBudgets, so an eviction is the graceful delete the
/// eviction API would make; `--disable-eviction` deletes instead, with kubectl's `deleted` wording.
struct Drain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Drain node in preparation for maintenance.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The node(s): NAME or node/NAME.")
    var nodes: [String] = []

    @Flag(help: "Continue even if there are pods that declare no controller.")
    var force = false

    @Flag(help: "Ignore DaemonSet-managed pods.")
    var ignoreDaemonsets = false

    @Flag(help: "Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).")
    var deleteEmptydirData = false

    @Option(help: "Seconds given to each pod to terminate gracefully; negative: the pod's own.")
    var gracePeriod: Int64 = -1

    @Option(help: "How long to wait before giving up (e.g. 30s, 2m); 0 waits forever.")
    var timeout: String = "0s"

    @Option(help: "Label selector to filter the pods on the node.")
    var podSelector: String?

    @Flag(help: "Delete the pods instead of evicting them.")
    var disableEviction = false

    @Option(help: "Do not wait for pods deleted more than this many seconds ago (0: always wait).")
    var skipWaitForDeleteTimeout: Int = 0

    func validate() throws {
        guard !nodes.isEmpty else { throw ValidationError("USAGE: drain NODE [flags]") }
        guard DurationText.parse(timeout) != nil, timeout.trimmingCharacters(in: .whitespaces) != "" else {
            throw ValidationError("invalid argument \"\(timeout)\" for \"--timeout\" flag: time: invalid duration \"\(timeout)\"")
        }
        if let podSelector, (try? LabelSelectorParser.parse(podSelector)) == nil {
            throw ValidationError("--pod-selector=<pod_selector> must be a valid label selector")
        }
    }

    func run() async throws {
        let drainer = NodeDrainer(
            policy: DrainPolicy(
                force: force, ignoreAllDaemonSets: ignoreDaemonsets, deleteEmptyDirData: deleteEmptydirData,
                skipWaitForDeleteTimeoutSeconds: skipWaitForDeleteTimeout),
            gracePeriod: gracePeriod, timeout: DurationText.parse(timeout) ?? .zero, podSelector: podSelector,
            usingEviction: !disableEviction, colorWarnings: Self.stderrAllowsColor())
        let arguments = nodes
        do {
            try await APIClient.with(global) { client in
                let nodes = try await NodeScheduling.fetch(arguments, client: client)
                await NodeScheduling.setUnschedulable(nodes, true, client: client)
                var fatal: [any Error] = []
                var remaining: [String] = []
                for node in nodes {
                    let name = JSONFields(node).name
                    do {
                        try await drainer.drain(name, client: client)
                        print(DrainText.drained(node: name))
                    } catch {
                        ErrorReporting.printError(DrainText.unableToDrain(node: name, error: KubectlErrors.message(error)))
                        fatal.append(error)
                        remaining.append(name)
                    }
                }
                if let pending = DrainText.pendingNodes(remaining) { ErrorReporting.printError(pending) }
                if !fatal.isEmpty { throw AggregateError(errors: fatal) }
            }
        } catch {
            ErrorReporting.printError(KubectlErrors.checkErr(error))
            throw ExitCode(1)
        }
    }

    /// kubectl's rule for colour on stderr: a terminal, `TERM` not `dumb`, no `NO_COLOR`.
    static func stderrAllowsColor() -> Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb" && environment["NO_COLOR"] == nil
    }
}

/// Drains one node's pods (kubectl's `deleteOrEvictPodsSimple` and `pkg/drain`'s eviction and wait).
struct NodeDrainer: Sendable {
    var policy: DrainPolicy
    var gracePeriod: Int64
    /// Zero waits forever.
    var timeout: Duration
    var podSelector: String?
    var usingEviction: Bool
    var colorWarnings: Bool
    /// How often a pod is checked while waiting for it to go.
    var pollInterval: Duration = .milliseconds(250)

    /// Lists the node's pods, refuses the drain when a filter does, warns, then evicts (or deletes) the pods and
    /// waits until they are gone.
    func drain(_ node: String, client: APIClient) async throws {
        let list = try await podsForDeletion(node, client: client)
        if !list.errors.isEmpty { throw AggregateError(errors: list.errors.map(MessageError.init)) }
        if !list.warnings.isEmpty { ErrorReporting.printError(DrainText.warning(list.warnings, color: colorWarnings)) }
        let pods = list.pods
        guard !pods.isEmpty else { return }
        do {
            if usingEviction {
                try await evict(pods, client: client)
            } else {
                try await delete(pods, client: client)
            }
        } catch {
            do {
                let pending = try await podsForDeletion(node, client: client)
                let names = pending.pods.map { JSONFields($0).name }
                if let text = DrainText.pendingPods(node: node, error: KubectlErrors.message(error), pods: names) {
                    ErrorReporting.printError(text)
                }
                if !pending.errors.isEmpty {
                    let errors = pending.errors.map { MessageError($0) as any Error }
                    ErrorReporting.printError(
                        "Following errors occurred while getting the list of pods to delete:\n\(KubectlErrors.aggregateMessage(errors))")
                }
            } catch let listing {
                ErrorReporting.printError(
                    "Following errors occurred while getting the list of pods to delete:\n\(KubectlErrors.message(listing))")
            }
            throw error
        }
    }

    /// The node's pods with drain's decision for each (kubectl's `GetPodsForDeletion`).
    func podsForDeletion(_ node: String, client: APIClient) async throws -> DrainPodList {
        let pods: [JSONValue]
        do {
            pods = try await client.list(
                .pod, namespace: nil, labelSelector: podSelector, fieldSelector: "spec.nodeName=\(node)")?["items"]?
                .arrayValue ?? []
        } catch {
            throw AggregateError(errors: [error])
        }
        var daemonSets: [String: DaemonSetLookup] = [:]
        for key in DrainFilters.daemonSetKeys(pods) {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            do {
                _ = try await client.get(.daemonSet, namespace: parts[0], name: parts.count > 1 ? parts[1] : "")
                daemonSets[key] = .exists
            } catch let status as Status where status.reason == .notFound {
                daemonSets[key] = .missing(KubectlErrors.message(status))
            } catch {
                daemonSets[key] = .failed(KubectlErrors.message(error))
            }
        }
        return DrainFilters.evaluate(pods, policy: policy, daemonSets: daemonSets, now: Date())
    }

    // MARK: - Eviction and deletion

    /// Evicts each pod (printing `evicting pod ns/name`), then waits for every evicted pod to be gone (printing
    /// `pod/name evicted`), all within the timeout; the failures are returned together.
    private func evict(_ pods: [JSONValue], client: APIClient) async throws {
        let deadline = timeout == .zero ? nil : ContinuousClock.now + timeout
        var errors: [any Error] = []
        var evicted: [JSONValue] = []
        for pod in pods {
            let fields = JSONFields(pod)
            print(DrainText.evicting(namespace: fields.namespace, name: fields.name))
            if let deadline, ContinuousClock.now >= deadline {
                errors.append(MessageError(DrainText.evictionFailed(
                    namespace: fields.namespace, name: fields.name,
                    message: "global timeout reached: \(goDuration(timeout))")))
                continue
            }
            do {
                try await requestEviction(pod, deadline: deadline, client: client)
                evicted.append(pod)
            } catch let status as Status where status.reason == .notFound {
                continue
            } catch {
                errors.append(MessageError(DrainText.evictionFailed(
                    namespace: fields.namespace, name: fields.name, message: KubectlErrors.message(error))))
            }
        }
        let drainer = self
        let waits = await withTaskGroup(of: (any Error)?.self) { group in
            for pod in evicted {
                group.addTask {
                    do {
                        try await drainer.waitUntilGone([pod], deadline: deadline, client: client)
                        return nil
                    } catch {
                        let fields = JSONFields(pod)
                        return MessageError(DrainText.waitFailed(
                            namespace: fields.namespace, name: fields.name, message: KubectlErrors.message(error)))
                    }
                }
            }
            var failures: [any Error] = []
            for await failure in group { if let failure { failures.append(failure) } }
            return failures
        }
        errors += waits
        if !errors.isEmpty { throw AggregateError(errors: errors) }
    }

    /// Deletes every pod, then waits for all of them to be gone (printing `pod/name deleted`) within the timeout.
    private func delete(_ pods: [JSONValue], client: APIClient) async throws {
        for pod in pods {
            do {
                try await requestDeletion(pod, client: client)
            } catch let status as Status where status.reason == .notFound {
                continue
            }
        }
        try await waitUntilGone(pods, deadline: timeout == .zero ? nil : ContinuousClock.now + timeout, client: client)
    }

    /// Asks for the pod's eviction (`pods/NAME/eviction`); while a PodDisruptionBudget refuses it (429), says so on
    /// stderr and asks again every 5 seconds until the deadline, as kubectl's drain does.
    private func requestEviction(
        _ pod: JSONValue, deadline: ContinuousClock.Instant?, client: APIClient
    ) async throws {
        let fields = JSONFields(pod)
        var request = Request(verb: .create, kind: ResourceKind.pod.kind, namespace: fields.namespace, name: fields.name)
        request.subresource = "eviction"
        var eviction: JSONValue = [
            "apiVersion": "policy/v1", "kind": "Eviction",
            "metadata": ["name": .string(fields.name), "namespace": .string(fields.namespace)],
        ]
        if gracePeriod >= 0 { eviction["deleteOptions"] = ["gracePeriodSeconds": .int(gracePeriod)] }
        request.object = eviction
        while true {
            do {
                _ = try await client.send(request)
                return
            } catch let status as Status where status.reason == .tooManyRequests {
                if let deadline, ContinuousClock.now + Self.evictionRetryInterval >= deadline {
                    throw MessageError("global timeout reached: \(goDuration(timeout))")
                }
                ErrorReporting.printError(
                    "error when evicting pods/\"\(fields.name)\" -n \"\(fields.namespace)\" (will retry after 5s): "
                        + KubectlErrors.message(status))
                try await Task.sleep(for: Self.evictionRetryInterval)
            }
        }
    }

    /// How long drain waits before asking again for an eviction a disruption budget refused (kubectl: 5 s).
    static let evictionRetryInterval: Duration = .seconds(5)

    private func requestDeletion(_ pod: JSONValue, client: APIClient) async throws {
        let fields = JSONFields(pod)
        let options = DeleteOptions(gracePeriodSeconds: gracePeriod >= 0 ? gracePeriod : nil)
        try await client.cluster.deleteObject(.pod, namespace: fields.namespace, name: fields.name, options: options)
    }

    /// Polls until each pod is gone (NotFound, or replaced by a pod with another UID), printing its line then;
    /// pods deleted longer ago than `--skip-wait-for-delete-timeout` are skipped with a message.
    private func waitUntilGone(_ pods: [JSONValue], deadline: ContinuousClock.Instant?, client: APIClient) async throws {
        var pending = pods
        while true {
            var still: [JSONValue] = []
            for pod in pending {
                let fields = JSONFields(pod)
                let current: JSONValue?
                do {
                    current = try await client.get(.pod, namespace: fields.namespace, name: fields.name)
                } catch let status as Status where status.reason == .notFound {
                    current = nil
                } catch {
                    print("pod/\(fields.name) \(usingEviction ? "eviction failed" : "deletion failed")")
                    throw error
                }
                guard let current, JSONFields(current).string("metadata", "uid") == fields.string("metadata", "uid")
                else {
                    print(DrainText.finished(name: fields.name, usingEviction: usingEviction))
                    continue
                }
                if DrainFilters.shouldSkip(current, seconds: policy.skipWaitForDeleteTimeoutSeconds, now: Date()) {
                    print(DrainText.skipping(name: fields.name, seconds: policy.skipWaitForDeleteTimeoutSeconds))
                    continue
                }
                still.append(pod)
            }
            pending = still
            if pending.isEmpty { return }
            if let deadline, ContinuousClock.now + pollInterval > deadline {
                try await Task.sleep(until: deadline)
                throw MessageError(DrainText.deadlineExceeded)
            }
            try await Task.sleep(for: pollInterval)
        }
    }

    private func goDuration(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return GoDurationText.format(milliseconds: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
