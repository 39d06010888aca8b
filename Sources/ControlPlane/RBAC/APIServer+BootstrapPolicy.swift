import Foundation
import KubeAPI

extension APIServer {
    /// Creates the default ClusterRoles and ClusterRoleBindings that are missing (``BootstrapPolicy``), as
    /// Kubernetes' API server does at start; existing ones are kept as they are.
    func ensureBootstrapPolicy() throws {
        for role in BootstrapPolicy.clusterRolesAggregated {
            try ensure(try JSONValue(encoding: role), kind: .clusterRole, name: role.metadata.name ?? "")
        }
        for binding in BootstrapPolicy.clusterRoleBindings {
            try ensure(try JSONValue(encoding: binding), kind: .clusterRoleBinding, name: binding.metadata.name ?? "")
        }
    }

    private func ensure(_ object: JSONValue, kind: ResourceKind, name: String) throws {
        let key = ObjectKey(kind: kind.kind, namespace: "", name: name)
        guard try store.get(key) == nil else { return }
        let prepared = ObjectLifecycle.prepareForCreate(
            object, kind: kind, namespace: nil, now: now(), uid: UUID().uuidString.lowercased(), nameSuffix: "")
        _ = try store.create(key, object: prepared)
    }
}
