import KubeAPI
import Wire

/// Kubernetes' (legacy) token controller: drives ``ServiceAccountReconciler/tokenSecret(_:account:caPEM:makeToken:)``
/// so each `kubernetes.io/service-account-token` Secret that names an existing ServiceAccount holds a token for it
/// (signed by the control plane's ``ServiceAccountTokenSigner``, never expiring, valid while the Secret holds it and
/// the account lives), the CA and the namespace; such Secrets go when their account does.
struct ServiceAccountTokenController: Controller {
    let client: ControllerClient
    let signer: ServiceAccountTokenSigner
    /// The cluster CA certificate, PEM.
    let caPEM: String

    var name: String { "serviceaccount-token-controller" }
    var watchedKinds: [ResourceKind] { [.serviceAccount, .secret] }

    /// A token Secret's change: that Secret. A ServiceAccount's change: the token Secrets of its namespace that
    /// name it.
    func keys(for event: InformerEvent) async -> [String] {
        switch event.kind {
        case .secret:
            guard let secret = event.object(as: Secret.self), secret.type == ServiceAccount.tokenSecretType else {
                return []
            }
            return [event.key]
        case .serviceAccount:
            return tokenSecrets(namespace: event.namespace, account: event.object.name)
        default:
            return []
        }
    }

    func initialKeys() async -> [String] {
        client.informers.secrets.list().filter { $0.type == ServiceAccount.tokenSecretType }.map(OwnerKeys.key(of:))
    }

    func sync(_ key: String) async throws -> Duration? {
        let (namespace, name) = Self.split(key)
        guard let secret = client.cached(Secret.self, namespace: namespace, name: name),
            let accountName = secret.metadata.annotations?[ServiceAccount.nameAnnotation]
        else { return nil }
        let account = client.cached(ServiceAccount.self, namespace: namespace, name: accountName)
        let action = try ServiceAccountReconciler.tokenSecret(secret, account: account, caPEM: caPEM) { account in
            let claims = ServiceAccountTokenClaims.legacy(
                namespace: namespace, serviceAccount: .init(name: account.name, uid: account.metadata.uid ?? ""),
                secretName: name)
            return try signer.sign(claims.json)
        }
        switch action {
        case .update(let updated)?: try await client.update(updated)
        case .delete?: try await client.delete(.secret, namespace: namespace, name: name)
        case nil: break
        }
        return nil
    }

    /// The token Secrets of `namespace` naming the ServiceAccount `account`.
    private func tokenSecrets(namespace: String, account: String) -> [String] {
        client.informers.secrets.list(namespace: namespace).filter {
            $0.type == ServiceAccount.tokenSecretType && $0.metadata.annotations?[ServiceAccount.nameAnnotation] == account
        }.map(OwnerKeys.key(of:))
    }
}
