import Foundation
import KubeAPI
import Wire

/// Custom kinds in the API server's request path: resolving them, admitting their objects
/// (``CustomResourceAdmission``), the custom-resource update rules (the status subresource, generation), their
/// tables, and the cascade when a definition is deleted. Every hook is a no-op for built-in kinds.
extension APIServer {
    /// The patch types a custom kind takes (no strategic merge: it has no Go struct to carry merge keys).
    static let customPatchMediaTypes = [
        "application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml",
    ]

    /// The admission of a custom kind, while its definition is served.
    func customAdmission(_ kind: ResourceKind) -> (any KindAdmission)? {
        customResources.type(for: kind).map(CustomResourceAdmission.init)
    }

    /// What a request on a custom kind may not do, checked before it reaches the store: a body in a version the
    /// definition does not serve (400), a strategic-merge patch (415, as Kubernetes), the status subresource of a
    /// version that does not serve it (404).
    func checkCustomResourceRequest(_ request: Request, kind: ResourceKind) throws {
        guard !kind.isBuiltIn, let type = customResources.type(for: kind) else { return }
        if let apiVersion = request.object?["apiVersion"]?.stringValue, type.version(apiVersion: apiVersion) == nil {
            throw Status.badRequest(
                "the API version in the data (\(apiVersion)) does not match the expected API version (\(kind.apiVersion))")
        }
        if request.verb == .patch, request.patchType ?? .strategic == .strategic {
            throw Status(
                code: 415, reason: StatusReason(rawValue: "UnsupportedMediaType"),
                message: "the body of the request was in an unknown format - accepted media types include: "
                    + Self.customPatchMediaTypes.joined(separator: ", "))
        }
        if request.subresource == "status", !type.preferred.hasStatus {
            throw Status(code: 404, reason: .notFound, message: "the server could not find the requested resource")
        }
    }

    /// Kubernetes' custom-resource `PrepareForUpdate`, after the common rules: with the status subresource served,
    /// a write to the object keeps the stored status (a `/status` write already kept all but the status); any
    /// change outside `metadata` and `status` advances `generation`.
    func prepareCustomResourceUpdate(_ changed: JSONValue, old: JSONValue, kind: ResourceKind, subresource: String?)
        -> JSONValue
    {
        guard !kind.isBuiltIn, let type = customResources.type(for: kind) else { return changed }
        var object = changed
        if subresource == nil, type.preferred.hasStatus { object["status"] = old["status"] }
        func body(_ value: JSONValue) -> JSONValue {
            var value = value
            value["metadata"] = nil
            value["status"] = type.preferred.hasStatus ? nil : value["status"]
            return value
        }
        let generation = old[path: ["metadata", "generation"]]?.intValue ?? 1
        object[path: ["metadata", "generation"]] = .int(body(object) == body(old) ? generation : generation + 1)
        return object
    }

    /// The table of a custom kind's answer (its version's printer columns), or nil for a built-in kind.
    func customResourceTable(_ kind: ResourceKind, answer: JSONValue, options: TableOptions, headers: Bool = true)
        -> JSONValue?
    {
        guard !kind.isBuiltIn, let type = customResources.type(for: kind) else { return nil }
        return type.preferred.table.table(answer: answer, now: now(), options: options, headers: headers).json
    }

    /// Deleting a definition deletes its custom objects, in the same transaction.
    func deleteCustomResources(ofDefinition definition: JSONValue, in tx: any ObjectStorageTransaction) throws {
        guard let typed = try? definition.decode(as: CustomResourceDefinition.self),
            let type = customResources.types.first(where: { $0.name == typed.metadata.name })
        else { return }
        for object in try tx.list(kind: type.kind.kind, namespace: nil) {
            let key = ObjectKey(
                kind: type.kind.kind, namespace: object[path: ["metadata", "namespace"]]?.stringValue ?? "",
                name: object[path: ["metadata", "name"]]?.stringValue ?? "")
            _ = try tx.delete(key, expectedResourceVersion: nil)
        }
    }

    /// Deleting a namespace deletes the custom objects in it too.
    func deleteCustomResources(inNamespace namespace: String, in tx: any ObjectStorageTransaction) throws {
        for type in customResources.types where type.kind.namespaced {
            for object in try tx.list(kind: type.kind.kind, namespace: namespace) {
                let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
                _ = try? tx.delete(ObjectKey(kind: type.kind.kind, namespace: namespace, name: name), expectedResourceVersion: nil)
            }
        }
    }
}

extension APIServer {
    /// Every served custom kind at every served version, with that version's schema, for the OpenAPI documents.
    var customOpenAPIKinds: [OpenAPIV3.CustomKind] {
        customResources.types.flatMap { type in
            type.versions.map { version in
                OpenAPIV3.CustomKind(kind: type.kind(at: version.name), listKind: type.listKind, schema: version.rawSchema)
            }
        }
    }
}
