import Foundation
import KubeAPI
import Wire

/// How the API server admits objects of one kind: strict decoding, defaulting, mutating admission, validation.
///
/// Works on JSON at the edges so the server can stay generic, and on the typed value inside.
protocol KindAdmission: Sendable {
    /// The kind this admits.
    var kind: ResourceKind { get }
    /// Decodes strictly, applies defaults and validates a new object; returns it normalised.
    func admitCreate(_ object: JSONValue) throws -> JSONValue
    /// Decodes strictly, applies defaults and validates an update against the stored object.
    func admitUpdate(_ object: JSONValue, old: JSONValue) throws -> JSONValue
}

/// A ``KindAdmission`` for one typed resource.
struct TypedAdmission<Resource: APIResource>: KindAdmission {
    var kind: ResourceKind { Resource.resourceKind }
    /// Fills defaults, as Kubernetes' defaulting functions do.
    var defaults: @Sendable (inout Resource) -> Void = { _ in }
    /// Mutating admission plugins on create, after the defaults (``PodAdmissionPlugins``).
    var mutateCreate: @Sendable (inout Resource) -> Void = { _ in }
    /// Mutating admission plugins on update, after the defaults.
    var mutateUpdate: @Sendable (inout Resource) -> Void = { _ in }
    /// Validation of a new object.
    var validateCreate: @Sendable (Resource) -> [FieldError] = { _ in [] }
    /// Validation of an update (new, old); by default the create rules.
    var validateUpdate: (@Sendable (Resource, Resource) -> [FieldError])?

    func admitCreate(_ object: JSONValue) throws -> JSONValue {
        var typed = try decode(object)
        defaults(&typed)
        mutateCreate(&typed)
        let errors = validateCreate(typed)
        guard errors.isEmpty else { throw Status.invalid(kind, name: typed.name, errors: errors) }
        return try JSONValue(encoding: typed)
    }

    func admitUpdate(_ object: JSONValue, old: JSONValue) throws -> JSONValue {
        var typed = try decode(object)
        defaults(&typed)
        mutateUpdate(&typed)
        let previous = try old.decode(as: Resource.self)
        let errors = validateUpdate.map { $0(typed, previous) } ?? validateCreate(typed)
        guard errors.isEmpty else { throw Status.invalid(kind, name: typed.name, errors: errors) }
        return try JSONValue(encoding: typed)
    }

    /// Strict decoding: unknown fields and type errors are a BadRequest naming the field, as Kubernetes says it.
    private func decode(_ object: JSONValue) throws -> Resource {
        do {
            return try StrictDecoding.decode(Resource.self, from: object)
        } catch {
            throw Status.badRequest(
                "\(kind.kind) in version \"\(kind.version)\" cannot be handled as a \(kind.kind): \(error)")
        }
    }
}
