import KubeAPI
import Wire

/// The pods' admission, with the one thing Kubernetes' ServiceAccount admission plugin reads from the store: while a
/// pod is admitted for create, ``PodAdmissionPlugins/accountAutomount`` answers the `automountServiceAccountToken`
/// of a ServiceAccount (nil when it is unset or the account does not exist), so a pod that does not say itself
/// follows its account. Everything else is the wrapped admission's.
struct ServiceAccountAwareAdmission: KindAdmission {
    let pods: any KindAdmission
    let store: any ObjectStorage

    var kind: ResourceKind { pods.kind }

    func admitCreate(_ object: JSONValue) throws -> JSONValue {
        try withAccounts { try pods.admitCreate(object) }
    }

    func admitUpdate(_ object: JSONValue, old: JSONValue) throws -> JSONValue {
        try pods.admitUpdate(object, old: old)
    }

    func admitCreate<R: APIResource>(typed object: R) throws -> R {
        try withAccounts { try pods.admitCreate(typed: object) }
    }

    func admitUpdate<R: APIResource>(typed object: R, old: R) throws -> R {
        try pods.admitUpdate(typed: object, old: old)
    }

    private func withAccounts<T>(_ body: () throws -> T) throws -> T {
        let store = self.store
        return try PodAdmissionPlugins.$accountAutomount.withValue({ namespace, name in
            let key = ObjectKey(kind: ResourceKind.serviceAccount.kind, namespace: namespace, name: name)
            return (try? store.get(key))?["automountServiceAccountToken"]?.boolValue
        }) {
            try body()
        }
    }
}
