import KubeAPI
import Wire

/// An API object the API server validates on create and update, with Kubernetes' rules and messages.
///
/// Each kind conforms in its own file under `Validation/` (e.g. `DaemonSet+Validation.swift`).
protocol Validatable {
    /// The rules for a new object.
    func validateCreate() -> [FieldError]
    /// The rules for an update of `old` into `self`: by default the create rules.
    func validateUpdate(old: Self) -> [FieldError]
}

extension Validatable {
    func validateUpdate(old: Self) -> [FieldError] { validateCreate() }
}
