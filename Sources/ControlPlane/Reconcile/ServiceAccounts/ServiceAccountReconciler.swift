import Foundation
import KubeAPI
import Wire

/// What Kubernetes' ServiceAccount controllers want, for one namespace or one Secret. Pure.
///
/// - The ServiceAccount controller: every namespace that is not terminating has a ServiceAccount named `default`.
/// - The root-CA publisher: every namespace that is not terminating has the ConfigMap `kube-root-ca.crt` whose key
///   `ca.crt` is the cluster CA (and kube-controller-manager's description annotation).
/// - The token controller: a `kubernetes.io/service-account-token` Secret naming an existing ServiceAccount (annotation
///   `kubernetes.io/service-account.name`) holds a legacy token for it (`token`), the CA (`ca.crt`) and its namespace
///   (`namespace`), and records the account's uid; a Secret whose recorded account is gone (or was recreated) is
///   deleted.
enum ServiceAccountReconciler {
    /// The ServiceAccount every namespace has.
    static let defaultName = "default"
    /// The ConfigMap every namespace has.
    static let rootCAName = "kube-root-ca.crt"
    /// Its key.
    static let rootCAKey = "ca.crt"
    /// The annotation kube-controller-manager sets on it.
    static let descriptionAnnotation = "kubernetes.io/description"
    static let rootCADescription =
        "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the "
        + "internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of "
        + "Kubernetes clusters."

    /// Whether controllers still add objects to `namespace` (it exists and is not terminating).
    static func isActive(_ namespace: Namespace?) -> Bool {
        guard let namespace else { return false }
        return namespace.metadata.deletionTimestamp == nil && namespace.status.phase != "Terminating"
    }

    /// The `default` ServiceAccount to create in `namespace`, nil when it exists or the namespace is not active.
    static func missingDefaultAccount(namespace: Namespace?, existing: ServiceAccount?) -> ServiceAccount? {
        guard isActive(namespace), existing == nil, let name = namespace?.metadata.name else { return nil }
        return ServiceAccount(metadata: ObjectMeta(name: defaultName, namespace: name))
    }

    /// What to write so `namespace` has the root-CA ConfigMap holding `caPEM`.
    enum RootCAAction: Equatable {
        case create(ConfigMap)
        case update(ConfigMap)
    }

    /// The root-CA ConfigMap write `namespace` needs, nil when `current` is right or the namespace is not active.
    static func rootCA(namespace: Namespace?, current: ConfigMap?, caPEM: String) -> RootCAAction? {
        guard isActive(namespace), let name = namespace?.metadata.name else { return nil }
        guard var configMap = current else {
            var created = ConfigMap(
                metadata: ObjectMeta(name: rootCAName, namespace: name), data: [rootCAKey: caPEM])
            created.metadata.annotations = [descriptionAnnotation: rootCADescription]
            return .create(created)
        }
        guard configMap.metadata.deletionTimestamp == nil else { return nil }
        let annotated = configMap.metadata.annotations?[descriptionAnnotation] == rootCADescription
        guard configMap.data != [rootCAKey: caPEM] || !annotated else { return nil }
        configMap.data = [rootCAKey: caPEM]
        configMap.binaryData = nil
        var annotations = configMap.metadata.annotations ?? [:]
        annotations[descriptionAnnotation] = rootCADescription
        configMap.metadata.annotations = annotations
        return .update(configMap)
    }

    /// What the token controller does with one Secret.
    enum TokenSecretAction: Equatable {
        /// Write the Secret with its token data filled.
        case update(Secret)
        /// Delete it: the account it was made for is gone.
        case delete
    }

    /// The write a legacy token Secret needs: nil when it is not one, is complete, or names an account that does
    /// not exist yet (a Secret applied before its ServiceAccount is filled once the account appears). `makeToken`
    /// signs a legacy token for the account.
    static func tokenSecret(
        _ secret: Secret, account: ServiceAccount?, caPEM: String,
        makeToken: (ServiceAccount) throws -> String
    ) rethrows -> TokenSecretAction? {
        guard secret.type == ServiceAccount.tokenSecretType, secret.metadata.deletionTimestamp == nil,
            let accountName = secret.metadata.annotations?[ServiceAccount.nameAnnotation], !accountName.isEmpty
        else { return nil }
        let recordedUID = secret.metadata.annotations?[ServiceAccount.uidAnnotation] ?? ""
        guard let account, account.metadata.deletionTimestamp == nil else {
            return recordedUID.isEmpty ? nil : .delete
        }
        let uid = account.metadata.uid ?? ""
        if !recordedUID.isEmpty, recordedUID != uid { return .delete }
        var updated = secret
        var data = secret.data ?? [:]
        if (data["token"] ?? "").isEmpty { data["token"] = Data(try makeToken(account).utf8).base64EncodedString() }
        data["ca.crt"] = Data(caPEM.utf8).base64EncodedString()
        data["namespace"] = Data(secret.namespace.utf8).base64EncodedString()
        updated.data = data
        var annotations = secret.metadata.annotations ?? [:]
        annotations[ServiceAccount.uidAnnotation] = uid
        updated.metadata.annotations = annotations
        return updated == secret ? nil : .update(updated)
    }
}
