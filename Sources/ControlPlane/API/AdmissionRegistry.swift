import Wire

/// The admission of every kind the API server writes: strict decoding, Kubernetes' defaults, then validation.
enum AdmissionRegistry {
    static let all: [any KindAdmission] = [
        admission(Namespace.self), admission(Node.self), admission(Pod.self), admission(ServiceObject.self),
        admission(Endpoints.self), admission(Event.self), admission(DaemonSet.self), admission(Deployment.self),
        admission(ReplicaSet.self), admission(ControllerRevision.self),
    ]

    private static func admission<R: APIResource & Defaultable & Validatable>(_: R.Type) -> any KindAdmission {
        TypedAdmission<R>(
            defaults: { $0.applyDefaults() },
            validateCreate: { $0.validateCreate() },
            validateUpdate: { new, old in new.validateUpdate(old: old) })
    }
}
