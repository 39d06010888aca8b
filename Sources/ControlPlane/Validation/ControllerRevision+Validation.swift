import KubeAPI
import Wire

/// apps/v1 ControllerRevision rules and texts: upstream `ValidateControllerRevision` and
/// `ValidateControllerRevisionUpdate`.
extension ControllerRevision: Validatable {
    /// Metadata (DNS-1123 subdomain name), `data: Required value: data is mandatory`, `revision` non-negative.
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: true)
        if data == nil || data?.isNull == true {
            errors.append(.required("data", "data is mandatory"))
        }
        errors += FieldRules.nonNegative(revision, "revision")
        return errors
    }

    /// The metadata update rules, the create rules, then `data: Invalid value: …: field is immutable`.
    func validateUpdate(old: ControllerRevision) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate()
            + FieldRules.immutable(changed: !SemanticEquality.equal(data, old.data), field: "data",
                                   rendered: GoRendering.rawExtension(data))
    }
}
