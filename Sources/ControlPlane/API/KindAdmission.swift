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
        let decoded = try decode(object)
        let typed = mutatedForCreate(decoded)
        let admitted = try JSONValue(encoding: typed)
        try rejectUnknownFields(of: object, admitted: admitted, decoded: decoded)
        try validateCreated(typed)
        return admitted
    }

    func admitUpdate(_ object: JSONValue, old: JSONValue) throws -> JSONValue {
        let decoded = try decode(object)
        let previous = try old.decode(as: Resource.self)
        let typed = mutatedForUpdate(decoded)
        let admitted = try JSONValue(encoding: typed)
        try rejectUnknownFields(of: object, admitted: admitted, decoded: decoded)
        try validateUpdated(typed, old: previous)
        return admitted
    }

    func admitCreate<R: APIResource>(typed object: R) throws -> R {
        try Self.cast(admitCreate(try Self.cast(object, to: Resource.self)), to: R.self)
    }

    func admitUpdate<R: APIResource>(typed object: R, old: R) throws -> R {
        let admitted = try admitUpdate(try Self.cast(object, to: Resource.self), old: try Self.cast(old, to: Resource.self))
        return try Self.cast(admitted, to: R.self)
    }

    /// Defaults, create mutations and validation: the one implementation behind both entries (the JSON entry checks
    /// unknown fields between the mutations and the validation).
    private func admitCreate(_ object: Resource) throws -> Resource {
        let typed = mutatedForCreate(object)
        try validateCreated(typed)
        return typed
    }

    /// Defaults, update mutations and validation against `old`: the one implementation behind both entries.
    private func admitUpdate(_ object: Resource, old: Resource) throws -> Resource {
        let typed = mutatedForUpdate(object)
        try validateUpdated(typed, old: old)
        return typed
    }

    private func mutatedForCreate(_ object: Resource) -> Resource {
        var typed = object
        defaults(&typed)
        mutateCreate(&typed)
        return typed
    }

    private func mutatedForUpdate(_ object: Resource) -> Resource {
        var typed = object
        defaults(&typed)
        mutateUpdate(&typed)
        return typed
    }

    private func validateCreated(_ typed: Resource) throws {
        let errors = validateCreate(typed)
        guard errors.isEmpty else { throw Status.invalid(kind, name: typed.name, errors: errors) }
    }

    private func validateUpdated(_ typed: Resource, old: Resource) throws {
        let errors = validateUpdate.map { $0(typed, old) } ?? validateCreate(typed)
        guard errors.isEmpty else { throw Status.invalid(kind, name: typed.name, errors: errors) }
    }

    private static func cast<From, To>(_ value: From, to: To.Type) throws -> To {
        guard let cast = value as? To else {
            throw Status.internalError("\(From.self) is not admitted as \(To.self)")
        }
        return cast
    }

    /// Strict decoding's type errors (and, from ``rejectUnknownFields(of:admitted:decoded:)``, its unknown fields) are
    /// a BadRequest naming the field, as Kubernetes says it.
    private func decode(_ object: JSONValue) throws -> Resource {
        do {
            return try StrictDecoding.decodeIgnoringUnknownFields(Resource.self, from: object)
        } catch {
            throw strictDecodingFailure(error)
        }
    }

    /// Strict decoding's unknown-field check (fields of the input that the type drops), without a round trip of its
    /// own: it compares the input with the admitted object's encoding, which the caller needs anyway. Defaults and
    /// mutations add fields, so an input field the admitted object has is known; only when some input field is
    /// missing there (a mutation may have removed or moved it) does it compare with the decoded value's own
    /// encoding, which is strict decoding's verdict exactly. Runs before validation, as strict decoding does.
    ///
    /// A request's ``FieldValidation`` (REST's `fieldValidation`) decides what the unknown and repeated fields do:
    /// fail (Strict, the default without one), warn, or nothing; the admitted object never has them.
    private func rejectUnknownFields(of input: JSONValue, admitted: JSONValue, decoded: Resource) throws {
        let validation = FieldValidation.current
        guard !StrictDecoding.unknownFields(in: input, keptIn: admitted).isEmpty || validation?.hasDuplicates == true
        else { return }
        let unknown = StrictDecoding.unknownFields(in: input, keptIn: try JSONValue(encoding: decoded))
        guard let validation else {
            guard unknown.isEmpty else { throw strictDecodingFailure(StrictDecodingError.unknownFields(unknown)) }
            return
        }
        try validation.check(unknown: unknown) { strictDecodingFailure($0) }
    }

    private func strictDecodingFailure(_ error: any Error) -> Status {
        strictDecodingFailure("\(error)")
    }

    private func strictDecodingFailure(_ text: String) -> Status {
        Status.badRequest("\(kind.kind) in version \"\(kind.version)\" cannot be handled as a \(kind.kind): \(text)")
    }
}
