import KubeAPI
import Wire

/// Kubernetes' root-CA publisher: drives ``ServiceAccountReconciler/rootCA(namespace:current:caPEM:)`` so every
/// namespace has the ConfigMap `kube-root-ca.crt` with the cluster CA under `ca.crt` (what the kube-api-access
/// projected volume mounts), put back when it is deleted or edited.
struct RootCAPublisherController: Controller {
    let client: ControllerClient
    /// The cluster CA certificate, PEM.
    let caPEM: String

    var name: String { "root-ca-cert-publisher" }
    var watchedKinds: [ResourceKind] { [.namespace, .configMap] }

    /// A namespace change: that namespace. A change of a `kube-root-ca.crt` ConfigMap: its namespace.
    func keys(for event: InformerEvent) async -> [String] {
        switch event.kind {
        case .namespace: return [event.object.name]
        case .configMap where event.object.name == ServiceAccountReconciler.rootCAName: return [event.namespace]
        default: return []
        }
    }

    func initialKeys() async -> [String] {
        client.informers.namespaces.list().map(\.name)
    }

    func sync(_ key: String) async throws -> Duration? {
        let namespace = client.cached(Namespace.self, namespace: nil, name: key)
        let current = client.cached(ConfigMap.self, namespace: key, name: ServiceAccountReconciler.rootCAName)
        switch ServiceAccountReconciler.rootCA(namespace: namespace, current: current, caPEM: caPEM) {
        case .create(let configMap)?:
            do {
                try await client.create(configMap, namespace: key)
            } catch let status as Status where status.reason == .alreadyExists {
                _ = try await client.fresh(ConfigMap.self, namespace: key, name: configMap.name)
                return .zero
            }
        case .update(let configMap)?:
            try await client.update(configMap)
        case nil:
            break
        }
        return nil
    }
}
