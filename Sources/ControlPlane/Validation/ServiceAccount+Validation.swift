import KubeAPI
import Wire

/// core/v1 ServiceAccount rules: upstream `ValidateServiceAccount` and `ValidateServiceAccountUpdate` (the name is a
/// DNS-1123 subdomain; nothing else is checked).
extension ServiceAccount: Validatable {
    func validateCreate() -> [FieldError] {
        metadata.validate(namespaced: true)
    }

    func validateUpdate(old: ServiceAccount) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate()
    }
}
