/// A DaemonSet's rolling-update budgets (upstream `daemon/util`), read alike by the DaemonSet controller and by
/// kctl's chaos checker (how many pods a node may briefly run during an update).
extension DaemonSet {
    /// The strategy type is `RollingUpdate` (the default when absent).
    public var isRollingUpdate: Bool { (spec.updateStrategy.type ?? "RollingUpdate") == "RollingUpdate" }

    /// `maxSurge` against `total` nodes, rounded up; 0 unless the strategy is RollingUpdate.
    public func surgeCount(total: Int) -> Int {
        guard isRollingUpdate, let rolling = spec.updateStrategy.rollingUpdate else { return 0 }
        return Int(IntOrString.scaledValue(rolling.maxSurge, total: Int64(total), roundUp: true))
    }

    /// `maxUnavailable` against `total` nodes, rounded up; 0 unless the strategy is RollingUpdate.
    public func unavailableCount(total: Int) -> Int {
        guard isRollingUpdate, let rolling = spec.updateStrategy.rollingUpdate else { return 0 }
        return Int(IntOrString.scaledValue(rolling.maxUnavailable, total: Int64(total), roundUp: true))
    }

    /// Upstream `AllowsSurge`: a positive `maxSurge` (evaluated against one node).
    public var allowsSurge: Bool { surgeCount(total: 1) > 0 }
}
