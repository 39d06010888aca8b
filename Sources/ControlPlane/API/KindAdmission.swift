import Foundation
import KubeAPI
import Wire

/// How the API server admits objects of one kind: strict decoding, defaulting, mutating admission, validation.
///
/// Two entries: on JSON (the wire path: strict decoding first, re-encoded after), and on the typed value (the
/// in-process path: the value is already typed, so there is nothing to decode, and the caller encodes once for the
/// store). Both run the same defaulting, mutation and validation.
protocol KindAdmission: Sendable {
    /// The kind this admits.
    var kind: ResourceKind { get }
    /// Decodes strictly, applies defaults and validates a new object; returns it normalised.
    func admitCreate(_ object: JSONValue) throws -> JSONValue
    /// Decodes strictly, applies defaults and validates an update against the stored object.
    func admitUpdate(_ object: JSONValue, old: JSONValue) throws -> JSONValue
    /// Applies defaults and validates a new typed object (`R` must be this kind's type).
    func admitCreate<R: APIResource>(typed object: R) throws -> R
    /// Applies defaults and validates a typed update against the stored object, decoded.
    func admitUpdate<R: APIResource>(typed object: R, old: R) throws -> R
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
        try JSONValue(encoding: admitCreate(try decode(object)))
    }

    func admitUpdate(_ object: JSONValue, old: JSONValue) throws -> JSONValue {
        try JSONValue(encoding: admitUpdate(try decode(object), old: try old.decode(as: Resource.self)))
    }

    func admitCreate<R: APIResource>(typed object: R) throws -> R {
        try Self.cast(admitCreate(try Self.cast(object, to: Resource.self)), to: R.self)
    }

    func admitUpdate<R: APIResource>(typed object: R, old: R) throws -> R {
        let admitted = try admitUpdate(try Self.cast(object, to: Resource.self), old: try Self.cast(old, to: Resource.self))
        return try Self.cast(admitted, to: R.self)
    }

    /// Defaults, create mutations and validation: the one implementation behind both entries.
    private func admitCreate(_ object: Resource) throws -> Resource {
        var typed = object
        defaults(&typed)
        mutateCreate(&typed)
        let errors = validateCreate(typed)
        guard errors.isEmpty else { throw Status.invalid(kind, name: typed.name, errors: errors) }
        return typed
    }

    /// Defaults, update mutations and validation against `old`: the one implementation behind both entries.
    private func admitUpdate(_ object: Resource, old: Resource) throws -> Resource {
        var typed = object
        defaults(&typed)
        mutateUpdate(&typed)
        let errors = validateUpdate.map { $0(typed, old) } ?? validateCreate(typed)
        guard errors.isEmpty else { throw Status.invalid(kind, name: typed.name, errors: errors) }
        return typed
    }

    private static func cast<From, To>(_ value: From, to: To.Type) throws -> To {
        guard let cast = value as? To else {
            throw Status.internalError("\(From.self) is not admitted as \(To.self)")
        }
        return cast
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
