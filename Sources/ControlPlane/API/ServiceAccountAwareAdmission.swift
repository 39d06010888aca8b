import KubeAPI
import Wire

/// The pods' admission, with what Kubernetes' ServiceAccount admission plugin reads from the store: while a pod is
/// admitted for create, ``PodAdmissionPlugins/serviceAccount`` answers the ServiceAccount it names (nil when it does
/// not exist), so a pod that does not say itself follows its account's `automountServiceAccountToken` and gets its
/// `imagePullSecrets`. Everything else is the wrapped admission's.
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
        return try PodAdmissionPlugins.$serviceAccount.withValue({ namespace, name in
            let key = ObjectKey(kind: ResourceKind.serviceAccount.kind, namespace: namespace, name: name)
            guard let object = try? store.get(key) else { return nil }
            return try? object.decode(as: ServiceAccount.self)
        }) {
            try body()
        }
    }
}
