import Foundation
import KubeAPI
import Wire

/// One file of a volume's content: its bytes and permission bits.
struct VolumeFile: Sendable, Hashable {
    var content: [UInt8]
    var mode: Int

    init(_ content: [UInt8], mode: Int) {
        self.content = content
        self.mode = mode
    }

    init(_ text: String, mode: Int) {
        self.init(Array(text.utf8), mode: mode)
    }
}

/// The files of a ConfigMap, Secret, projected or downward-API volume (relative path to file), as the kubelet's
/// volume plugins compute them (`MakePayload`, `CollectData`), from the objects the kubelet has read. Pure.
enum VolumePayload {
    /// What a volume's set-up needs from outside the pod: the objects read, the node's allocatable resources, the
    /// ServiceAccount tokens obtained so far and the token sources whose request failed (both keyed by
    /// ``tokenKey(path:audience:expirationSeconds:)``).
    struct Inputs: Sendable, Hashable {
        var objects = PodObjects()
        var allocatable: [String: String] = [:]
        var tokens: [String: String] = [:]
        var tokenFailures: Set<String> = []
    }

    /// A volume's files, or why it cannot be set up (``ConfigProblem``: Kubernetes' `MountVolume.SetUp` error; a
    /// token not requested yet waits as an object not read yet); `pending` lists the projected sources written
    /// without content (a token whose request failed, a source the emulator does not project). Nil for volumes
    /// without files (emptyDir, hostPath, other types).
    static func files(
        of volume: PodVolume, pod: Pod, inputs: Inputs
    ) -> Result<(files: [String: VolumeFile], pending: [String]), ConfigProblem>? {
        let namespace = pod.metadata.namespace ?? "default"
        switch volume.source {
        case .configMap(let name, let items, let mode, let optional):
            return configMapFiles(name, items: items, mode: mode, optional: optional, namespace: namespace, inputs)
                .map { ($0, []) }
        case .secret(let name, let items, let mode, let optional):
            return secretFiles(name, items: items, mode: mode, optional: optional, namespace: namespace, inputs)
                .map { ($0, []) }
        case .downwardAPI(let items, let mode):
            return downwardFiles(items, mode: mode, pod: pod, inputs: inputs).map { ($0, []) }
        case .projected(let sources, let mode):
            return projectedFiles(sources, mode: mode, pod: pod, inputs: inputs)
        case .emptyDir, .hostPath, .other:
            return nil
        }
    }

    /// The key a projected token source's token is kept under.
    static func tokenKey(path: String, audience: String?, expirationSeconds: Int64) -> String {
        "\(audience ?? "")|\(expirationSeconds)|\(path)"
    }

    private static func configMapFiles(
        _ name: String, items: [PodVolume.KeyToPath]?, mode: Int, optional: Bool, namespace: String, _ inputs: Inputs
    ) -> Result<[String: VolumeFile], ConfigProblem> {
        inputs.objects.configMap(name, namespace: namespace, optional: optional).flatMap { map in
            var values: [String: [UInt8]] = [:]
            for (key, text) in map?.data ?? [:] { values[key] = Array(text.utf8) }
            for (key, base64) in map?.binaryData ?? [:] { values[key] = Data(base64Encoded: base64).map(Array.init) ?? [] }
            return project(values, items: items, mode: mode, optional: optional) {
                "configmap references non-existent config key: \($0)"
            }
        }
    }

    private static func secretFiles(
        _ name: String, items: [PodVolume.KeyToPath]?, mode: Int, optional: Bool, namespace: String, _ inputs: Inputs
    ) -> Result<[String: VolumeFile], ConfigProblem> {
        inputs.objects.secret(name, namespace: namespace, optional: optional).flatMap { secret in
            var values: [String: [UInt8]] = [:]
            for key in (secret?.data ?? [:]).keys { values[key] = secret?.decodedValue(key) ?? [] }
            return project(values, items: items, mode: mode, optional: optional) {
                "references non-existent secret key: \($0)"
            }
        }
    }

