import Foundation
import KubeAPI
import Wire

/// The node lifecycle controller's decisions, as a value type the driver keeps and feeds when something changed or
/// a deadline (``nextDeadline``) passed.
///
/// Each `observe` call gets the current Node objects, when each node's lease renewal was last observed and the
/// time; it returns what to write. Per node:
/// - lease renewed within `monitorGracePeriod` and the kubelet reports Ready=True: Ready; the not-ready /
///   unreachable taints (including the one added at registration) are removed, with a `NodeReady` event;
/// - no renewal for longer than `monitorGracePeriod`: Ready etc. set `Unknown`, tainted unreachable
///   (NoSchedule + NoExecute), its pods marked not ready and a `NodeNotReady` event, once per outage;
/// - no renewal for longer than `leaveTimeout`: `RemovingNode` event, `removeNode` and `reapPods`;
/// - a node that has never renewed its lease gets `startupGracePeriod` (then the same NotReady-to-left
///   interval) counted from the later of its creationTimestamp and when this machine first saw it, so a
///   restarted control plane (leases are in memory) does not evict every node at once; a lease renewed
///   before the Node's creationTimestamp belongs to an earlier incarnation and is ignored;
/// - a Node re-registered under the same name (new uid) is a new incarnation, tracked afresh;
/// - a node first seen already Unknown/False (controller restart): its pods are marked not ready, no event;
/// - a tracked Node that disappeared without being removed here (graceful leave, or deleted by hand):
///   `reapPods`, covering pods that raced with the API server's own cleanup.
///
/// Idempotent: an update is emitted once per observed version of the Node object (re-emitted if the object
/// changes and still differs, or after `monitorGracePeriod` if the write never showed up), events and pod
/// marking once per transition. Time comes only from `now`.
struct NodeLifecycleStateMachine {
    /// Where a tracked node stands.
    private enum Phase: Equatable {
        /// A member of the cluster (Ready or not).
        case member
        /// `removeNode` was emitted at this time; waiting for the Node object to go.
        case removing(requestedAt: Date)
    }

    /// What this machine remembers about one node.
    private struct Tracked {
        var uid: String?
        var firstObserved: Date
        var phase: Phase = .member
        /// The Ready status as last decided (after our own rewrite), `nil` when never reported.
        var readyStatus: String?
        /// Whether a `NodeReady` event has been emitted (or was not needed) for the current Ready episode.
        var readyAnnounced: Bool
        /// The Node object an emitted `updateNode` was computed from, and when; while the observed object
        /// is still this one, the write is in flight and is not emitted again.
        var pendingUpdate: (base: Node, at: Date)?
        /// When this node's state next changes if nothing new is observed (its lease expiry, its leave timeout, the
        /// re-emission of an update that never showed up), as of the last step; nil when nothing is due.
        var deadline: Date?
    }

    var settings: NodeLifecycleSettings
    private var tracked: [String: Tracked] = [:]

    init(settings: NodeLifecycleSettings = NodeLifecycleSettings()) {
        self.settings = settings
    }

    /// Names of the nodes currently tracked (for diagnostics and tests).
    var trackedNodes: Set<String> { Set(tracked.keys) }

    /// The earliest instant at which ``observe(nodes:leases:now:)`` would decide something new with no new
    /// observation (a lease expiring, a leave timeout, an update to re-emit): the driver sleeps until then instead of
    /// polling. The thresholds are strict (a node is stale once its silence *exceeds* the grace period), so the
    /// decision changes at the first instant after the deadline. Nil when nothing is due.
    var nextDeadline: Date? { tracked.values.compactMap(\.deadline).min() }

    /// Whether `node` is tracked as a Ready member with a fresh lease: a renewal of its lease changes nothing until
    /// its deadline, so the driver need not look at once.
    func isSettledReady(_ node: String) -> Bool {
        guard let entry = tracked[node] else { return false }
        return entry.phase == .member && entry.readyStatus == "True" && entry.readyAnnounced
            && entry.pendingUpdate == nil
    }

    /// Compares the snapshot with what is remembered and returns the writes to make, in order.
    /// `leases` maps node name to the last lease renewal time.
    mutating func observe(nodes: [Node], leases: [String: Date], now: Date) -> [NodeLifecycleAction] {
        var actions: [NodeLifecycleAction] = []
        var seen = Set<String>()
        for node in nodes {
            guard let name = node.metadata.name, !name.isEmpty, seen.insert(name).inserted else { continue }
            actions += observe(name: name, node: node, lease: leases[name], now: now)
        }
        for name in tracked.keys.sorted() where !seen.contains(name) {
            actions += observe(name: name, node: nil, lease: nil, now: now)
        }
        return actions
    }

    /// One node's part of ``observe(nodes:leases:now:)``: `node` is its current object (nil: it is gone), `lease`
    /// its last lease renewal.
    mutating func observe(name: String, node: Node?, lease: Date?, now: Date) -> [NodeLifecycleAction] {
        guard let node else {
            defer { tracked[name] = nil }
            return tracked[name]?.phase == .member ? [.reapPods(node: name)] : []
        }
        // Unknown so far, or re-registered under the same name (a new uid): a new incarnation.
        let known = tracked[name].flatMap { $0.uid == node.metadata.uid ? $0 : nil }
        var entry = known ?? Self.firstSight(of: node, now: now)
        let actions = step(&entry, node: node, name: name, lease: lease, now: now, first: known == nil)
        tracked[name] = entry
        return actions
    }

