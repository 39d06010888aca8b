/// An API object with Kubernetes' defaults (`SetDefaults_*` of core/v1 and apps/v1), applied by the API server
/// before validation on create and update. Applying defaults twice changes nothing.
import KubeAPI
import Wire

public protocol Defaultable {
    /// Fills every unset field that Kubernetes defaults.
    mutating func applyDefaults()
}

/// Defaulting over untyped objects, for code that holds API objects as ``JSONValue``.
public enum Defaulting {
    /// Decodes `object` as the type of `kind`, applies its defaults and encodes it again.
    public static func defaulted(_ object: JSONValue, as kind: ResourceKind) throws -> JSONValue {
        switch kind {
        case .namespace: try defaulted(object, Namespace.self)
        case .node: try defaulted(object, Node.self)
        case .pod: try defaulted(object, Pod.self)
        case .service: try defaulted(object, ServiceObject.self)
        case .endpoints: try defaulted(object, Endpoints.self)
        case .daemonSet: try defaulted(object, DaemonSet.self)
        case .deployment: try defaulted(object, Deployment.self)
        case .replicaSet: try defaulted(object, ReplicaSet.self)
        case .event: try defaulted(object, Event.self)
        case .controllerRevision: try defaulted(object, ControllerRevision.self)
        case .configMap: try defaulted(object, ConfigMap.self)
        case .secret: try defaulted(object, Secret.self)
        case .serviceAccount: try defaulted(object, ServiceAccount.self)
        case .endpointSlice: try defaulted(object, EndpointSlice.self)
        case .customResourceDefinition: try defaulted(object, CustomResourceDefinition.self)
        case .job: try defaulted(object, Job.self)
        case .cronJob: try defaulted(object, CronJob.self)
        case .statefulSet: try defaulted(object, StatefulSet.self)
        case .networkPolicy: try defaulted(object, NetworkPolicy.self)
        case .ingress: try defaulted(object, Ingress.self)
        case .ingressClass: try defaulted(object, IngressClass.self)
        case .storageClass: try defaulted(object, StorageClass.self)
        case .csiDriver: try defaulted(object, CSIDriver.self)
        case .persistentVolume: try defaulted(object, PersistentVolume.self)
        case .persistentVolumeClaim: try defaulted(object, PersistentVolumeClaim.self)
        default: object
        }
    }

    private static func defaulted<R: APIResource & Defaultable>(_ object: JSONValue, _: R.Type) throws -> JSONValue {
        var value = try object.decode(as: R.self)
        value.applyDefaults()
        return try JSONValue(encoding: value)
    }
}

extension Namespace: Defaultable {
    /// `status.phase: Active`, and the label `kubernetes.io/metadata.name: <name>` (`SetDefaults_Namespace`).
    public mutating func applyDefaults() {
        if status.phase == nil || status.phase == "" { status.phase = "Active" }
        if let name = metadata.name, !name.isEmpty {
            var labels = metadata.labels ?? [:]
            labels["kubernetes.io/metadata.name"] = name
            metadata.labels = labels
        }
    }
}

extension Node: Defaultable {
    /// `status.allocatable` defaults to `status.capacity` (`SetDefaults_NodeStatus`).
    public mutating func applyDefaults() {
        if status.allocatable == nil, let capacity = status.capacity {
            status.allocatable = capacity
        }
    }
}

extension Endpoints: Defaultable {
    /// Each port's `protocol` defaults to `TCP` (`SetDefaults_EndpointPort`).
    public mutating func applyDefaults() {
        guard var list = subsets else { return }
        for s in list.indices {
            guard var ports = list[s].ports else { continue }
            for p in ports.indices where ports[p].protocol == nil || ports[p].protocol == "" {
                ports[p].protocol = "TCP"
            }
            list[s].ports = ports
        }
        subsets = list
    }
}

extension Event: Defaultable {
    /// Events have no defaults.
    public mutating func applyDefaults() {}
}

extension ControllerRevision: Defaultable {
    /// ControllerRevisions have no defaults.
    public mutating func applyDefaults() {}
}
