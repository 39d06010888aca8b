import KubeAPI
import Wire

/// policy/v1 PodDisruptionBudget rules: upstream `ValidatePodDisruptionBudget` (the spec may change).
extension PodDisruptionBudget: Validatable {
    static let unhealthyPodEvictionPolicies = ["AlwaysAllow", "IfHealthyBudget"]

    /// Metadata (namespaced); not both `minAvailable` and `maxUnavailable`; each a non-negative integer or a
    /// percentage of at most 100%; a valid selector; a supported `unhealthyPodEvictionPolicy`.
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: true)
        if spec.minAvailable != nil, spec.maxUnavailable != nil {
            errors.append(.invalid(
                "spec", Self.render(spec), "minAvailable and maxUnavailable cannot be both set"))
        }
        for (name, value) in [("minAvailable", spec.minAvailable), ("maxUnavailable", spec.maxUnavailable)] {
            guard value != nil else { continue }
            errors += IntOrPercent.validatePositive(value, field: "spec.\(name)")
            errors += IntOrPercent.validateNotMoreThan100Percent(value, field: "spec.\(name)")
        }
        errors += Validation.validateLabelSelector(spec.selector, field: "spec.selector")
        if let policy = spec.unhealthyPodEvictionPolicy {
            errors += Container.validateEnum(policy, Self.unhealthyPodEvictionPolicies, field: "spec.unhealthyPodEvictionPolicy")
        }
        return errors
    }

    /// The metadata update rules, then the create rules.
    func validateUpdate(old: PodDisruptionBudget) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate()
    }

    /// How Kubernetes' message shows the spec it refuses (Go's `%v` of the struct, without its pointers).
    private static func render(_ spec: PodDisruptionBudgetSpec) -> String {
        "{MinAvailable:\(IntOrPercent.render(spec.minAvailable)) MaxUnavailable:\(IntOrPercent.render(spec.maxUnavailable))}"
    }
}
