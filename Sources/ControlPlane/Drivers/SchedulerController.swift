import Foundation
import KubeAPI
import Logging
import Wire

/// Binds pods that have no node, with ``Scheduler``'s filters and spreading; pods that fit nowhere get
/// `PodScheduled=False` (`Unschedulable`) and a `FailedScheduling` event, and are retried when nodes change.
struct SchedulerController: Controller {
    let client: ControllerClient
    let recorder: EventRecorder
    var now: @Sendable () -> Date = { Date() }

    var name: String { "default-scheduler" }
    var watchedKinds: [ResourceKind] { [.pod, .node] }

    func keys(for event: InformerEvent) async -> [String] {
        if let pod = event.object(as: Pod.self) {
            return event.change != .deleted && Self.isPending(pod) ? [event.key] : []
        }
        return await initialKeys()
    }

    func initialKeys() async -> [String] {
        client.informers.pods.list().filter(Self.isPending).map(OwnerKeys.key(of:))
    }

    /// Not bound, not being deleted, and for the default scheduler.
    static func isPending(_ pod: Pod) -> Bool {
        (pod.spec.nodeName ?? "").isEmpty && pod.metadata.deletionTimestamp == nil
            && (pod.spec.schedulerName ?? "default-scheduler") == "default-scheduler"
    }

    func sync(_ key: String) async throws -> Duration? {
        let (namespace, name) = Self.split(key)
        guard let pod = client.cached(Pod.self, namespace: namespace, name: name), Self.isPending(pod) else {
            return nil
        }
        let nodes = client.cachedList(Node.self)
        // The pods bound to the candidate nodes, from the informer's node index (no scan of every pod).
        let bound = nodes.flatMap { client.informers.pods(onNode: $0.name) }
        switch Scheduler.schedule(pod, nodes: nodes, boundPods: bound) {
        case .bind(let node):
            // The event is dated before the bind: the kubelet's events for the pod (Pulling, ...) can only follow
            // the bind, and `describe` orders events of the same second by their names, which carry this time.
            let decided = recorder.now()
            do {
                try await client.bind(namespace: namespace, pod: name, node: node)
            } catch let status as Status where status.reason == .conflict || status.reason == .notFound {
                return nil
            }
            await recorder.record(.to(pod), type: "Normal", reason: "Scheduled",
                                  message: "Successfully assigned \(namespace)/\(name) to \(node)", at: decided)
            return nil
        case .unschedulable(let message):
            try await markUnschedulable(pod, message: message)
            await recorder.record(.to(pod), type: "Warning", reason: "FailedScheduling", message: message)
            return .seconds(5)
        }
    }

    private func markUnschedulable(_ pod: Pod, message: String) async throws {
        var updated = pod
        var conditions = (pod.status.conditions ?? []).filter { $0.type != "PodScheduled" }
        let existing = pod.status.conditions?.first { $0.type == "PodScheduled" }
        guard existing?.status != "False" || existing?.message != message else { return }
        conditions.append(PodCondition(
            type: "PodScheduled", status: "False", lastTransitionTime: Timestamp.format(now()),
            reason: "Unschedulable", message: message))
        updated.status.conditions = conditions
        try await client.updateStatus(updated)
    }
}
