import KubeAPI

extension PriorityClass: Defaultable {
    /// `preemptionPolicy` defaults to `PreemptLowerPriority` (scheduling/v1 `SetDefaults_PriorityClass`).
    public mutating func applyDefaults() {
        if preemptionPolicy == nil { preemptionPolicy = "PreemptLowerPriority" }
    }
}
