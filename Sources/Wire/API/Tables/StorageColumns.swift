import Foundation

/// `kubectl get storageclasses`: `NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE`, the
/// default class named `<name> (default)`, unset fields shown as Kubernetes' defaults.
public enum StorageClassColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Provisioner", description: "The provisioner that creates the class's volumes."),
        TableColumnDefinition(name: "ReclaimPolicy", description: "What becomes of a volume when its claim goes."),
        TableColumnDefinition(name: "VolumeBindingMode", description: "When claims are bound and provisioned."),
        TableColumnDefinition(name: "AllowVolumeExpansion", description: "Whether claims of the class may grow."),
        .age,
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let c = JSONFields(object)
        let annotations = c.stringMap("metadata", "annotations")
        let isDefault = annotations["storageclass.kubernetes.io/is-default-class"] == "true"
            || annotations["storageclass.beta.kubernetes.io/is-default-class"] == "true"
        return [
            .string(c.name + (isDefault ? " (default)" : "")), .string(c.string("provisioner") ?? ""),
            .string(c.string("reclaimPolicy") ?? "Delete"), .string(c.string("volumeBindingMode") ?? "Immediate"),
            .bool(c.bool("allowVolumeExpansion") ?? false), ageCell(c, now: now),
        ]
    }
}

/// `kubectl get csidrivers`: `NAME ATTACHREQUIRED PODINFOONMOUNT STORAGECAPACITY TOKENREQUESTS REQUIRESREPUBLISH
/// MODES AGE`.
public enum CSIDriverColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "AttachRequired", type: "boolean", description: "Whether volumes need attaching."),
        TableColumnDefinition(name: "PodInfoOnMount", type: "boolean", description: "Whether mounts get pod information."),
        TableColumnDefinition(name: "StorageCapacity", type: "boolean", description: "Whether capacity is tracked."),
        TableColumnDefinition(name: "TokenRequests", description: "The audiences of the tokens the driver gets."),
        TableColumnDefinition(name: "RequiresRepublish", type: "boolean", description: "Whether mounts are republished."),
        TableColumnDefinition(name: "Modes", description: "The volume lifecycle modes the driver supports."),
        .age,
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let d = JSONFields(object)
        let modes = d.array("spec", "volumeLifecycleModes").compactMap(\.stringValue).joined(separator: ",")
        var tokens = "<unset>"
        if let requests = d.value("spec", "tokenRequests")?.arrayValue {
            tokens = requests.map { JSONFields($0).string("audience") ?? "" }.joined(separator: ",")
        }
        return [
            .string(d.name), .bool(d.bool("spec", "attachRequired") ?? true), .bool(d.bool("spec", "podInfoOnMount") ?? false),
            .bool(d.bool("spec", "storageCapacity") ?? false), .string(tokens),
            .bool(d.bool("spec", "requiresRepublish") ?? false), .string(modes.isEmpty ? "<none>" : modes),
            ageCell(d, now: now),
        ]
    }
}

