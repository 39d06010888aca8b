import KubeAPI
import Wire

/// kubectl's `describeVolumes`: one entry per volume with its source's fields, for the volume sources this
/// emulator's pods use (others print `<unknown>`).
enum VolumeSection {
    /// `Volumes:\t<none>`, or `Volumes:` then `  <name>:` and the source's lines. Inside a pod template `space` is
    /// `"  "` and names get one more space.
    static func write(_ volumes: [JSONValue], space: String, into w: inout DescribeWriter) {
        guard !volumes.isEmpty else { return w.write(0, "\(space)Volumes:\t<none>\n") }
        w.write(0, "\(space)Volumes:\n")
        for volume in volumes.map(JSONFields.init) {
            w.write(1, "\(space.isEmpty ? "" : " ")\(volume.string("name") ?? ""):\n")
            source(volume, into: &w)
        }
    }

    private static func source(_ v: JSONFields, into w: inout DescribeWriter) {
        func has(_ key: String) -> Bool { v.value(key)?.objectValue != nil }
        func lines(_ type: String, _ fields: [(String, String)]) {
            w.write(2, "Type:\t\(type)\n" + fields.map { "    \($0.0):\t\($0.1)\n" }.joined())
        }
        if has("hostPath") {
            lines("HostPath (bare host directory volume)", [
                ("Path", v.string("hostPath", "path") ?? ""), ("HostPathType", v.string("hostPath", "type") ?? "<none>"),
            ])
        } else if has("emptyDir") {
            let limit = Quantity(json: v.value("emptyDir", "sizeLimit")).flatMap { $0.mantissa > 0 ? $0 : nil }
            lines("EmptyDir (a temporary directory that shares a pod's lifetime)", [
                ("Medium", v.string("emptyDir", "medium") ?? ""),
                ("SizeLimit", limit == nil ? "<unset>" : ContainerSection.quantityText(v.value("emptyDir", "sizeLimit"))),
            ])
        } else if has("secret") {
            lines("Secret (a volume populated by a Secret)", [
                ("SecretName", v.string("secret", "secretName") ?? ""), ("Optional", bool(v.bool("secret", "optional"))),
            ])
        } else if has("configMap") {
            lines("ConfigMap (a volume populated by a ConfigMap)", [
                ("Name", v.string("configMap", "name") ?? ""), ("Optional", bool(v.bool("configMap", "optional"))),
            ])
        } else if has("persistentVolumeClaim") {
            lines("PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)", [
                ("ClaimName", v.string("persistentVolumeClaim", "claimName") ?? ""),
                ("ReadOnly", bool(v.bool("persistentVolumeClaim", "readOnly"))),
            ])
        } else if has("nfs") {
            lines("NFS (an NFS mount that lasts the lifetime of a pod)", [
                ("Server", v.string("nfs", "server") ?? ""), ("Path", v.string("nfs", "path") ?? ""),
                ("ReadOnly", bool(v.bool("nfs", "readOnly"))),
            ])
        } else if has("downwardAPI") {
            w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n")
            for item in v.array("downwardAPI", "items").map(JSONFields.init) {
                let path = item.string("path") ?? ""
                if let field = item.string("fieldRef", "fieldPath") { w.write(3, "\(field) -> \(path)\n") }
                if let resource = item.string("resourceFieldRef", "resource") { w.write(3, "\(resource) -> \(path)\n") }
            }
        } else if has("projected") {
            projected(v, into: &w)
        } else {
            w.write(1, "<unknown>\n")
        }
    }

    private static func projected(_ v: JSONFields, into w: inout DescribeWriter) {
        w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
        for source in v.array("projected", "sources").map(JSONFields.init) {
            if source.value("secret")?.objectValue != nil {
                w.write(2, "SecretName:\t\(source.string("secret", "name") ?? "")\n"
                    + "    SecretOptionalName:\t\(pointer(source.bool("secret", "optional")))\n")
            } else if source.value("downwardAPI")?.objectValue != nil {
                w.write(2, "DownwardAPI:\ttrue\n")
            } else if source.value("configMap")?.objectValue != nil {
                w.write(2, "ConfigMapName:\t\(source.string("configMap", "name") ?? "")\n"
                    + "    ConfigMapOptional:\t\(pointer(source.bool("configMap", "optional")))\n")
            } else if source.value("serviceAccountToken")?.objectValue != nil {
                w.write(2, "TokenExpirationSeconds:\t\(source.int("serviceAccountToken", "expirationSeconds") ?? 3600)\n")
            }
        }
    }

    private static func bool(_ value: Bool?) -> String { value == true ? "true" : "false" }

    /// kubectl prints a projected source's `optional` (a Go `*bool`) with `%v`: `<nil>` when unset (when set, the
    /// pointer's address, which is printed here as the value instead).
    private static func pointer(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "<nil>" }
}
