import KubeAPI
import Wire

/// The API calls `kube-webhook-certgen` makes, as JSON objects: a protocol so that ``Certgen`` is tested with a fake.
protocol CertgenAPI: Sendable {
    /// The object `name` of `kind` (in `namespace` when namespaced), or nil when it does not exist.
    func get(_ kind: ResourceKind, namespace: String?, name: String) async throws -> JSONValue?
    /// Creates `object` of `kind` in `namespace`.
    func create(_ kind: ResourceKind, _ object: JSONValue, namespace: String?) async throws
    /// Replaces object `name` of `kind` with `object` (its `resourceVersion` guards the update).
    func update(_ kind: ResourceKind, _ object: JSONValue, namespace: String?, name: String) async throws
}

/// ``CertgenAPI`` over a frame-protocol connection (authenticated as the pod's ServiceAccount).
struct WireCertgenAPI: CertgenAPI {
    let client: WireClusterClient

    func get(_ kind: ResourceKind, namespace: String?, name: String) async throws -> JSONValue? {
        do {
            return try await client.getObject(kind, namespace: namespace, name: name)
        } catch let status as Status where status.code == 404 {
            return nil
        }
    }

    func create(_ kind: ResourceKind, _ object: JSONValue, namespace: String?) async throws {
        _ = try await client.createObject(kind, object, namespace: namespace)
    }

    func update(_ kind: ResourceKind, _ object: JSONValue, namespace: String?, name: String) async throws {
        _ = try await client.updateObject(kind, object, namespace: namespace, name: name)
    }
}
