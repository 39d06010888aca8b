import KubeAPI

extension PodDisruptionBudget: Defaultable {
    /// policy/v1 defaults nothing: a budget without minAvailable or maxUnavailable allows every disruption of
    /// healthy pods.
    public mutating func applyDefaults() {}
}
