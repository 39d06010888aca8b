import Foundation
import KubeAPI

extension APIServer {
    /// Namespaces that exist from the start and may not be deleted, as in Kubernetes.
    static let builtInNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"]

    /// Creates the built-in objects that are missing: the built-in namespaces, the `default/kubernetes` Service and the
    /// system PriorityClasses.
    ///
    /// The API server writes them itself, as Kubernetes' API server does (its system-namespaces and
    /// `kubernetes`-service bootstrap controllers), before it serves anyone; a restarted control plane keeps the
    /// ones it has.
    func ensureBuiltIns() throws {
        for name in Self.builtInNamespaces {
            let key = ObjectKey(kind: ResourceKind.namespace.kind, namespace: "", name: name)
            guard try store.get(key) == nil else { continue }
            let object: JSONValue = [
                "apiVersion": "v1", "kind": "Namespace",
                "metadata": ["name": .string(name), "labels": ["kubernetes.io/metadata.name": .string(name)]],
                "spec": ["finalizers": ["kubernetes"]],
                "status": ["phase": "Active"],
            ]
            let prepared = ObjectLifecycle.prepareForCreate(
                object, kind: .namespace, namespace: nil, now: now(), uid: UUID().uuidString.lowercased(),
                nameSuffix: "")
            _ = try store.create(key, object: prepared)
        }
        try ensureBootstrapPolicy()
        try ensureKubernetesService()
        try ensureSystemPriorityClasses()
    }

    /// The `default/kubernetes` Service (10.96.0.1:443), as every cluster has.
    private func ensureKubernetesService() throws {
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
            try JSONValue(encoding: service), kind: .service, namespace: "default", now: now(),
            uid: UUID().uuidString.lowercased(), nameSuffix: "")
        _ = try store.create(key, object: prepared)
    }
}
