import Foundation
import KubeAPI
import Wire

extension AdmissionRegistry {
    /// CustomResourceDefinitions: the defaults, then the names accepted and the kind established at once (what
    /// Kubernetes' naming and establishing controllers write shortly after), then validation.
    static let customResourceDefinitionAdmission: any KindAdmission = TypedAdmission<CustomResourceDefinition>(
        defaults: { $0.applyDefaults() },
        mutateCreate: { $0.accept(now: Date()) },
        mutateUpdate: { $0.accept(now: Date()) },
        validateCreate: { $0.validateCreate() },
        validateUpdate: { new, old in new.validateUpdate(old: old) })
}
