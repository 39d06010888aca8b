import KubeAPI
import Wire

/// apps/v1 ReplicaSet rules and texts: upstream `ValidateReplicaSet`, `ValidateReplicaSetSpec`, and the strategy's
/// selector immutability.
extension ReplicaSet: Validatable {
    /// Metadata, then `replicas` and `minReadySeconds` (non-negative), then the selector and template rules shared
    /// with Deployments.
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: true)
        errors += FieldRules.nonNegative(Int64(spec.replicas ?? 0), "spec.replicas")
        errors += FieldRules.nonNegative(Int64(spec.minReadySeconds ?? 0), "spec.minReadySeconds")
        errors += WorkloadRules.validateSelectorAndTemplate(spec.selector, spec.template, field: "spec")
        return errors
    }

    /// The metadata update rules, the create rules, then `spec.selector: … field is immutable`.
    func validateUpdate(old: ReplicaSet) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate()
            + LabelSelector.validateImmutable(spec.selector, old: old.spec.selector, field: "spec.selector")
    }
}