/// `kubectl get persistentvolumes`: `NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS
/// VOLUMEATTRIBUTESCLASS REASON AGE` and, wide, `VOLUMEMODE`.
public enum PersistentVolumeColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Capacity", description: "The volume's size."),
        TableColumnDefinition(name: "Access Modes", description: "How the volume can be mounted."),
        TableColumnDefinition(name: "Reclaim Policy", description: "What becomes of the volume when its claim goes."),
        TableColumnDefinition(name: "Status", description: "The volume's phase."),
        TableColumnDefinition(name: "Claim", description: "The claim bound to the volume, namespace/name."),
        TableColumnDefinition(name: "StorageClass", description: "StorageClass of the pv"),
        TableColumnDefinition(name: "VolumeAttributesClass", description: "VolumeAttributesClass of the pv"),
        TableColumnDefinition(name: "Reason", description: "Why the volume is in its phase."),
        .age,
        TableColumnDefinition(name: "VolumeMode", description: "Filesystem or Block.", priority: 1),
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let v = JSONFields(object)
        var claim = ""
        if v.value("spec", "claimRef") != nil {
            claim = (v.string("spec", "claimRef", "namespace") ?? "") + "/" + (v.string("spec", "claimRef", "name") ?? "")
        }
        let phase = v.value("metadata", "deletionTimestamp") != nil ? "Terminating" : (v.string("status", "phase") ?? "")
        let className = v.stringMap("metadata", "annotations")[StorageFormat.betaClassAnnotation]
            ?? v.string("spec", "storageClassName") ?? ""
        return [
            .string(v.name), .string(StorageFormat.quantity(v.value("spec", "capacity", "storage"))),
            .string(StorageFormat.accessModes(v.array("spec", "accessModes"))),
            .string(v.string("spec", "persistentVolumeReclaimPolicy") ?? ""), .string(phase), .string(claim),
            .string(className), .string(v.string("spec", "volumeAttributesClassName") ?? "<unset>"),
            .string(v.string("status", "reason") ?? ""), ageCell(v, now: now),
            .string(v.string("spec", "volumeMode") ?? "<unset>"),
        ]
    }
}

/// `kubectl get persistentvolumeclaims`: `NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS
/// VOLUMEATTRIBUTESCLASS AGE` and, wide, `VOLUMEMODE`. Capacity and access modes are the bound volume's (from the
/// claim's status), empty until it is bound.
public enum PersistentVolumeClaimColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Status", description: "The claim's phase."),
        TableColumnDefinition(name: "Volume", description: "The volume bound to the claim."),
        TableColumnDefinition(name: "Capacity", description: "The size of the bound volume."),
        TableColumnDefinition(name: "Access Modes", description: "How the bound volume can be mounted."),
        TableColumnDefinition(name: "StorageClass", description: "StorageClass of the pvc"),
        TableColumnDefinition(name: "VolumeAttributesClass", description: "VolumeAttributesClass of the pvc"),
        .age,
        TableColumnDefinition(name: "VolumeMode", description: "Filesystem or Block.", priority: 1),
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let c = JSONFields(object)
        let phase = c.value("metadata", "deletionTimestamp") != nil ? "Terminating" : (c.string("status", "phase") ?? "")
        let volume = c.string("spec", "volumeName") ?? ""
        var capacity = ""
        var modes = ""
        if !volume.isEmpty {
            capacity = StorageFormat.quantity(c.value("status", "capacity", "storage"))
            modes = StorageFormat.accessModes(c.array("status", "accessModes"))
        }
        let className = c.stringMap("metadata", "annotations")[StorageFormat.betaClassAnnotation]
            ?? c.string("spec", "storageClassName") ?? ""
        return [
            .string(c.name), .string(phase), .string(volume), .string(capacity), .string(modes), .string(className),
            .string(c.string("spec", "volumeAttributesClassName") ?? "<unset>"), ageCell(c, now: now),
            .string(c.string("spec", "volumeMode") ?? "<unset>"),
        ]
    }
}

/// How kubectl abbreviates volume fields.
public enum StorageFormat {
    /// The beta annotation that still overrides `storageClassName` (`volume.beta.kubernetes.io/storage-class`).
    public static let betaClassAnnotation = "volume.beta.kubernetes.io/storage-class"

    /// Kubernetes' `GetAccessModesAsString`: `RWO,ROX,RWX,RWOP` in that order, each once.
    public static func accessModes(_ modes: [JSONValue]) -> String {
        let set = Set(modes.compactMap(\.stringValue))
        let order = [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")]
        return order.filter { set.contains($0.0) }.map(\.1).joined(separator: ",")
    }

    /// A quantity as written (`0` when absent).
    public static func quantity(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: text
        case .int(let number)?: String(number)
        default: "0"
        }
    }
}
