import Foundation
import KubeAPI
import Wire

/// How the controllers read and write: straight through the API server in-process (admission, validation and
/// lifecycle rules apply, as they would to any client), as the `system:kube-controller-manager` identity.
struct InternalClient: Sendable {
    let api: APIServer
    /// Typed values decoded once per resourceVersion, shared by every controller using this client.
    let memo = DecodedObjectMemo()
    static let identity = PeerIdentity(commonName: "system:kube-controller-manager", organizations: ["system:masters"])

    /// Lists objects of `type` (in `namespace`, or everywhere), decoded.
    func list<R: APIResource>(_ type: R.Type, namespace: String? = nil, fieldSelector: String? = nil) async throws
        -> [R]
    {
        var request = Request(verb: .list, kind: R.resourceKind.kind, namespace: namespace)
        request.fieldSelector = fieldSelector
        let list = try await api.handle(request, from: Self.identity)
        let items = list?["items"]?.arrayValue ?? []
        guard fieldSelector == nil else { return try items.map { try memo.decode($0, as: R.self) } }
        return try memo.decodeList(items, as: R.self, namespace: namespace)
    }

    /// Gets one object, or nil when it does not exist.
    func get<R: APIResource>(_ type: R.Type, namespace: String?, name: String) async throws -> R? {
        do {
            let object = try await api.handle(
                Request(verb: .get, kind: R.resourceKind.kind, namespace: namespace, name: name), from: Self.identity)
            return try object.map { try memo.decode($0, as: R.self) }
        } catch let status as Status where status.reason == .notFound {
            return nil
        }
    }

    /// Creates an object; returns the stored one.
    @discardableResult
    func create<R: APIResource>(_ object: R, namespace: String?) async throws -> R {
        var request = Request(verb: .create, kind: R.resourceKind.kind, namespace: namespace)
        request.object = try JSONValue(encoding: object)
        return try decodeAnswer(try await api.handle(request, from: Self.identity))
    }

    /// Replaces an object (optimistic concurrency on its resourceVersion); `subresource` "status" writes status only.
    @discardableResult
    func update<R: APIResource>(_ object: R, subresource: String? = nil) async throws -> R {
        var request = Request(
            verb: .update, kind: R.resourceKind.kind, namespace: object.metadata.namespace, name: object.name)
        request.object = try JSONValue(encoding: object)
        request.subresource = subresource
        return try decodeAnswer(try await api.handle(request, from: Self.identity))
    }

    /// Deletes an object; NotFound counts as done. `gracePeriodSeconds` 0 deletes a pod at once.
    func delete(kind: ResourceKind, namespace: String?, name: String, gracePeriodSeconds: Int64? = nil,
                propagationPolicy: String? = nil) async throws
    {
        var request = Request(verb: .delete, kind: kind.kind, namespace: kind.namespaced ? namespace : nil, name: name)
        request.gracePeriodSeconds = gracePeriodSeconds
        request.propagationPolicy = propagationPolicy
        do {
            _ = try await api.handle(request, from: Self.identity)
        } catch let status as Status where status.reason == .notFound {
            return
        }
    }

    /// Binds a pod to a node (`pods/binding`).
    func bind(namespace: String, pod: String, node: String) async throws {
        var request = Request(verb: .create, kind: ResourceKind.pod.kind, namespace: namespace, name: pod)
        request.subresource = "binding"
        request.object = [
            "apiVersion": "v1", "kind": "Binding", "metadata": ["name": .string(pod)],
            "target": ["apiVersion": "v1", "kind": "Node", "name": .string(node)],
        ]
        _ = try await api.handle(request, from: Self.identity)
    }

    private func decodeAnswer<R: APIResource>(_ object: JSONValue?) throws -> R {
        guard let object else { throw Status.internalError("the API server answered with no object") }
        return try object.decode(as: R.self)
    }
}
