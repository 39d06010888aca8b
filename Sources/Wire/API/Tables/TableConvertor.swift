import Foundation

/// The table of one kind: its columns and how to compute a row from an object, as Kubernetes' per-type print
/// handlers (`pkg/printers/internalversion/printers.go`). Pure.
public protocol TableColumns {
    /// Every column, wide ones (priority 1) included, in Kubernetes' order.
    static var columns: [TableColumnDefinition] { get }

    /// One cell per entry of ``columns`` for `object` (strings and integers), with ages computed against `now`.
    static func cells(for object: JSONValue, now: Date) -> [JSONValue]

    /// The row's conditions (a finished pod's `Completed`); none by default.
    static func conditions(for object: JSONValue) -> [TableRowCondition]
}

extension TableColumns {
    public static func conditions(for object: JSONValue) -> [TableRowCondition] { [] }
}

/// Turns API objects into ``Table``s: what the API server answers when a request asks for a table, and what kctl
/// prints. Kubernetes' `TableConvertor`. Pure: time-dependent cells (AGE) take `now`.
public enum TableConvertor {
    /// The columns of a manifest kind (`Pod`, `DaemonSet`, ...); `Name Age` for kinds without their own.
    public static func columns(forKind kind: String) -> any TableColumns.Type {
        switch kind {
        case "Pod": PodColumns.self
        case "DaemonSet": DaemonSetColumns.self
        case "Deployment": DeploymentColumns.self
        case "ReplicaSet": ReplicaSetColumns.self
        case "Service": ServiceColumns.self
        case "Node": NodeColumns.self
        case "Namespace": NamespaceColumns.self
        case "Endpoints": EndpointsColumns.self
        case "Event": EventColumns.self
        case "ControllerRevision": ControllerRevisionColumns.self
        case "Lease": LeaseColumns.self
        case "EndpointSlice": EndpointSliceColumns.self
        case "Job": JobColumns.self
        case "CronJob": CronJobColumns.self
        case "StatefulSet": StatefulSetColumns.self
        case "PriorityClass": PriorityClassColumns.self
        case "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration": WebhookConfigurationColumns.self
        case "APIService": APIServiceColumns.self
        case "PodDisruptionBudget": PodDisruptionBudgetColumns.self
        case "ConfigMap": ConfigMapColumns.self
        case "Secret": SecretColumns.self
        case "ServiceAccount": ServiceAccountColumns.self
        case "NetworkPolicy": NetworkPolicyColumns.self
        case "Ingress": IngressColumns.self
        case "IngressClass": IngressClassColumns.self
        case "StorageClass": StorageClassColumns.self
        case "CSIDriver": CSIDriverColumns.self
        case "PersistentVolume": PersistentVolumeColumns.self
        case "PersistentVolumeClaim": PersistentVolumeClaimColumns.self
        case "Role", "ClusterRole": RoleColumns.self
        case "RoleBinding", "ClusterRoleBinding": RoleBindingColumns.self
        case "CustomResourceDefinition": CustomResourceDefinitionColumns.self
        default: DefaultColumns.self
        }
    }

    /// A table of `objects` of `kind`, in the order given.
    /// - Parameters:
    ///   - resourceVersion: the table's `metadata.resourceVersion` (a list's; for one object, its own).
    ///   - headers: whether to include the column definitions (a watch sends them with its first event only).
    public static func table(
        kind: String, objects: [JSONValue], now: Date, options: TableOptions = TableOptions(),
        resourceVersion: String? = nil, headers: Bool = true
    ) -> Table {
        let provider = columns(forKind: kind)
        let rows = objects.map { object in
            TableRow(
                cells: provider.cells(for: object, now: now), conditions: provider.conditions(for: object),
                object: options.rowObject(object))
        }
        return Table(resourceVersion: resourceVersion, columnDefinitions: headers ? provider.columns : [], rows: rows)
    }

    /// The table for an answer: a `<Kind>List` gives one row per item and the list's resourceVersion; a single
    /// object one row and its own resourceVersion.
    public static func table(
        kind: String, answer: JSONValue, now: Date, options: TableOptions = TableOptions(), headers: Bool = true
    ) -> Table {
        let version = answer[path: ["metadata", "resourceVersion"]]?.stringValue
        let objects = answer["items"]?.arrayValue ?? [answer]
        return table(kind: kind, objects: objects, now: now, options: options, resourceVersion: version, headers: headers)
    }
}
