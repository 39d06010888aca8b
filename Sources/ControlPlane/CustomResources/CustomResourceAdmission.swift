import KubeAPI
import Wire

/// Admission of custom objects, as Kubernetes' custom-resource strategy does it: unknown fields are pruned (and,
/// under Strict field validation, refused with strict decoding's text), `metadata` is decoded as ObjectMeta, the
/// schema's defaults are filled in, a create starts at generation 1 without a status when the status subresource is
/// served, and the object is validated: metadata as for built-in kinds, then the version's schema with
/// kube-openapi's messages.
struct CustomResourceAdmission: KindAdmission {
    let type: CustomResourceType

    var kind: ResourceKind { type.kind }

    func admitCreate(_ object: JSONValue) throws -> JSONValue {
        var admitted = try prune(object)
        if version(of: admitted)?.hasStatus == true { admitted["status"] = nil }
        admitted[path: ["metadata", "generation"]] = .int(1)
        try validate(admitted, old: nil)
        return admitted
    }

    func admitUpdate(_ object: JSONValue, old: JSONValue) throws -> JSONValue {
        let admitted = try prune(object)
        try validate(admitted, old: old)
        return admitted
    }

    func admitCreate<R: APIResource>(typed object: R) throws -> R {
        throw Status.internalError("custom objects of kind \(kind.kind) are not typed")
    }

    func admitUpdate<R: APIResource>(typed object: R, old: R) throws -> R {
        throw Status.internalError("custom objects of kind \(kind.kind) are not typed")
    }

    /// The served version the object is written in (its `apiVersion`), else the preferred one.
    private func version(of object: JSONValue) -> CustomResourceType.Version? {
        object["apiVersion"]?.stringValue.flatMap(type.version(apiVersion:)) ?? type.versions.first
    }

    /// Unknown fields out (metadata's against ObjectMeta, the rest against the schema), defaults in; the
    /// request's field validation decides whether unknown fields fail the write (Strict, the default), warn or
    /// pass silently.
    private func prune(_ object: JSONValue) throws -> JSONValue {
        var unknown: [String] = []
        var result = object
        if let metadata = object["metadata"], metadata != .null {
            do {
                let (decoded, unknownMeta) = try StrictDecoding.decodeReportingUnknownFields(ObjectMeta.self, from: metadata)
                unknown += unknownMeta.map { "metadata.\($0)" }
                result["metadata"] = try JSONValue(encoding: decoded)
            } catch {
                throw strictDecodingFailure("\(error)")
            }
        }
        if let schema = version(of: result)?.schema {
            result = schema.pruned(result, path: "", isRoot: true, pruned: &unknown)
        }
        if !unknown.isEmpty || FieldValidation.current?.hasDuplicates == true {
            let sorted = unknown.sorted()
            if let validation = FieldValidation.current {
                try validation.check(unknown: sorted) { strictDecodingFailure($0) }
            } else if !sorted.isEmpty {
                let list = sorted.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
                throw strictDecodingFailure("strict decoding error: \(list)")
            }
        }
        return result
    }

    /// Metadata (name a DNS subdomain, namespace for namespaced kinds, labels, annotations...), then the schema.
    private func validate(_ object: JSONValue, old: JSONValue?) throws {
        let metadata = (try? (object["metadata"] ?? [:]).decode(as: ObjectMeta.self)) ?? ObjectMeta()
        var errors: [FieldError] = []
        if let old {
            let previous = (try? (old["metadata"] ?? [:]).decode(as: ObjectMeta.self)) ?? ObjectMeta()
            errors += metadata.validateUpdate(old: previous)
        }
        errors += metadata.validate(namespaced: kind.namespaced)
        if let schema = version(of: object)?.schema {
            errors += schema.validate(object, path: "")
        }
        guard errors.isEmpty else { throw Status.invalid(kind, name: metadata.name ?? "", errors: errors) }
    }

    private func strictDecodingFailure(_ text: String) -> Status {
        Status.badRequest("\(kind.kind) in version \"\(kind.version)\" cannot be handled as a \(kind.kind): \(text)")
    }
}
