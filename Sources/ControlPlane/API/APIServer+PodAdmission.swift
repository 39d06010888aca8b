import KubeAPI
import Wire

extension APIServer {
    /// The pods' admission with what Kubernetes' ServiceAccount admission plugin reads from the store: the
    /// ServiceAccount a pod names (nil when it does not exist), so a pod that does not say itself follows its
    /// account's `automountServiceAccountToken` and gets its `imagePullSecrets`.
    ///
    /// The lookup is passed in, not set as a task-local value around the admission: a synchronous
    /// `TaskLocal.withValue` there crashed the release build of the control plane (swift_task_localValuePush, Swift
    /// 6.3.1), on the first pod it admitted.
    func serviceAccountAwarePodAdmission() -> any KindAdmission {
        let store = self.store
        return AdmissionRegistry.podAdmission(serviceAccounts: { namespace, name in
            let key = ObjectKey(kind: ResourceKind.serviceAccount.kind, namespace: namespace, name: name)
            guard let object = try? store.get(key) else { return nil }
            return try? object.decode(as: ServiceAccount.self)
        })
    }
}
