// Part of the API's schema table (see APISchemaTable.swift): storage.k8s.io/v1 StorageClasses and CSIDrivers, and
// core/v1 PersistentVolumes and PersistentVolumeClaims.

extension APISchema {
    /// The storage.k8s.io/v1 definitions' short names (their OpenAPI package).
    static let storageNames = [
        "StorageClass", "CSIDriver", "CSIDriverSpec", "CSITokenRequest",
    ]

    static let storage: [SchemaDefinition] = storageClasses + persistentVolumes + persistentVolumeClaims
        + volumeSources

    private static let storageClasses: [SchemaDefinition] = [
        resource(
            "StorageClass",
            "A class of storage: the provisioner that creates its volumes and what it is given. Stored as sent; no "
                + "provisioner runs in this cluster.",
            [
                field("allowVolumeExpansion", .boolean, "Whether claims of the class may ask for more storage."),
                field(
                    "allowedTopologies", .array(.ref("TopologySelectorTerm")),
                    "Where volumes of the class may be provisioned; unset means anywhere."),
                field("mountOptions", .array(.string), "Mount options of the volumes provisioned, such as [\"ro\"]."),
                field("parameters", .map(.string), "Passed to the provisioner. Cannot change."),
                field(
                    "provisioner", .string, required: true,
                    "The provisioner of the class's volumes, such as rancher.io/local-path. Cannot change."),
                field(
                    "reclaimPolicy", .string, enum: ["Delete", "Recycle", "Retain"],
                    "What becomes of a provisioned volume when its claim goes: Delete (the default) or Retain. "
                        + "Cannot change."),
                field(
                    "volumeBindingMode", .string, enum: ["Immediate", "WaitForFirstConsumer"],
                    "When claims are bound: Immediate (the default), or when a pod first uses them. Cannot change."),
            ]),
        object(
            "TopologySelectorTerm", "Topology labels a volume's node must have; the expressions are ANDed.",
            [field("matchLabelExpressions", .array(.ref("TopologySelectorLabelRequirement")), "The expressions.")]),
        object(
            "TopologySelectorLabelRequirement", "A topology label and the values it may have.",
            [
                field("key", .string, required: true, "The label."),
                field("values", .array(.string), required: true, "Its allowed values."),
            ]),
        resource(
            "CSIDriver",
            "How Kubernetes treats a CSI volume driver installed in the cluster. Stored as sent; no CSI driver is called "
                + "in this cluster.",
            [field("spec", .ref("CSIDriverSpec"), required: true, "The driver's behaviour.")]),
        object(
            "CSIDriverSpec", "The behaviour of a CSI driver.",
            [
                field(
                    "attachRequired", .boolean,
                    "Whether volumes need an attach operation before they are mounted; default true. Cannot change."),
                field(
                    "fsGroupPolicy", .string,
                    "Whether the volumes' ownership and permissions follow the pod's fsGroup: ReadWriteOnceWithFSType "
                        + "(the default), File or None."),
                field(
                    "podInfoOnMount", .boolean,
                    "Whether the driver gets the pod's name, namespace, uid and service account on mount; default false."),
                field("requiresRepublish", .boolean, "Whether mounts are republished periodically; default false."),
                field("seLinuxMount", .boolean, "Whether the driver supports the SELinux context mount option."),
                field(
                    "storageCapacity", .boolean,
                    "Whether the scheduler considers the capacity the driver reports; default false."),
                field(
                    "tokenRequests", .array(.ref("CSITokenRequest")),
                    "Service account tokens passed to the driver on mount."),
                field(
                    "volumeLifecycleModes", .array(.string),
                    "Persistent (the default) and/or Ephemeral: the kinds of volumes the driver serves. Cannot change."),
            ]),
        object(
            "CSITokenRequest", "A service account token requested for a CSI driver.",
            [
                field("audience", .string, required: true, "The token's audience; empty for the API server's."),
                field("expirationSeconds", .integer, "How long the token lasts."),
            ]),
    ]

