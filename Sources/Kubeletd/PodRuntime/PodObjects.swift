import Foundation
import KubeAPI
import Wire

/// The ConfigMaps and Secrets the kubelet has read for its pods (keyed `namespace/name`), and the ServiceAccount
/// tokens it obtained for them, as the runtime uses them for containers' environments and volumes. An object not
/// listed has not been read yet. Pure value.
struct PodObjects: Sendable, Hashable {
    /// What the kubelet knows of one object.
    enum Entry<Object: Sendable & Hashable>: Sendable, Hashable {
        case present(Object)
        /// The API answered NotFound.
        case missing
        /// Reading it failed otherwise; the API's message (e.g. Forbidden).
        case failed(String)
    }

    var configMaps: [String: Entry<ConfigMap>] = [:]
    var secrets: [String: Entry<Secret>] = [:]
    /// ServiceAccount tokens from TokenRequest for projected `serviceAccountToken` sources: by pod UID, then by
    /// ``VolumePayload/tokenKey(path:audience:expirationSeconds:)``.
    var tokens: [String: [String: String]] = [:]
    /// The token sources whose last TokenRequest failed, by pod UID: their volumes are written without them
    /// (pending) instead of waiting.
    var tokenFailures: [String: Set<String>] = [:]

    /// ConfigMap `name` of `namespace`: the map, or why it cannot be used (``ConfigProblem``). A missing map is
    /// `nil` when `optional`.
    func configMap(_ name: String, namespace: String, optional: Bool) -> Result<ConfigMap?, ConfigProblem> {
        Self.lookup(configMaps[NamespacedKey.make(namespace: namespace, name: name)], optional: optional) {
            "configmap \(GoQuote.quote(name)) not found"
        }
    }

    /// Secret `name` of `namespace`, as ``configMap(_:namespace:optional:)``.
    func secret(_ name: String, namespace: String, optional: Bool) -> Result<Secret?, ConfigProblem> {
        Self.lookup(secrets[NamespacedKey.make(namespace: namespace, name: name)], optional: optional) {
            "secret \(GoQuote.quote(name)) not found"
        }
    }

    private static func lookup<Object>(
        _ entry: Entry<Object>?, optional: Bool, notFound: () -> String
    ) -> Result<Object?, ConfigProblem> {
        switch entry {
        case nil: return .failure(.notYetRead)
        case .present(let object)?: return .success(object)
        case .missing?: return optional ? .success(nil) : .failure(.error(notFound()))
        case .failed(let message)?: return .failure(.error(message))
        }
    }
}

/// Why a container cannot start yet, or a volume cannot be set up, for want of a ConfigMap or Secret.
enum ConfigProblem: Error, Sendable, Hashable {
    /// An object it needs has not been read from the API yet: wait, without an error.
    case notYetRead
    /// Kubernetes' error (`configmap "x" not found`, `couldn't find key k in ConfigMap ns/x`): the container waits
    /// in `CreateContainerConfigError`, the volume fails with `FailedMount`.
    case error(String)

    /// The error text, if any.
    var message: String? {
        if case .error(let message) = self { return message }
        return nil
    }
}

extension Secret {
    /// The decoded value of `data[key]`, if present (invalid base64 decodes to nothing).
    func decodedValue(_ key: String) -> [UInt8]? {
        guard let text = data?[key] else { return nil }
        return Data(base64Encoded: text).map { Array($0) } ?? []
    }
}
