import KubeAPI
import Wire

/// Kubernetes' `DefaultStorageClass` and `DefaultIngressClass` admission plugins, on create: a claim that names no
/// StorageClass (no `storageClassName`, not even `""`, and no beta annotation) gets the default one, and an Ingress
/// that names no IngressClass (no `ingressClassName`, no `kubernetes.io/ingress.class` annotation) gets the default
/// one; the newest when several are marked default, nothing when none is.
extension APIServer {
    /// The create admission that needs the store (pods' priority, claims' and Ingresses' default classes) on JSON.
    func admittingDefaults(_ kind: ResourceKind, _ object: JSONValue) throws -> JSONValue {
        var admitted = object
        switch kind {
        case .pod:
            return try admittingPriority(object)
        case .persistentVolumeClaim:
            guard admitted[path: ["spec", "storageClassName"]] == nil || admitted[path: ["spec", "storageClassName"]] == .null,
                admitted[path: ["metadata", "annotations", StorageFormat.betaClassAnnotation]] == nil,
                let name = try defaultStorageClass()
            else { return object }
            admitted[path: ["spec", "storageClassName"]] = .string(name)
        case .ingress:
            guard admitted[path: ["spec", "ingressClassName"]] == nil || admitted[path: ["spec", "ingressClassName"]] == .null,
                admitted[path: ["metadata", "annotations", Ingress.classAnnotation]] == nil,
                let name = try defaultIngressClass()
            else { return object }
            admitted[path: ["spec", "ingressClassName"]] = .string(name)
        default:
            break
        }
        return admitted
    }

    /// The same on a typed object (the in-process path).
    func admittingDefaults<R: APIResource>(_ object: R) throws -> R {
        if let pod = object as? Pod, let admitted = try admittingPriority(pod) as? R { return admitted }
        if var claim = object as? PersistentVolumeClaim, claim.spec.storageClassName == nil,
            claim.metadata.annotations?[StorageFormat.betaClassAnnotation] == nil, let name = try defaultStorageClass()
        {
            claim.spec.storageClassName = name
            return claim as? R ?? object
        }
        if var ingress = object as? Ingress, ingress.spec.ingressClassName == nil,
            ingress.metadata.annotations?[Ingress.classAnnotation] == nil, let name = try defaultIngressClass()
        {
            ingress.spec.ingressClassName = name
            return ingress as? R ?? object
        }
        return object
    }

    private func defaultStorageClass() throws -> String? {
        let classes = try store.list(kind: ResourceKind.storageClass.kind, namespace: nil).items
            .map { try $0.decode(as: StorageClass.self) }
        return Self.newest(classes.filter(\.isDefault).map { ($0.name, $0.metadata.creationTimestamp) })
    }

    private func defaultIngressClass() throws -> String? {
        let classes = try store.list(kind: ResourceKind.ingressClass.kind, namespace: nil).items
            .map { try $0.decode(as: IngressClass.self) }
            .filter { $0.metadata.annotations?[IngressClass.defaultClassAnnotation] == "true" }
        return Self.newest(classes.map { ($0.name, $0.metadata.creationTimestamp) })
    }

    /// The newest of `(name, creationTimestamp)`; on a tie, the first name.
    static func newest(_ classes: [(name: String, created: String?)]) -> String? {
        classes.max { a, b in (a.created ?? "", b.name) < (b.created ?? "", a.name) }?.name
    }
}