    private static let persistentVolumes: [SchemaDefinition] = [
        resource(
            "PersistentVolume",
            "A piece of storage in the cluster that one claim at a time can bind. Stored as sent; no volume is "
                + "attached or mounted for it in this cluster.",
            [
                field("spec", .ref("PersistentVolumeSpec"), "What the volume is and offers."),
                field("status", .ref("PersistentVolumeStatus"), "Where the volume is in its life. Read-only."),
            ]),
        object(
            "PersistentVolumeSpec", "What a persistent volume is and offers; exactly one volume source is set.",
            [
                field("accessModes", .array(.string), "How the volume can be mounted: ReadWriteOnce, ReadOnlyMany..."),
                field("awsElasticBlockStore", .ref("AWSElasticBlockStoreVolumeSource"), "An AWS EBS disk."),
                field("azureDisk", .ref("AzureDiskVolumeSource"), "An Azure data disk."),
                field("azureFile", .ref("AzureFilePersistentVolumeSource"), "An Azure File share."),
                field("capacity", quantities, "The volume's size (storage)."),
                field("cephfs", .ref("CephFSPersistentVolumeSource"), "A Ceph file system."),
                field("cinder", .ref("CinderPersistentVolumeSource"), "An OpenStack Cinder volume."),
                field("claimRef", .ref("ObjectReference"), "The claim bound to the volume, or reserved for it."),
                field("csi", .ref("CSIPersistentVolumeSource"), "A volume of a CSI driver."),
                field("fc", .ref("FCVolumeSource"), "A Fibre Channel disk."),
                field("flexVolume", .ref("FlexPersistentVolumeSource"), "A volume of a FlexVolume driver."),
                field("flocker", .ref("FlockerVolumeSource"), "A Flocker dataset."),
                field("gcePersistentDisk", .ref("GCEPersistentDiskVolumeSource"), "A GCE persistent disk."),
                field("glusterfs", .ref("GlusterfsPersistentVolumeSource"), "A GlusterFS volume."),
                field("hostPath", .ref("HostPathVolumeSource"), "A directory of the node (single-node testing only)."),
                field("iscsi", .ref("ISCSIPersistentVolumeSource"), "An iSCSI disk."),
                field("local", .ref("LocalVolumeSource"), "A local disk, partition or directory of one node."),
                field("mountOptions", .array(.string), "Mount options, such as [\"ro\", \"soft\"]."),
                field("nfs", .ref("NFSVolumeSource"), "An NFS export."),
                field("nodeAffinity", .ref("VolumeNodeAffinity"), "The nodes the volume can be reached from."),
                field(
                    "persistentVolumeReclaimPolicy", .string, enum: ["Delete", "Recycle", "Retain"],
                    "What becomes of the volume when its claim goes: Retain (the default), Delete or Recycle."),
                field("photonPersistentDisk", .ref("PhotonPersistentDiskVolumeSource"), "A Photon Controller disk."),
                field("portworxVolume", .ref("PortworxVolumeSource"), "A Portworx volume."),
                field("quobyte", .ref("QuobyteVolumeSource"), "A Quobyte volume."),
                field("rbd", .ref("RBDPersistentVolumeSource"), "A Rados block device."),
                field("scaleIO", .ref("ScaleIOPersistentVolumeSource"), "A ScaleIO volume."),
                field("storageClassName", .string, "The StorageClass the volume belongs to; empty for none."),
                field("storageos", .ref("StorageOSPersistentVolumeSource"), "A StorageOS volume."),
                field("volumeAttributesClassName", .string, "The VolumeAttributesClass of the volume."),
                field("volumeMode", .string, enum: ["Block", "Filesystem"], "Filesystem (the default) or Block."),
                field("vsphereVolume", .ref("VsphereVirtualDiskVolumeSource"), "A vSphere disk."),
            ]),
        object(
            "VolumeNodeAffinity", "The nodes a volume can be reached from.",
            [field("required", .ref("NodeSelector"), "The nodes that must match.")]),
        object(
            "PersistentVolumeStatus", "Where a persistent volume is in its life.",
            [
                field("lastPhaseTransitionTime", time, "When the phase last changed."),
                field("message", .string, "Why the volume is in its phase, for people."),
                field(
                    "phase", .string, enum: ["Available", "Bound", "Failed", "Pending", "Released"],
                    "Pending, Available (free to bind), Bound, Released (its claim is gone) or Failed."),
                field("reason", .string, "Why the volume is in its phase, in one word."),
            ]),
    ]

