import Foundation
import KubeAPI
import Wire

/// What a describer shows besides the object itself, fetched by the command and passed in so that every
/// describer is a pure function.
struct DescribeInputs: Sendable {
    /// Ages (events, pods, a terminating pod) are measured against this instant.
    var now: Date
    /// Times print in this zone (kubectl prints local time).
    var timeZone: TimeZone
    /// The object's related events; nil hides the Events section.
    var events: [JSONValue]?
    /// Nodes: their non-terminated pods. DaemonSets, ReplicaSets and StatefulSets: the pods their selector
    /// matches, or the error met listing them.
    var pods: Result<[JSONValue], DescribeFetchError> = .success([])
    /// Deployments: the replica sets of their namespace.
    var replicaSets: [JSONValue] = []
    /// Services: their EndpointSlices.
    var endpointSlices: [JSONValue] = []
    /// Ingresses: the Services of their namespace, or the error met listing them.
    var services: Result<[JSONValue], DescribeFetchError> = .success([])
    /// Nodes: their lease.
    var lease: NodeDescriber.LeaseLookup = .skipped
    /// ServiceAccounts: the Secrets of their namespace (nil: they could not be listed).
    var secrets: [JSONValue]?

    init(now: Date, timeZone: TimeZone, events: [JSONValue]? = nil) {
        self.now = now
        self.timeZone = timeZone
        self.events = events
    }
}

/// Picks the describer for a kind: `kubectl describe`'s describer map.
enum ObjectDescriber {
    /// What the command must fetch to describe an object of `kind`.
    enum Need: Sendable, Equatable {
        /// Pods matching the object's selector in its namespace.
        case selectedPods
        /// The node's non-terminated pods in every namespace, and its lease.
        case nodePodsAndLease
        /// The replica sets of the object's namespace.
        case replicaSets
        /// The EndpointSlices labelled with the service's name (`kubernetes.io/service-name`).
        case endpointSlices
        /// The pods of the object's namespace (a claim's users).
        case namespacePods
        /// The Services and EndpointSlices of the object's namespace (an Ingress's backends).
        case namespaceServices
        /// The Secrets of the object's namespace.
        case namespaceSecrets
    }

    /// The related objects a kind's describer shows (events aside).
    static func needs(_ kind: ResourceKind) -> [Need] {
        switch kind {
        case .daemonSet, .replicaSet, .statefulSet: return [.selectedPods]
        case .node: return [.nodePodsAndLease]
        case .deployment: return [.replicaSets]
        case .service: return [.endpointSlices]
        case .persistentVolumeClaim: return [.namespacePods]
        case .ingress: return [.namespaceServices]
        case .serviceAccount: return [.namespaceSecrets]
        default: return []
        }
    }

    /// Whether the describer of `kind` shows events (kubectl's namespace describer does not).
    static func showsEvents(_ kind: ResourceKind) -> Bool { kind != .namespace && kind != .secret && kind != .networkPolicy }

    /// The `kubectl describe` text of `object`, an object of `kind`.
    static func describe(_ object: JSONValue, kind: ResourceKind, inputs: DescribeInputs) -> String {
        let (now, zone, events) = (inputs.now, inputs.timeZone, inputs.events)
        let pods = (try? inputs.pods.get()) ?? []
        switch kind {
        case .pod: return PodDescriber.describe(object, events: events, now: now, timeZone: zone)
        case .node:
            return NodeDescriber.describe(object, pods: pods, events: events, lease: inputs.lease, now: now, timeZone: zone)
        case .daemonSet: return DaemonSetDescriber.describe(object, pods: pods, events: events, now: now, timeZone: zone)
        case .statefulSet:
            return StatefulSetDescriber.describe(object, pods: pods, events: events, now: now, timeZone: zone)
        case .replicaSet:
            return ReplicaSetDescriber.describe(object, pods: inputs.pods, events: events, now: now, timeZone: zone)
        case .deployment:
            return DeploymentDescriber.describe(
                object, replicaSets: inputs.replicaSets, events: events, now: now, timeZone: zone)
        case .service: return ServiceDescriber.describe(
                object, endpointSlices: inputs.endpointSlices, events: events, now: now)
        case .endpoints: return EndpointsDescriber.describe(object, events: events, now: now)
        case .endpointSlice: return EndpointSliceDescriber.describe(object, events: events, now: now)
        case .job: return JobDescriber.describe(object, events: events, now: now, timeZone: zone)
        case .cronJob: return JobDescriber.describeCronJob(object, events: events, now: now, timeZone: zone)
        case .networkPolicy: return NetworkingDescriber.describeNetworkPolicy(object, timeZone: zone)
        case .ingress:
            return NetworkingDescriber.describeIngress(
                object, services: inputs.services, endpointSlices: inputs.endpointSlices, events: events, now: now)
        case .ingressClass: return NetworkingDescriber.describeIngressClass(object, events: events, now: now)
        case .storageClass: return StorageDescriber.describeStorageClass(object, events: events, now: now)
        case .persistentVolume: return StorageDescriber.describePersistentVolume(object, events: events, now: now)
        case .persistentVolumeClaim:
            return StorageDescriber.describePersistentVolumeClaim(object, pods: pods, events: events, now: now, timeZone: zone)
        case .namespace: return GenericDescriber.describeNamespace(object, timeZone: zone)
        case .configMap: return ConfigDataDescriber.describeConfigMap(object, events: events, now: now)
        case .secret: return ConfigDataDescriber.describeSecret(object)
        case .serviceAccount:
            return ServiceAccountDescriber.describe(object, secrets: inputs.secrets, events: events, now: now)
        case .role, .clusterRole: return RBACDescriber.describeRole(object)
        case .roleBinding, .clusterRoleBinding: return RBACDescriber.describeBinding(object)
        case .podDisruptionBudget: return PolicyDescriber.describePodDisruptionBudget(object, events: events, now: now)
        case .priorityClass: return PolicyDescriber.describePriorityClass(object, events: events, now: now)
        default: return GenericDescriber.describe(object, events: events, now: now)
        }
    }
}
