import Foundation
import KubeAPI
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
        try ensureKubernetesService(in: store, now: now)
    }

    /// The `default/kubernetes` Service (10.96.0.1:443), as every cluster has.
    static func ensureKubernetesService(in store: ObjectStore, now: Date) throws {
        let key = ObjectKey(kind: ResourceKind.service.kind, namespace: "default", name: "kubernetes")
        guard try store.get(key) == nil else { return }
        var service = ServiceObject(metadata: ObjectMeta(
            name: "kubernetes", namespace: "default",
            labels: ["component": "apiserver", "provider": "kubernetes"]))
        service.spec.clusterIP = "10.96.0.1"
        service.spec.clusterIPs = ["10.96.0.1"]
        service.spec.ports = [ServicePort(name: "https", protocol: "TCP", port: 443, targetPort: .int(6443))]
        service.applyDefaults()
        let prepared = ObjectLifecycle.prepareForCreate(
            try JSONValue(encoding: service), kind: .service, namespace: "default", now: now,
            uid: UUID().uuidString.lowercased(), nameSuffix: "")
        _ = try store.create(key, object: prepared)
    }

    /// Writes `admin.kubeconfig` for the address the server actually listens on (0600).
    static func writeAdminKubeconfig(pki: ControlPlanePKI, server: ServerAddress, directory: URL) throws {
        let config = Kubeconfig.make(
            clusterName: "kcluster", server: server, caPEM: pki.caCertificatePEM, userName: "kubernetes-admin",
            certPEM: pki.adminCertificatePEM, keyPEM: pki.adminPrivateKeyPEM, namespace: nil)
        try KubeconfigLoader.write(config, to: directory.appendingPathComponent("admin.kubeconfig"))
    }
}
