import KubeAPI
import Wire

/// core/v1 Namespace rules: upstream `ValidateNamespace` (the name is a DNS-1123 label).
extension Namespace: Validatable {
    /// Metadata (cluster-scoped, DNS-1123 label name), then each `spec.finalizers` entry: a qualified name, and a
    /// standard name when it has no prefix.
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: false) { Validation.nameIsDNSLabel($0, prefix: $1) }
        for (index, finalizer) in (spec.finalizers ?? []).enumerated() {
            errors += FieldRules.invalid("spec.finalizers", finalizer, Validation.isQualifiedName(finalizer))
            if !finalizer.contains("/") && !ObjectMeta.standardFinalizers.contains(finalizer) {
                errors.append(.invalid("spec.finalizers[\(index)]", GoQuote.quote(finalizer),
                                       "name is neither a standard finalizer name nor is it fully qualified"))
            }
        }
        return errors
    }

    /// The metadata update rules, then the create rules.
    func validateUpdate(old: Namespace) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate()
    }
}
