import KubeAPI
import Wire

/// Kubernetes' ServiceAccount controller: drives ``ServiceAccountReconciler`` so every namespace (the built-in ones
/// and any created later) has a ServiceAccount named `default`, recreated if it is deleted.
struct ServiceAccountController: Controller {
    let client: ControllerClient

    var name: String { "serviceaccount-controller" }
    var watchedKinds: [ResourceKind] { [.namespace, .serviceAccount] }

    /// A namespace change: that namespace. A change of a `default` ServiceAccount: its namespace.
    func keys(for event: InformerEvent) async -> [String] {
        switch event.kind {
        case .namespace: return [event.object.name]
        case .serviceAccount where event.object.name == ServiceAccountReconciler.defaultName: return [event.namespace]
        default: return []
        }
    }

    func initialKeys() async -> [String] {
        client.informers.namespaces.list().map(\.name)
    }

    func sync(_ key: String) async throws -> Duration? {
        let namespace = client.cached(Namespace.self, namespace: nil, name: key)
        let existing = client.cached(ServiceAccount.self, namespace: key, name: ServiceAccountReconciler.defaultName)
        guard let account = ServiceAccountReconciler.missingDefaultAccount(namespace: namespace, existing: existing)
        else { return nil }
        do {
            try await client.create(account, namespace: key)
        } catch let status as Status where status.reason == .alreadyExists {
            _ = try await client.fresh(ServiceAccount.self, namespace: key, name: account.name)
        }
        return nil
    }
}
