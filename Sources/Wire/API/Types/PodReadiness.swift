import Foundation

/// Upstream `podutil.IsPodReady`, `IsPodAvailable` and `controller.IsPodActive`: the one reading of a pod's
/// readiness and lifecycle that the controllers (ReplicaSet, Deployment, DaemonSet, endpoints, scheduler), kctl
/// (`logs`/`exec` pod choice, the chaos checker) share. Pure.
extension Pod {
    /// The `Ready` condition is `True`.
    public var isReady: Bool { status.condition("Ready")?.status == "True" }

    /// When the pod last became ready (the Ready condition's lastTransitionTime), if it is ready and says so.
    public var readySince: Date? {
        guard isReady, let text = status.condition("Ready")?.lastTransitionTime else { return nil }
        return Timestamp.parse(text)
    }

    /// Ready, and (with `minReadySeconds > 0`) ready since strictly more than `minReadySeconds` before `now`.
    public func isAvailable(minReadySeconds: Int32, now: Date) -> Bool {
        guard isReady else { return false }
        if minReadySeconds <= 0 { return true }
        guard let since = readySince else { return false }
        return since.addingTimeInterval(TimeInterval(minReadySeconds)) < now
    }

    /// Phase `Succeeded` or `Failed`.
    public var isTerminal: Bool { status.phase == "Succeeded" || status.phase == "Failed" }

    /// Neither finished (``isTerminal``) nor being deleted.
    public var isActive: Bool { !isTerminal && metadata.deletionTimestamp == nil }
}

extension Node {
    /// The node's `Ready` condition is `True`.
    public var isReady: Bool { status.condition("Ready")?.status == "True" }
}
