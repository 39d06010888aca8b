import Foundation
import Wire

/// What a fresh control plane creates: the built-in namespaces and the admin kubeconfig.
enum Bootstrap {
    /// Namespaces that exist from the start, as in Kubernetes.
    static let builtInNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"]

    /// Creates the built-in namespaces that are missing.
    static func ensureBuiltIns(in store: ObjectStore, now: Date) throws {
        for name in builtInNamespaces {
            let key = ObjectKey(kind: ResourceKind.namespace.kind, namespace: "", name: name)
            guard try store.get(key) == nil else { continue }
            let object: JSONValue = [
                "apiVersion": "v1", "kind": "Namespace",
                "metadata": ["name": .string(name), "labels": ["kubernetes.io/metadata.name": .string(name)]],
                "spec": ["finalizers": ["kubernetes"]],
                "status": ["phase": "Active"],
            ]
            let prepared = ObjectLifecycle.prepareForCreate(
                object, kind: .namespace, namespace: nil, now: now, uid: UUID().uuidString.lowercased(),
                nameSuffix: "")
            _ = try store.create(key, object: prepared)
        }
    }

    /// Writes `admin.kubeconfig` for the address the server actually listens on (0600).
    static func writeAdminKubeconfig(pki: ControlPlanePKI, server: ServerAddress, directory: URL) throws {
        let config = Kubeconfig.make(
            clusterName: "kcluster", server: server, caPEM: pki.caCertificatePEM, userName: "kubernetes-admin",
            certPEM: pki.adminCertificatePEM, keyPEM: pki.adminPrivateKeyPEM, namespace: nil)
        try KubeconfigLoader.write(config, to: directory.appendingPathComponent("admin.kubeconfig"))
    }
}