    /// Every key at its own name, or only `items` at their paths (a missing key fails unless `optional`).
    private static func project(
        _ values: [String: [UInt8]], items: [PodVolume.KeyToPath]?, mode: Int, optional: Bool,
        missingKey: (String) -> String
    ) -> Result<[String: VolumeFile], ConfigProblem> {
        guard let items, !items.isEmpty else {
            return .success(values.mapValues { VolumeFile($0, mode: mode) })
        }
        var files: [String: VolumeFile] = [:]
        for item in items {
            guard let value = values[item.key] else {
                if optional { continue }
                return .failure(.error(missingKey(item.key)))
            }
            files[item.path] = VolumeFile(value, mode: item.mode ?? mode)
        }
        return .success(files)
    }

    private static func downwardFiles(
        _ items: [PodVolume.DownwardFile], mode: Int, pod: Pod, inputs: Inputs
    ) -> Result<[String: VolumeFile], ConfigProblem> {
        var files: [String: VolumeFile] = [:]
        var errors: [String] = []
        for item in items {
            let path = cleaned(item.path)
            if let fieldPath = item.fieldPath {
                guard let value = DownwardAPIField.value(fieldPath, pod: pod) else {
                    errors.append("unsupported fieldPath: \(fieldPath)")
                    continue
                }
                files[path] = VolumeFile(value, mode: item.mode ?? mode)
            } else if let selector = item.resourceFieldRef {
                let owner = selector["containerName"]?.stringValue ?? ""
                guard let container = (pod.spec.containers + (pod.spec.initContainers ?? [])).first(where: { $0.name == owner })
                else {
                    errors.append("container \(owner) not found")
                    continue
                }
                switch ResourceFieldValue.value(
                    resource: selector["resource"]?.stringValue ?? "", divisor: selector["divisor"],
                    container: container, allocatable: inputs.allocatable)
                {
                case .success(let value): files[path] = VolumeFile(value, mode: item.mode ?? mode)
                case .failure(let problem): errors.append(problem.message ?? "")
                }
            }
        }
        return errors.isEmpty ? .success(files) : .failure(.error(aggregate(errors)))
    }

    private static func projectedFiles(
        _ sources: [PodVolume.ProjectedSource], mode: Int, pod: Pod, inputs: Inputs
    ) -> Result<(files: [String: VolumeFile], pending: [String]), ConfigProblem> {
        let namespace = pod.metadata.namespace ?? "default"
        var files: [String: VolumeFile] = [:]
        var pending: [String] = []
        var errors: [String] = []
        for source in sources {
            let part: Result<[String: VolumeFile], ConfigProblem>
            switch source {
            case .configMap(let name, let items, let optional):
                part = configMapFiles(name, items: items, mode: mode, optional: optional, namespace: namespace, inputs)
            case .secret(let name, let items, let optional):
                part = secretFiles(name, items: items, mode: mode, optional: optional, namespace: namespace, inputs)
            case .downwardAPI(let items):
                part = downwardFiles(items, mode: mode, pod: pod, inputs: inputs)
            case .serviceAccountToken(let path, let audience, let expiration):
                let key = tokenKey(path: path, audience: audience, expirationSeconds: expiration)
                if let token = inputs.tokens[key] {
                    part = .success([path: VolumeFile(token, mode: mode)])
                } else if inputs.tokenFailures.contains(key) {
                    pending.append("serviceAccountToken \(path)")
                    part = .success([:])
                } else {
                    part = .failure(.notYetRead)
                }
            case .unsupported(let type):
                pending.append(type)
                part = .success([:])
            }
            switch part {
            case .success(let projected): files.merge(projected) { _, new in new }
            case .failure(.notYetRead): return .failure(.notYetRead)
            case .failure(.error(let message)): errors.append(message)
            }
        }
        return errors.isEmpty ? .success((files, pending)) : .failure(.error(aggregate(errors)))
    }

    /// apimachinery's aggregate error text: the message alone, or `[first, second]`.
    static func aggregate(_ messages: [String]) -> String {
        messages.count == 1 ? messages[0] : "[" + messages.joined(separator: ", ") + "]"
    }

    /// Go's `filepath.Clean` for the relative paths of downward-API items (validation already refuses `..`).
    private static func cleaned(_ path: String) -> String {
        let parts = path.split(separator: "/").filter { $0 != "." }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
