import KubeAPI
import Wire

extension APIServer {
    /// Kubernetes' warning when a Job is deleted without a propagation policy.
    static let jobOrphanWarning = "child pods are preserved by default when jobs are deleted; set "
        + "propagationPolicy=Background to remove them or set propagationPolicy=Orphan to suppress this warning"

    /// The propagation of a delete that names none: `Orphan` for batch/v1 Jobs (upstream's default for that
    /// version, kept for compatibility: kubectl always sends `Background`), with ``jobOrphanWarning`` recorded;
    /// `Background` for every other kind.
    static func defaultPropagationPolicy(for kind: ResourceKind) -> String {
        guard kind == .job else { return "Background" }
        WireWarnings.record([jobOrphanWarning])
        return "Orphan"
    }
}
