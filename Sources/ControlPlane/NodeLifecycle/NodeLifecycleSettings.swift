/// Timing of the node lifecycle controller. Our defaults are deliberately far faster than Kubernetes'
/// (40–50 s to NotReady): kubeletd renews its lease every second.
struct NodeLifecycleSettings: Sendable, Equatable {
    /// No lease renewal for longer than this: the node is NotReady (Ready=Unknown, tainted unreachable).
    var monitorGracePeriod: Duration = .seconds(3)
    /// No lease renewal for longer than this: the node has left; it is removed and its pods reaped.
    var leaveTimeout: Duration = .seconds(6)
    /// Grace for a node that has never renewed its lease, counted from its creation (or from when this
    /// controller first saw it, whichever is later).
    var startupGracePeriod: Duration = .seconds(6)

    /// How long a node that has never heartbeated may stay silent before it is removed: the startup grace
    /// plus the same NotReady-to-left interval a heartbeating node gets (`leaveTimeout - monitorGracePeriod`).
    var startupLeaveTimeout: Duration {
        startupGracePeriod + max(.zero, leaveTimeout - monitorGracePeriod)
    }
}