    /// The earliest instant at which observing `node` would decide something new with no new observation (see
    /// ``nextDeadline``).
    func deadline(of node: String) -> Date? { tracked[node]?.deadline }

    /// Pod GC: a pod bound to a node that no longer exists must be deleted.
    static func podIsOnGoneNode(_ pod: Pod, nodes: Set<String>) -> Bool {
        guard let nodeName = pod.spec.nodeName, !nodeName.isEmpty else { return false }
        return !nodes.contains(nodeName)
    }

    // MARK: - One node

    private static func firstSight(of node: Node, now: Date) -> Tracked {
        let ready = node.status.condition("Ready")?.status
        let taints = node.spec.taints ?? []
        let readinessTainted = taints.contains {
            $0.key == NodeHealth.notReadyTaintKey || $0.key == NodeHealth.unreachableTaintKey
        }
        return Tracked(
            uid: node.metadata.uid, firstObserved: now, readyStatus: ready,
            readyAnnounced: ready == "True" && !readinessTainted)
    }

    private func step(
        _ entry: inout Tracked, node: Node, name: String, lease: Date?, now: Date, first: Bool
    ) -> [NodeLifecycleAction] {
        // The probe time and the allowances that apply to it.
        let created = node.metadata.creationTimestamp.flatMap(Timestamp.parse)
        // A lease renewed before the Node was created belongs to an earlier incarnation of the node.
        var lease = lease
        if let renewed = lease, let created, renewed < created { lease = nil }
        let probe: Date
        let grace: Duration
        let leaveAfter: Duration
        if let lease {
            (probe, grace, leaveAfter) = (lease, settings.monitorGracePeriod, settings.leaveTimeout)
        } else {
            probe = max(created ?? entry.firstObserved, entry.firstObserved)
            (grace, leaveAfter) = (settings.startupGracePeriod, settings.startupLeaveTimeout)
        }
        let silence = now.timeIntervalSince(probe)

        if silence > leaveAfter.inSeconds {
            return leave(&entry, name: name, now: now)
        }
        entry.phase = .member
        let stale = silence > grace.inSeconds
        entry.deadline = probe.addingTimeInterval(stale ? leaveAfter.inSeconds : grace.inSeconds)
        let desired = NodeHealth.desired(node, stale: stale, leaseFresh: lease != nil && !stale, now: now)

        var actions: [NodeLifecycleAction] = []
        if desired == node {
            entry.pendingUpdate = nil
        } else if shouldEmitUpdate(entry.pendingUpdate, current: node, now: now) {
            actions.append(.updateNode(desired))
            entry.pendingUpdate = (node, now)
        }
        if let pending = entry.pendingUpdate {
            let retry = pending.at.addingTimeInterval(settings.monitorGracePeriod.inSeconds)
            entry.deadline = min(entry.deadline ?? retry, retry)
        }

        let newStatus = desired.status.condition("Ready")?.status
        let notReady = newStatus == "False" || newStatus == "Unknown"
        if notReady && entry.readyStatus == "True" {
            actions += [.markPodsNotReady(node: name), .nodeNotReadyEvent(name)]
        } else if notReady && first {
            actions.append(.markPodsNotReady(node: name))
        }
        if newStatus == "True" && lease != nil && !stale {
            if !entry.readyAnnounced {
                actions.append(.nodeReadyEvent(name))
                entry.readyAnnounced = true
            }
        } else if newStatus != "True" {
            entry.readyAnnounced = false
        }
        entry.readyStatus = newStatus
        return actions
    }

    /// The node has been silent past its leave timeout: remove it once (retried if the Node object is still
    /// there `monitorGracePeriod` after the request).
    private func leave(_ entry: inout Tracked, name: String, now: Date) -> [NodeLifecycleAction] {
        let retry = settings.monitorGracePeriod.inSeconds
        switch entry.phase {
        case .member:
            entry.phase = .removing(requestedAt: now)
            entry.deadline = now.addingTimeInterval(retry)
            return [.removingNodeEvent(name), .removeNode(name: name), .reapPods(node: name)]
        case .removing(let requestedAt) where now.timeIntervalSince(requestedAt) > retry:
            entry.phase = .removing(requestedAt: now)
            entry.deadline = now.addingTimeInterval(retry)
            return [.removeNode(name: name), .reapPods(node: name)]
        case .removing(let requestedAt):
            entry.deadline = requestedAt.addingTimeInterval(retry)
            return []
        }
    }

    /// An update is emitted unless the same one is in flight: the observed object is still the one the last
    /// update was computed from, and that was less than `monitorGracePeriod` ago.
    private func shouldEmitUpdate(_ pending: (base: Node, at: Date)?, current: Node, now: Date) -> Bool {
        guard let pending, pending.base == current else { return true }
        return now.timeIntervalSince(pending.at) > settings.monitorGracePeriod.inSeconds
    }
}

extension Duration {
    /// The duration in seconds, for arithmetic with `Date`.
    fileprivate var inSeconds: TimeInterval {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