    private static let persistentVolumeClaims: [SchemaDefinition] = [
        resource(
            "PersistentVolumeClaim",
            "A request for storage (a size, access modes, a class) that binds to one persistent volume.",
            [
                field("spec", .ref("PersistentVolumeClaimSpec"), "What the claim asks for."),
                field("status", .ref("PersistentVolumeClaimStatus"), "Whether and what the claim is bound to. Read-only."),
            ]),
        object(
            "PersistentVolumeClaimSpec", "What a claim asks for.",
            [
                field("accessModes", .array(.string), "How the volume must be mountable: ReadWriteOnce, ReadOnlyMany..."),
                field("dataSource", .ref("TypedLocalObjectReference"), "An object to fill the new volume from."),
                field("dataSourceRef", .ref("TypedObjectReference"), "An object to fill the new volume from."),
                field("resources", .ref("VolumeResourceRequirements"), "The size asked for (requests.storage)."),
                field("selector", .ref("LabelSelector"), "Only volumes whose labels match may bind."),
                field("storageClassName", .string, "The StorageClass; an empty string asks for a volume without one."),
                field("volumeAttributesClassName", .string, "The VolumeAttributesClass of the claim."),
                field("volumeMode", .string, enum: ["Block", "Filesystem"], "Filesystem (the default) or Block."),
                field("volumeName", .string, "The volume bound to the claim."),
            ]),
        object(
            "VolumeResourceRequirements", "The storage a claim asks for.",
            [
                field("limits", quantities, "The most it may get."),
                field("requests", quantities, "The least it needs: storage is the volume's size."),
            ]),
        object(
            "TypedObjectReference", "A reference to an object of a kind, possibly in another namespace.",
            [
                field("apiGroup", .string, "The kind's API group; unset for the core group."),
                field("kind", .string, required: true, "The object's kind."),
                field("name", .string, required: true, "The object's name."),
                field("namespace", .string, "The object's namespace."),
            ]),
        object(
            "PersistentVolumeClaimStatus", "Whether and what a claim is bound to.",
            [
                field("accessModes", .array(.string), "The access modes of the bound volume."),
                field("allocatedResourceStatuses", .map(.string), "The state of resizes in progress."),
                field("allocatedResources", quantities, "The storage allocated, during and after a resize."),
                field("capacity", quantities, "The size of the bound volume."),
                field("conditions", .array(.ref("PersistentVolumeClaimCondition")), "Resizes under way, and the like."),
                field("currentVolumeAttributesClassName", .string, "The VolumeAttributesClass in effect."),
                field("modifyVolumeStatus", .ref("ModifyVolumeStatus"), "A VolumeAttributesClass change under way."),
                field("phase", .string, enum: ["Bound", "Lost", "Pending"], "Pending, Bound or Lost."),
            ]),
        object(
            "PersistentVolumeClaimCondition", "One aspect of a claim's state at a point in time.",
            [
                field("lastProbeTime", time, "When the condition was last checked."),
                field("lastTransitionTime", time, "When the condition last changed status."),
                field("message", .string, "An explanation of the last transition, for people."),
                field("reason", .string, "A one-word CamelCase reason for the last transition."),
                field("status", .string, required: true, "True, False or Unknown."),
                field("type", .string, required: true, "Resizing, FileSystemResizePending..."),
            ]),
        object(
            "ModifyVolumeStatus", "A VolumeAttributesClass change under way.",
            [
                field("status", .string, required: true, "Pending, InProgress or Infeasible."),
                field("targetVolumeAttributesClassName", .string, "The class being changed to."),
            ]),
    ]

    /// The volume sources of a persistent volume, carried as sent.
    private static let volumeSources: [SchemaDefinition] = [
        ("AWSElasticBlockStoreVolumeSource", "An AWS EBS disk."),
        ("AzureDiskVolumeSource", "An Azure data disk."),
        ("AzureFilePersistentVolumeSource", "An Azure File share."),
        ("CephFSPersistentVolumeSource", "A Ceph file system."),
        ("CinderPersistentVolumeSource", "An OpenStack Cinder volume."),
        ("CSIPersistentVolumeSource", "A volume of a CSI driver: the driver, the volume's handle, its attributes."),
        ("FCVolumeSource", "A Fibre Channel disk."),
        ("FlexPersistentVolumeSource", "A volume of a FlexVolume driver."),
        ("FlockerVolumeSource", "A Flocker dataset."),
        ("GCEPersistentDiskVolumeSource", "A GCE persistent disk."),
        ("GlusterfsPersistentVolumeSource", "A GlusterFS volume."),
        ("HostPathVolumeSource", "A file or directory of the node: its path and type."),
        ("ISCSIPersistentVolumeSource", "An iSCSI disk."),
        ("LocalVolumeSource", "A local disk, partition or directory: its path and file system type."),
        ("NFSVolumeSource", "An NFS export: the server, the path, read-only or not."),
        ("PhotonPersistentDiskVolumeSource", "A Photon Controller disk."),
        ("PortworxVolumeSource", "A Portworx volume."),
        ("QuobyteVolumeSource", "A Quobyte volume."),
        ("RBDPersistentVolumeSource", "A Rados block device."),
        ("ScaleIOPersistentVolumeSource", "A ScaleIO volume."),
        ("StorageOSPersistentVolumeSource", "A StorageOS volume."),
        ("VsphereVirtualDiskVolumeSource", "A vSphere disk."),
    ].map { opaque($0.0, $0.1) }
}
