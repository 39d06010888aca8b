import KubeAPI
import Wire

/// The admission of every kind the API server writes: strict decoding, Kubernetes' defaults, the mutating admission
/// plugins (pods: ``PodAdmissionPlugins``), then validation.
enum AdmissionRegistry {
    static let all: [any KindAdmission] = [
        admission(Namespace.self), admission(Node.self), podAdmission, admission(ServiceObject.self),
        admission(Endpoints.self), admission(Event.self), admission(DaemonSet.self), admission(Deployment.self),
        admission(ReplicaSet.self), admission(ControllerRevision.self), admission(ConfigMap.self), admission(Secret.self),
        admission(ServiceAccount.self),
        admission(EndpointSlice.self), admission(PriorityClass.self), admission(ValidatingWebhookConfiguration.self),
        admission(MutatingWebhookConfiguration.self), admission(APIService.self), admission(PodDisruptionBudget.self), admission(StatefulSet.self),
        jobAdmission, admission(CronJob.self),
        admission(NetworkPolicy.self), admission(Ingress.self), admission(IngressClass.self), admission(StorageClass.self),
        admission(CSIDriver.self), StorageAdmission.persistentVolume, StorageAdmission.persistentVolumeClaim,
        admission(Role.self), admission(ClusterRole.self), admission(RoleBinding.self), admission(ClusterRoleBinding.self),
        customResourceDefinitionAdmission,
    ]

    /// Pods: the defaults, then `ServiceAccount` and `DefaultTolerationSeconds` (without ServiceAccounts to read; the
    /// API server admits pods with ``podAdmission(serviceAccounts:)`` over its store).
    static let podAdmission: any KindAdmission = podAdmission(serviceAccounts: { _, _ in nil })

    /// The pods' admission, its `ServiceAccount` plugin reading accounts through `serviceAccounts`.
    static func podAdmission(serviceAccounts: @escaping PodAdmissionPlugins.ServiceAccountLookup) -> any KindAdmission {
        TypedAdmission<Pod>(
            defaults: { $0.applyDefaults() },
            mutateCreate: { PodAdmissionPlugins.admitCreate(&$0, serviceAccount: serviceAccounts) },
            mutateUpdate: { PodAdmissionPlugins.admitUpdate(&$0) },
            validateCreate: { $0.validateCreate() },
            validateUpdate: { new, old in new.validateUpdate(old: old) })
    }

    /// Jobs: the defaults, then, on create, the generated selector and template labels (the job strategy).
    static let jobAdmission: any KindAdmission = TypedAdmission<Job>(
        defaults: { $0.applyDefaults() },
        mutateCreate: { $0.prepareForCreate() },
        validateCreate: { $0.validateCreate() },
        validateUpdate: { new, old in new.validateUpdate(old: old) })

    private static func admission<R: APIResource & Defaultable & Validatable>(_: R.Type) -> any KindAdmission {
        TypedAdmission<R>(
            defaults: { $0.applyDefaults() },
            validateCreate: { $0.validateCreate() },
            validateUpdate: { new, old in new.validateUpdate(old: old) })
    }
}
