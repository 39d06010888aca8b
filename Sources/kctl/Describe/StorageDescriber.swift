import Foundation
import KubeAPI
import Wire

/// `kubectl describe` for storage: ports of kubectl 1.32's StorageClass describer, `describePersistentVolume` (with
/// the sources this API's volumes use printed field by field) and `describePersistentVolumeClaim` (with the pods
/// that use the claim).
enum StorageDescriber {
    /// Describes a StorageClass. Its annotations are printed as `labels.FormatLabels` prints them, as kubectl does
    /// (last-applied-configuration included).
    static func describeStorageClass(_ storageClass: JSONValue, events: [JSONValue]?, now: Date) -> String {
        let c = JSONFields(storageClass)
        var w = DescribeWriter()
        let annotations = c.stringMap("metadata", "annotations")
        let isDefault = annotations[StorageClass.defaultClassAnnotation] == "true"
            || annotations[StorageClass.betaDefaultClassAnnotation] == "true"
        w.write(0, "Name:\t\(c.name)\n")
        w.write(0, "IsDefaultClass:\t\(isDefault ? "Yes" : "No")\n")
        w.write(0, "Annotations:\t\(LabelFormat.labels(annotations))\n")
        w.write(0, "Provisioner:\t\(c.string("provisioner") ?? "")\n")
        w.write(0, "Parameters:\t\(LabelFormat.labels(c.stringMap("parameters")))\n")
        let expansion = c.bool("allowVolumeExpansion").map { $0 ? "True" : "False" } ?? "<unset>"
        w.write(0, "AllowVolumeExpansion:\t\(expansion)\n")
        let options = c.array("mountOptions").compactMap(\.stringValue)
        if options.isEmpty {
            w.write(0, "MountOptions:\t<none>\n")
        } else {
            w.write(0, "MountOptions:\n")
            for option in options { w.write(1, "\(option)\n") }
        }
        if let policy = c.string("reclaimPolicy") { w.write(0, "ReclaimPolicy:\t\(policy)\n") }
        if let mode = c.string("volumeBindingMode") { w.write(0, "VolumeBindingMode:\t\(mode)\n") }
        if let topologies = c.value("allowedTopologies")?.arrayValue {
            w.write(0, "AllowedTopologies:\t")
            if topologies.isEmpty {
                w.writeLine("<none>")
            } else {
                w.writeLine()
                for (index, term) in topologies.map(JSONFields.init).enumerated() {
                    w.write(1, "Term \(index):\t")
                    let requirements = term.array("matchLabelExpressions").map(JSONFields.init)
                    if requirements.isEmpty { w.writeLine("<none>") }
                    for (position, requirement) in requirements.enumerated() {
                        if position != 0 { w.write(1, "\t") }
                        var text = "\(requirement.string("key") ?? "") in"
                        let values = requirement.array("values").compactMap(\.stringValue)
                        if !values.isEmpty { text += " [\(values.joined(separator: ", "))]" }
                        w.write(0, "\(text)\n")
                    }
                }
            }
        }
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    /// Describes a PersistentVolume.
    static func describePersistentVolume(_ volume: JSONValue, events: [JSONValue]?, now: Date) -> String {
        let v = JSONFields(volume)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(v.name)\n")
        w.labels("Labels", v.labels)
        w.annotations("Annotations", v.stringMap("metadata", "annotations"))
        w.write(0, "Finalizers:\t\(finalizers(v))\n")
        w.write(0, "StorageClass:\t\(className(v))\n")
        if let deleted = v.string("metadata", "deletionTimestamp") {
            w.write(0, "Status:\tTerminating (lasts \(since(deleted, now: now)))\n")
        } else {
            w.write(0, "Status:\t\(v.string("status", "phase") ?? "")\n")
        }
        var claim = ""
        if v.value("spec", "claimRef") != nil {
            claim = (v.string("spec", "claimRef", "namespace") ?? "") + "/" + (v.string("spec", "claimRef", "name") ?? "")
        }
        w.write(0, "Claim:\t\(claim)\n")
        w.write(0, "Reclaim Policy:\t\(v.string("spec", "persistentVolumeReclaimPolicy") ?? "")\n")
        w.write(0, "Access Modes:\t\(StorageFormat.accessModes(v.array("spec", "accessModes")))\n")
        if let mode = v.string("spec", "volumeMode") { w.write(0, "VolumeMode:\t\(mode)\n") }
        w.write(0, "Capacity:\t\(StorageFormat.quantity(v.value("spec", "capacity", "storage")))\n")
        nodeAffinity(v, into: &w)
        w.write(0, "Message:\t\(v.string("status", "message") ?? "")\n")
        w.write(0, "Source:\n")
        source(v, into: &w)
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    /// `printVolumeNodeAffinity`.
    private static func nodeAffinity(_ v: JSONFields, into w: inout DescribeWriter) {
        w.write(0, "Node Affinity:\t")
        guard let required = v.value("spec", "nodeAffinity", "required") else { return w.writeLine("<none>") }
        w.writeLine()
        w.write(1, "Required Terms:\t")
        let terms = JSONFields(required).array("nodeSelectorTerms").map(JSONFields.init)
        guard !terms.isEmpty else { return w.writeLine("<none>") }
        w.writeLine()
        for (index, term) in terms.enumerated() {
            w.write(2, "Term \(index):\t")
            let requirements = term.array("matchExpressions").map(JSONFields.init)
            if requirements.isEmpty { w.writeLine("<none>") }
            for (position, requirement) in requirements.enumerated() {
                if position != 0 { w.write(2, "\t") }
                var text = "\(requirement.string("key") ?? "") \((requirement.string("operator") ?? "").lowercased())"
                let values = requirement.array("values").compactMap(\.stringValue)
                if !values.isEmpty { text += " [\(values.joined(separator: ", "))]" }
                w.write(0, "\(text)\n")
            }
        }
    }

    /// The volume source's lines, as kubectl's `print<Source>VolumeSource` functions write them.
    private static func source(_ v: JSONFields, into w: inout DescribeWriter) {
        func lines(_ type: String, _ fields: [(String, String)]) {
            w.write(2, "Type:\t\(type)\n" + fields.map { "    \($0.0):\t\($0.1)\n" }.joined())
        }
        func bool(_ source: String, _ key: String) -> String { v.bool("spec", source, key) == true ? "true" : "false" }
        if v.value("spec", "hostPath") != nil {
            let type = v.value("spec", "hostPath", "type") == nil ? "<none>" : v.string("spec", "hostPath", "type") ?? ""
            lines("HostPath (bare host directory volume)", [("Path", v.string("spec", "hostPath", "path") ?? ""), ("HostPathType", type)])
        } else if v.value("spec", "nfs") != nil {
            lines("NFS (an NFS mount that lasts the lifetime of a pod)", [
                ("Server", v.string("spec", "nfs", "server") ?? ""), ("Path", v.string("spec", "nfs", "path") ?? ""),
                ("ReadOnly", bool("nfs", "readOnly")),
            ])
        } else if v.value("spec", "local") != nil {
            lines("LocalVolume (a persistent volume backed by local storage on a node)",
                  [("Path", v.string("spec", "local", "path") ?? "")])
        } else if v.value("spec", "csi") != nil {
            lines("CSI (a Container Storage Interface (CSI) volume source)", [
                ("Driver", v.string("spec", "csi", "driver") ?? ""), ("FSType", v.string("spec", "csi", "fsType") ?? ""),
                ("VolumeHandle", v.string("spec", "csi", "volumeHandle") ?? ""), ("ReadOnly", bool("csi", "readOnly")),
            ])
            w.write(2, "VolumeAttributes:\t")
            let attributes = v.stringMap("spec", "csi", "volumeAttributes")
            if attributes.isEmpty { w.writeLine("<none>") }
            for (index, key) in attributes.keys.sorted().enumerated() {
                if index != 0 {
                    w.write(2, "")
                    w.write(2, "\t")
                }
                w.write(2, "\(key)=\(attributes[key] ?? "")\n")
            }
        } else if !otherSource(v, lines: lines) {
            w.write(1, "<unknown>\n")
        }
    }

    /// The other sources kubectl prints field by field (`print<Source>VolumeSource`); false when none is set.
    private static func otherSource(_ v: JSONFields, lines: (String, [(String, String)]) -> Void) -> Bool {
        func text(_ source: String, _ key: String) -> String {
            switch v.value("spec", source, key) {
            case .string(let value)?: value
            case .int(let value)?: String(value)
            case .bool(let value)?: String(value)
            case .array(let items)?: "[" + items.compactMap(\.stringValue).joined(separator: " ") + "]"
            default: ""
            }
        }
        func number(_ source: String, _ key: String) -> String { v.int("spec", source, key).map(String.init) ?? "0" }
        func flag(_ source: String, _ key: String) -> String { v.bool("spec", source, key) == true ? "true" : "false" }
        func present(_ source: String) -> Bool { v.value("spec", source) != nil }
        if present("gcePersistentDisk") {
            lines("GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)", [
                ("PDName", text("gcePersistentDisk", "pdName")), ("FSType", text("gcePersistentDisk", "fsType")),
                ("Partition", number("gcePersistentDisk", "partition")), ("ReadOnly", flag("gcePersistentDisk", "readOnly")),
            ])
        } else if present("awsElasticBlockStore") {
            lines("AWSElasticBlockStore (a Persistent Disk resource in AWS)", [
                ("VolumeID", text("awsElasticBlockStore", "volumeID")), ("FSType", text("awsElasticBlockStore", "fsType")),
                ("Partition", number("awsElasticBlockStore", "partition")),
                ("ReadOnly", flag("awsElasticBlockStore", "readOnly")),
            ])
        } else if present("glusterfs") {
            lines("Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)", [
                ("EndpointsName", text("glusterfs", "endpoints")),
                ("EndpointsNamespace", v.string("spec", "glusterfs", "endpointsNamespace") ?? "<unset>"),
                ("Path", text("glusterfs", "path")), ("ReadOnly", flag("glusterfs", "readOnly")),
            ])
        } else if present("quobyte") {
            lines("Quobyte (a Quobyte mount on the host that shares a pod's lifetime)", [
                ("Registry", text("quobyte", "registry")), ("Volume", text("quobyte", "volume")),
                ("ReadOnly", flag("quobyte", "readOnly")),
            ])
        } else if present("vsphereVolume") {
            lines("vSphereVolume (a Persistent Disk resource in vSphere)", [
                ("VolumePath", text("vsphereVolume", "volumePath")), ("FSType", text("vsphereVolume", "fsType")),
                ("StoragePolicyName", text("vsphereVolume", "storagePolicyName")),
            ])
        } else if present("photonPersistentDisk") {
            lines("PhotonPersistentDisk (a Persistent Disk resource in photon platform)", [
                ("PdID", text("photonPersistentDisk", "pdID")), ("FSType", text("photonPersistentDisk", "fsType")),
            ])
        } else if present("portworxVolume") {
            lines("PortworxVolume (a Portworx Volume resource)", [("VolumeID", text("portworxVolume", "volumeID"))])
        } else if present("scaleIO") {
            lines("ScaleIO (a persistent volume backed by a block device in ScaleIO)", [
                ("Gateway", text("scaleIO", "gateway")), ("System", text("scaleIO", "system")),
                ("Protection Domain", text("scaleIO", "protectionDomain")), ("Storage Pool", text("scaleIO", "storagePool")),
                ("Storage Mode", text("scaleIO", "storageMode")), ("VolumeName", text("scaleIO", "volumeName")),
                ("SecretName", v.string("spec", "scaleIO", "secretRef", "name") ?? ""),
                ("SecretNamespace", v.string("spec", "scaleIO", "secretRef", "namespace") ?? ""),
                ("FSType", text("scaleIO", "fsType")), ("ReadOnly", flag("scaleIO", "readOnly")),
            ])
        } else if present("storageos") {
            lines("StorageOS (a StorageOS Persistent Disk resource)", [
                ("VolumeName", text("storageos", "volumeName")), ("VolumeNamespace", text("storageos", "volumeNamespace")),
                ("FSType", text("storageos", "fsType")), ("ReadOnly", flag("storageos", "readOnly")),
            ])
        } else if present("fc") {
            let wwns = v.array("spec", "fc", "targetWWNs").compactMap(\.stringValue).joined(separator: ", ")
            lines("FC (a Fibre Channel disk)", [
                ("TargetWWNs", wwns), ("LUN", v.int("spec", "fc", "lun").map(String.init) ?? "<none>"),
                ("FSType", text("fc", "fsType")), ("ReadOnly", flag("fc", "readOnly")),
            ])
        } else if present("azureFile") {
            lines("AzureFile (an Azure File Service mount on the host and bind mount to the pod)", [
                ("SecretName", text("azureFile", "secretName")), ("SecretNamespace", text("azureFile", "secretNamespace")),
                ("ShareName", text("azureFile", "shareName")), ("ReadOnly", flag("azureFile", "readOnly")),
            ])
        } else if present("flocker") {
            lines("Flocker (a Flocker volume mounted by the Flocker agent)", [
                ("DatasetName", text("flocker", "datasetName")), ("DatasetUUID", text("flocker", "datasetUUID")),
            ])
        } else {
            return false
        }
        return true
    }

    /// Describes a PersistentVolumeClaim; `pods` are the pods of its namespace (those that mount it are shown).
    static func describePersistentVolumeClaim(
        _ claim: JSONValue, pods: [JSONValue], events: [JSONValue]?, now: Date, timeZone: TimeZone
    ) -> String {
        let c = JSONFields(claim)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(c.name)\n")
        w.write(0, "Namespace:\t\(c.namespace)\n")
        w.write(0, "StorageClass:\t\(className(c))\n")
        if let deleted = c.string("metadata", "deletionTimestamp") {
            w.write(0, "Status:\tTerminating (lasts \(since(deleted, now: now)))\n")
        } else {
            w.write(0, "Status:\t\(c.string("status", "phase") ?? "")\n")
        }
        let volume = c.string("spec", "volumeName") ?? ""
        w.write(0, "Volume:\t\(volume)\n")
        w.labels("Labels", c.labels)
        w.annotations("Annotations", c.stringMap("metadata", "annotations"))
        w.write(0, "Finalizers:\t\(finalizers(c))\n")
        var capacity = ""
        var modes = ""
        if !volume.isEmpty {
            modes = StorageFormat.accessModes(c.array("status", "accessModes"))
            capacity = StorageFormat.quantity(c.value("status", "capacity", "storage"))
        }
        w.write(0, "Capacity:\t\(capacity)\n")
        w.write(0, "Access Modes:\t\(modes)\n")
        if let mode = c.string("spec", "volumeMode") { w.write(0, "VolumeMode:\t\(mode)\n") }
        if c.value("spec", "dataSource") != nil {
            w.write(0, "DataSource:\n")
            if let group = c.string("spec", "dataSource", "apiGroup") { w.write(1, "APIGroup:\t\(group)\n") }
            w.write(1, "Kind:\t\(c.string("spec", "dataSource", "kind") ?? "")\n")
            w.write(1, "Name:\t\(c.string("spec", "dataSource", "name") ?? "")\n")
        }
        let users = usedBy(c, pods: pods)
        w.write(0, "Used By:\t")
        if users.isEmpty { w.writeLine("<none>") }
        for (index, name) in users.enumerated() {
            if index != 0 { w.write(0, "\t") }
            w.write(0, "\(name)\n")
        }
        let conditions = c.array("status", "conditions").map(JSONFields.init)
        if !conditions.isEmpty {
            w.write(0, "Conditions:\n")
            w.write(1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n")
            w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
            for condition in conditions {
                w.write(1, "\(condition.string("type") ?? "") \t\(condition.string("status") ?? "") \t"
                    + "\(DescribeTime.rfc1123Z(condition.string("lastProbeTime"), in: timeZone)) \t"
                    + "\(DescribeTime.rfc1123Z(condition.string("lastTransitionTime"), in: timeZone)) \t"
                    + "\(condition.string("reason") ?? "") \t\(condition.string("message") ?? "")\n")
            }
        }
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    /// kubectl's `getPodsForPVC`: the pods with a volume of this claim, then pods that own the claim; sorted by name.
    static func usedBy(_ claim: JSONFields, pods: [JSONValue]) -> [String] {
        var names: [String] = []
        var uids: Set<String> = []
        for pod in pods.map(JSONFields.init) {
            for volume in pod.array("spec", "volumes").map(JSONFields.init)
            where volume.string("persistentVolumeClaim", "claimName") == claim.name {
                names.append(pod.name)
                uids.insert(pod.string("metadata", "uid") ?? "")
            }
        }
        for owner in claim.array("metadata", "ownerReferences").map(JSONFields.init) where owner.string("kind") == "Pod" {
            guard let uid = owner.string("uid"), !uids.contains(uid),
                let pod = pods.map(JSONFields.init).first(where: { $0.string("metadata", "uid") == uid })
            else { continue }
            names.append(pod.name)
            uids.insert(uid)
        }
        return names.sorted()
    }

    /// Go's `%v` of the finalizers: `[a b]`.
    private static func finalizers(_ o: JSONFields) -> String {
        "[" + o.array("metadata", "finalizers").compactMap(\.stringValue).joined(separator: " ") + "]"
    }

    /// The beta class annotation, else `spec.storageClassName`.
    private static func className(_ o: JSONFields) -> String {
        o.stringMap("metadata", "annotations")[StorageFormat.betaClassAnnotation] ?? o.string("spec", "storageClassName") ?? ""
    }

    private static func since(_ timestamp: String, now: Date) -> String {
        return HumanDuration.since(timestamp, now: now)
    }
}
