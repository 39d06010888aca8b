/// Describes one kind of resource: its names in every form users and the wire use, and its scope.
public struct ResourceKind: Sendable, Hashable, CustomStringConvertible {
    /// `DaemonSet`
    public let kind: String
    /// `daemonsets`
    public let plural: String
    /// `daemonset`
    public let singular: String
    /// `apps`, or `""` for the core group.
    public let group: String
    /// `v1`
    public let version: String
    /// Whether objects of this kind live in a namespace.
    public let namespaced: Bool
    /// kubectl's short names: `ds`.
    public let shortNames: [String]

    /// `apps/v1`, or `v1` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// `daemonsets.apps`, or `pods` for the core group: how errors name the resource.
    public var groupResource: String { group.isEmpty ? plural : "\(plural).\(group)" }
    /// `daemonset.apps`, or `pod`: how kubectl's name printer names the kind.
    public var printName: String { group.isEmpty ? singular : "\(singular).\(group)" }
    /// `DaemonSet.apps`, or `Pod`: how validation errors name the kind.
    public var qualifiedKind: String { group.isEmpty ? kind : "\(kind).\(group)" }

    public var description: String { kind }

    public static let namespace = ResourceKind(kind: "Namespace", plural: "namespaces", singular: "namespace", group: "", version: "v1", namespaced: false, shortNames: ["ns"])
    public static let node = ResourceKind(kind: "Node", plural: "nodes", singular: "node", group: "", version: "v1", namespaced: false, shortNames: ["no"])
    public static let pod = ResourceKind(kind: "Pod", plural: "pods", singular: "pod", group: "", version: "v1", namespaced: true, shortNames: ["po"])
    public static let service = ResourceKind(kind: "Service", plural: "services", singular: "service", group: "", version: "v1", namespaced: true, shortNames: ["svc"])
    public static let endpoints = ResourceKind(kind: "Endpoints", plural: "endpoints", singular: "endpoints", group: "", version: "v1", namespaced: true, shortNames: ["ep"])
    public static let event = ResourceKind(kind: "Event", plural: "events", singular: "event", group: "", version: "v1", namespaced: true, shortNames: ["ev"])
    public static let daemonSet = ResourceKind(kind: "DaemonSet", plural: "daemonsets", singular: "daemonset", group: "apps", version: "v1", namespaced: true, shortNames: ["ds"])
    public static let deployment = ResourceKind(kind: "Deployment", plural: "deployments", singular: "deployment", group: "apps", version: "v1", namespaced: true, shortNames: ["deploy"])
    public static let replicaSet = ResourceKind(kind: "ReplicaSet", plural: "replicasets", singular: "replicaset", group: "apps", version: "v1", namespaced: true, shortNames: ["rs"])
    public static let statefulSet = ResourceKind(kind: "StatefulSet", plural: "statefulsets", singular: "statefulset", group: "apps", version: "v1", namespaced: true, shortNames: ["sts"])
    public static let configMap = ResourceKind(kind: "ConfigMap", plural: "configmaps", singular: "configmap", group: "", version: "v1", namespaced: true, shortNames: ["cm"])
    public static let secret = ResourceKind(kind: "Secret", plural: "secrets", singular: "secret", group: "", version: "v1", namespaced: true, shortNames: [])
    public static let serviceAccount = ResourceKind(kind: "ServiceAccount", plural: "serviceaccounts", singular: "serviceaccount", group: "", version: "v1", namespaced: true, shortNames: ["sa"])
    public static let controllerRevision = ResourceKind(kind: "ControllerRevision", plural: "controllerrevisions", singular: "controllerrevision", group: "apps", version: "v1", namespaced: true, shortNames: [])
    public static let endpointSlice = ResourceKind(kind: "EndpointSlice", plural: "endpointslices", singular: "endpointslice", group: "discovery.k8s.io", version: "v1", namespaced: true, shortNames: [])
    public static let networkPolicy = ResourceKind(kind: "NetworkPolicy", plural: "networkpolicies", singular: "networkpolicy", group: "networking.k8s.io", version: "v1", namespaced: true, shortNames: ["netpol"])
    public static let ingress = ResourceKind(kind: "Ingress", plural: "ingresses", singular: "ingress", group: "networking.k8s.io", version: "v1", namespaced: true, shortNames: ["ing"])
    public static let ingressClass = ResourceKind(kind: "IngressClass", plural: "ingressclasses", singular: "ingressclass", group: "networking.k8s.io", version: "v1", namespaced: false, shortNames: [])
    public static let storageClass = ResourceKind(kind: "StorageClass", plural: "storageclasses", singular: "storageclass", group: "storage.k8s.io", version: "v1", namespaced: false, shortNames: ["sc"])
    public static let csiDriver = ResourceKind(kind: "CSIDriver", plural: "csidrivers", singular: "csidriver", group: "storage.k8s.io", version: "v1", namespaced: false, shortNames: [])
    public static let persistentVolume = ResourceKind(kind: "PersistentVolume", plural: "persistentvolumes", singular: "persistentvolume", group: "", version: "v1", namespaced: false, shortNames: ["pv"])
    public static let persistentVolumeClaim = ResourceKind(kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims", singular: "persistentvolumeclaim", group: "", version: "v1", namespaced: true, shortNames: ["pvc"])
    public static let job = ResourceKind(kind: "Job", plural: "jobs", singular: "job", group: "batch", version: "v1", namespaced: true, shortNames: [])
    public static let cronJob = ResourceKind(kind: "CronJob", plural: "cronjobs", singular: "cronjob", group: "batch", version: "v1", namespaced: true, shortNames: ["cj"])
    public static let priorityClass = ResourceKind(kind: "PriorityClass", plural: "priorityclasses", singular: "priorityclass", group: "scheduling.k8s.io", version: "v1", namespaced: false, shortNames: ["pc"])
    public static let podDisruptionBudget = ResourceKind(kind: "PodDisruptionBudget", plural: "poddisruptionbudgets", singular: "poddisruptionbudget", group: "policy", version: "v1", namespaced: true, shortNames: ["pdb"])
    public static let validatingWebhookConfiguration = ResourceKind(kind: "ValidatingWebhookConfiguration", plural: "validatingwebhookconfigurations", singular: "validatingwebhookconfiguration", group: "admissionregistration.k8s.io", version: "v1", namespaced: false, shortNames: [])
    public static let mutatingWebhookConfiguration = ResourceKind(kind: "MutatingWebhookConfiguration", plural: "mutatingwebhookconfigurations", singular: "mutatingwebhookconfiguration", group: "admissionregistration.k8s.io", version: "v1", namespaced: false, shortNames: [])
    public static let apiService = ResourceKind(kind: "APIService", plural: "apiservices", singular: "apiservice", group: "apiregistration.k8s.io", version: "v1", namespaced: false, shortNames: [])
    /// Node heartbeats (`kube-node-lease/<node>`): held in memory by the API server, never written to disk.
    public static let lease = ResourceKind(kind: "Lease", plural: "leases", singular: "lease", group: "coordination.k8s.io", version: "v1", namespaced: true, shortNames: [])

    public static let role = ResourceKind(kind: "Role", plural: "roles", singular: "role", group: "rbac.authorization.k8s.io", version: "v1", namespaced: true, shortNames: [])
    public static let clusterRole = ResourceKind(kind: "ClusterRole", plural: "clusterroles", singular: "clusterrole", group: "rbac.authorization.k8s.io", version: "v1", namespaced: false, shortNames: [])
    public static let roleBinding = ResourceKind(kind: "RoleBinding", plural: "rolebindings", singular: "rolebinding", group: "rbac.authorization.k8s.io", version: "v1", namespaced: true, shortNames: [])
    public static let clusterRoleBinding = ResourceKind(kind: "ClusterRoleBinding", plural: "clusterrolebindings", singular: "clusterrolebinding", group: "rbac.authorization.k8s.io", version: "v1", namespaced: false, shortNames: [])

    /// Every kind the API serves.
    public static let all: [ResourceKind] = [
        .namespace, .node, .pod, .service, .endpoints, .event, .configMap, .secret, .daemonSet, .deployment, .replicaSet,
        .controllerRevision, .lease, .endpointSlice, .serviceAccount, .priorityClass,
        .networkPolicy, .ingress, .ingressClass, .storageClass, .csiDriver, .persistentVolume, .persistentVolumeClaim,
        .statefulSet, .cronJob, .job,
        .podDisruptionBudget,
        .role, .clusterRole, .roleBinding, .clusterRoleBinding,
        .validatingWebhookConfiguration, .mutatingWebhookConfiguration, .apiService,
        .customResourceDefinition,
    ]

    /// The kind named by its `kind` field (`DaemonSet`), as in manifests and on the wire.
    public static func forKind(_ kind: String) -> ResourceKind? {
        all.first { $0.kind == kind }
    }

    /// Resolves what a user types: `ds`, `daemonset`, `daemonsets`, `daemonsets.apps`, `DaemonSet`
    /// (case-insensitive), as kubectl does.
    public static func resolve(_ name: String) -> ResourceKind? {
        let lowered = name.lowercased()
        return all.first { rk in
            lowered == rk.plural || lowered == rk.singular || lowered == rk.kind.lowercased()
                || rk.shortNames.contains(lowered) || lowered == rk.groupResource || lowered == rk.printName
        }
    }
}
