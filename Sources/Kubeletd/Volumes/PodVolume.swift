import Foundation
import KubeAPI
import Wire

/// One entry of a pod's `spec.volumes`, as the kubelet sets it up on this node. Pure.
struct PodVolume: Sendable, Hashable {
    /// `items[]` of a ConfigMap or Secret source: the key written at `path` with `mode` (else the default mode).
    struct KeyToPath: Sendable, Hashable {
        var key: String
        var path: String
        var mode: Int?
    }

    /// One file of a downward-API volume or source: a pod field (`fieldPath`) or a container resource.
    struct DownwardFile: Sendable, Hashable {
        var path: String
        var fieldPath: String?
        var resourceFieldRef: JSONValue?
        var mode: Int?
    }

    /// One source of a projected volume.
    enum ProjectedSource: Sendable, Hashable {
        case configMap(name: String, items: [KeyToPath]?, optional: Bool)
        case secret(name: String, items: [KeyToPath]?, optional: Bool)
        case downwardAPI(items: [DownwardFile])
        /// A token of the pod's ServiceAccount from TokenRequest, written at `path`.
        case serviceAccountToken(path: String, audience: String?, expirationSeconds: Int64)
        /// A source the emulator does not project (`clusterTrustBundle`): named for the notes.
        case unsupported(String)
    }

    /// What the volume holds.
    enum Source: Sendable, Hashable {
        case configMap(name: String, items: [KeyToPath]?, defaultMode: Int, optional: Bool)
        case secret(name: String, items: [KeyToPath]?, defaultMode: Int, optional: Bool)
        case projected(sources: [ProjectedSource], defaultMode: Int)
        case downwardAPI(items: [DownwardFile], defaultMode: Int)
        /// A scratch directory (`medium: Memory` too: a plain directory here).
        case emptyDir
        /// A directory of the machine: never shown to a container; it gets an empty directory instead.
        case hostPath(path: String)
        /// Any other volume type (`persistentVolumeClaim`, `nfs`, `csi`, ...): an empty directory.
        case other(type: String)
    }

    /// `spec.volumes[].name`.
    var name: String
    var source: Source

    /// The file mode Kubernetes gives projected files by default (0644).
    static let defaultFileMode = 0o644

    /// The volume's plugin directory under the pod's `volumes/`, as the kubelet names it
    /// (`kubernetes.io~configmap`, `kubernetes.io~secret`, `kubernetes.io~projected`, `kubernetes.io~downward-api`,
    /// `kubernetes.io~empty-dir`, `kubernetes.io~host-path`, `kubernetes.io~<type>`).
    var pluginDirectory: String {
        switch source {
        case .configMap: "kubernetes.io~configmap"
        case .secret: "kubernetes.io~secret"
        case .projected: "kubernetes.io~projected"
        case .downwardAPI: "kubernetes.io~downward-api"
        case .emptyDir: "kubernetes.io~empty-dir"
        case .hostPath: "kubernetes.io~host-path"
        case .other(let type): "kubernetes.io~" + type.lowercased()
        }
    }

    /// Whether containers always see it read-only (ConfigMap, Secret, projected and downward-API volumes).
    var isReadOnly: Bool {
        switch source {
        case .configMap, .secret, .projected, .downwardAPI: true
        case .emptyDir, .hostPath, .other: false
        }
    }

    /// The volumes of `pod`, in spec order.
    static func volumes(of pod: Pod) -> [PodVolume] {
        (pod.spec.volumes ?? []).compactMap(PodVolume.init(json:))
    }

    /// Parses one `spec.volumes[]` entry; nil without a name.
    init?(json: JSONValue) {
        guard let name = json["name"]?.stringValue, !name.isEmpty else { return nil }
        self.name = name
        self.source = Self.source(of: json)
    }

    init(name: String, source: Source) {
        self.name = name
        self.source = source
    }

    private static func source(of json: JSONValue) -> Source {
        if let map = present(json["configMap"]) {
            return .configMap(
                name: map["name"]?.stringValue ?? "", items: items(map["items"]), defaultMode: mode(map["defaultMode"]),
                optional: map["optional"]?.boolValue ?? false)
        }
        if let secret = present(json["secret"]) {
            return .secret(
                name: secret["secretName"]?.stringValue ?? "", items: items(secret["items"]),
                defaultMode: mode(secret["defaultMode"]), optional: secret["optional"]?.boolValue ?? false)
        }
        if let projected = present(json["projected"]) {
            let sources = (projected["sources"]?.arrayValue ?? []).compactMap(projectedSource)
            return .projected(sources: sources, defaultMode: mode(projected["defaultMode"]))
        }
        if let downward = present(json["downwardAPI"]) {
            return .downwardAPI(items: downwardFiles(downward["items"]), defaultMode: mode(downward["defaultMode"]))
        }
        if present(json["emptyDir"]) != nil { return .emptyDir }
        if let hostPath = present(json["hostPath"]) { return .hostPath(path: hostPath["path"]?.stringValue ?? "") }
        let type = json.objectValue?.keys.filter { $0 != "name" }.sorted().first ?? "unknown"
        return .other(type: type)
    }

    private static func projectedSource(_ json: JSONValue) -> ProjectedSource? {
        if let map = present(json["configMap"]) {
            return .configMap(
                name: map["name"]?.stringValue ?? "", items: items(map["items"]),
                optional: map["optional"]?.boolValue ?? false)
        }
        if let secret = present(json["secret"]) {
            return .secret(
                name: secret["name"]?.stringValue ?? "", items: items(secret["items"]),
                optional: secret["optional"]?.boolValue ?? false)
        }
        if let downward = present(json["downwardAPI"]) { return .downwardAPI(items: downwardFiles(downward["items"])) }
        if let token = present(json["serviceAccountToken"]) {
            return .serviceAccountToken(
                path: token["path"]?.stringValue ?? "", audience: token["audience"]?.stringValue,
                expirationSeconds: token["expirationSeconds"]?.intValue ?? 3600)
        }
        guard let type = json.objectValue?.keys.sorted().first else { return nil }
        return .unsupported(type)
    }

    private static func items(_ json: JSONValue?) -> [KeyToPath]? {
        guard let array = json?.arrayValue else { return nil }
        return array.map {
            KeyToPath(
                key: $0["key"]?.stringValue ?? "", path: $0["path"]?.stringValue ?? "",
                mode: $0["mode"]?.intValue.map(Int.init))
        }
    }

    private static func downwardFiles(_ json: JSONValue?) -> [DownwardFile] {
        (json?.arrayValue ?? []).map {
            DownwardFile(
                path: $0["path"]?.stringValue ?? "", fieldPath: $0["fieldRef"]?["fieldPath"]?.stringValue,
                resourceFieldRef: present($0["resourceFieldRef"]), mode: $0["mode"]?.intValue.map(Int.init))
        }
    }

    private static func mode(_ json: JSONValue?) -> Int { json?.intValue.map(Int.init) ?? defaultFileMode }

    private static func present(_ json: JSONValue?) -> JSONValue? {
        guard let json, !json.isNull else { return nil }
        return json
    }
}
