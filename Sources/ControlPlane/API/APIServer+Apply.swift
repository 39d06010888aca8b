import Foundation
import KubeAPI
import Wire

/// Server-side apply: a `patch` of type `apply` (REST `PATCH` with `application/apply-patch+yaml`) carries the
/// manager's whole configuration of an object. The object is created from it when missing; otherwise the
/// configuration is merged in with ``FieldOwnership/apply(_:to:writer:force:)`` (conflicts with other managers
/// are Kubernetes' 409 unless forced), then admitted and stored like any update. An apply that changes nothing
/// stores nothing (the resourceVersion stays).
extension APIServer {
    /// A `patch` request: an apply, or one of the other patch types.
    func patchOrApply(_ kind: ResourceKind, _ namespace: String?, _ request: Request, peer: PeerIdentity)
        async throws -> JSONValue
    {
        if request.patchType == .apply { return try await apply(kind, namespace, request).object }
        if request.force != nil {
            throw Self.invalidPatchOptions(
                field: "force", reason: "FieldValueForbidden", detail: "Forbidden: may not be specified for non-apply patch")
        }
        return try patch(kind, namespace, withFieldManager(request, peer))
    }

    /// An apply answered with whether it created the object (REST answers 201 then, 200 otherwise).
    func applyAnswer(_ request: Request, from peer: PeerIdentity) async throws -> (object: JSONValue, created: Bool) {
        let kind = try resolve(request.kind)
        let namespace = try namespace(of: request, kind: kind)
        try await authorize(request, kind: kind, namespace: namespace, peer: peer)
        if kind == .lease { throw Status.unsupportedMediaTypeForApply(kind) }
        return try await apply(kind, namespace, request)
    }

    /// Applies `request.patch`, the configuration of `request.fieldManager`, to the object it names.
    func apply(_ kind: ResourceKind, _ namespace: String?, _ request: Request) async throws -> (object: JSONValue, created: Bool) {
        guard let manager = request.fieldManager, !manager.isEmpty else {
            throw Self.invalidPatchOptions(
                field: "fieldManager", reason: "FieldValueRequired", detail: "Required value: is required for apply patch")
        }
        guard let config = request.patch, config.objectValue != nil else {
            throw Status.badRequest("an apply patch must be an object")
        }
        guard request.subresource == nil || request.subresource == "status" else {
            throw Status(code: 404, reason: .notFound, message: "the server could not find the requested resource")
        }
        let name = try self.name(of: request)
        if let version = config["apiVersion"]?.stringValue, version != kind.apiVersion {
            throw Status.badRequest(
                "Incorrect version specified in apply patch. Specified patch version: \(version), expected: \(kind.apiVersion)")
        }
        if let bodyName = config[path: ["metadata", "name"]]?.stringValue, bodyName != name {
            throw Status.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        try checkNamespace(config[path: ["metadata", "namespace"]]?.stringValue, matches: namespace)
        let writer = writer(kind, manager: manager, subresource: request.subresource)
        let force = request.force ?? false
        let key = ObjectKey(kind: kind.kind, namespace: namespace ?? "", name: name)
        var attempts = 0
        while true {
            attempts += 1
            if try store.get(key) == nil, request.subresource == nil {
                var created = try Self.applying(config, to: nil, writer: writer, force: force)
                created[path: ["metadata", "name"]] = .string(name)
                var create = request
                create.verb = .create
                create.object = created
                create.patch = nil
                do {
                    return (try await self.create(kind, namespace, create), true)
                } catch let status as Status where status.reason == .alreadyExists && attempts < 3 {
                    continue  // created meanwhile: apply to it
                }
            }
            do {
                let object = try replace(kind, namespace, name, request: request, expected: nil) { current in
                    try Self.applying(config, to: current, writer: writer, force: force)
                }
                return (object, false)
            } catch let status as Status where status.reason == .notFound && attempts < 3 && request.subresource == nil {
                continue  // deleted meanwhile: create it
            }
        }
    }

    /// ``FieldOwnership/apply(_:to:writer:force:)`` with its conflicts as Kubernetes' 409.
    private static func applying(_ config: JSONValue, to live: JSONValue?, writer: FieldOwnership.Writer, force: Bool)
        throws -> JSONValue
    {
        do {
            return try FieldOwnership.apply(config, to: live, writer: writer, force: force)
        } catch {
            throw error.status
        }
    }

    /// Kubernetes' 422 for patch options that are wrong (`PatchOptions.meta.k8s.io "" is invalid: ...`).
    static func invalidPatchOptions(field: String, reason: String, detail: String) -> Status {
        Status(
            code: 422, reason: .invalid,
            message: "PatchOptions.meta.k8s.io \"\" is invalid: \(field): \(detail)",
            details: StatusDetails(
                group: "meta.k8s.io", kind: "PatchOptions",
                causes: [StatusCause(reason: reason, message: detail, field: field)]))
    }
}

extension Status {
    /// Leases are heartbeats kept in memory: they take no apply.
    fileprivate static func unsupportedMediaTypeForApply(_ kind: ResourceKind) -> Status {
        Status(code: 415, reason: StatusReason(rawValue: "UnsupportedMediaType"),
               message: "\(kind.plural) cannot be applied server-side")
    }
}
