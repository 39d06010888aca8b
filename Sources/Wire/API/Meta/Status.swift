/// Kubernetes' `Status` object: how every failure crosses the wire and how kctl prints it.
///
/// `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"...","reason":"NotFound",
///   "details":{"name":"x","group":"apps","kind":"daemonsets","causes":[...]},"code":404}`
public struct Status: Codable, Sendable, Hashable, Error, CustomStringConvertible {
    public var kind: String? = "Status"
    public var apiVersion: String? = "v1"
    public var metadata: ListMeta? = ListMeta()
    /// `Success` or `Failure`.
    public var status: String?
    public var message: String?
    public var reason: StatusReason?
    public var details: StatusDetails?
    /// The HTTP-like status code: 400, 403, 404, 409, 410, 422, 500, 504...
    public var code: Int

    public init(code: Int, reason: StatusReason?, message: String, details: StatusDetails? = nil) {
        self.status = "Failure"
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    public var description: String { message ?? "unknown error (\(code))" }

    /// A success status, as returned for deletions that leave nothing to show.
    public static func success(details: StatusDetails? = nil) -> Status {
        var status = Status(code: 200, reason: nil, message: "", details: details)
        status.status = "Success"
        status.message = nil
        return status
    }
}

/// Why a request failed, as in Kubernetes' `metav1.StatusReason`.
public struct StatusReason: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { rawValue }

    public static let notFound = StatusReason(rawValue: "NotFound")
    public static let alreadyExists = StatusReason(rawValue: "AlreadyExists")
    public static let conflict = StatusReason(rawValue: "Conflict")
    public static let invalid = StatusReason(rawValue: "Invalid")
    public static let forbidden = StatusReason(rawValue: "Forbidden")
    public static let unauthorized = StatusReason(rawValue: "Unauthorized")
    public static let badRequest = StatusReason(rawValue: "BadRequest")
    public static let gone = StatusReason(rawValue: "Gone")
    public static let methodNotAllowed = StatusReason(rawValue: "MethodNotAllowed")
    public static let timeout = StatusReason(rawValue: "Timeout")
    public static let serverTimeout = StatusReason(rawValue: "ServerTimeout")
    public static let tooManyRequests = StatusReason(rawValue: "TooManyRequests")
    public static let requestEntityTooLarge = StatusReason(rawValue: "RequestEntityTooLarge")
    public static let internalError = StatusReason(rawValue: "InternalError")
    public static let serviceUnavailable = StatusReason(rawValue: "ServiceUnavailable")
}

/// `details` of a ``Status``.
public struct StatusDetails: Codable, Sendable, Hashable {
    public var name: String?
    public var group: String?
    /// The resource (plural), e.g. `daemonsets`.
    public var kind: String?
    public var uid: String?
    public var causes: [StatusCause]?
    public var retryAfterSeconds: Int?

    public init(name: String? = nil, group: String? = nil, kind: String? = nil, causes: [StatusCause]? = nil) {
        self.name = name
        self.group = group
        self.kind = kind
        self.causes = causes
    }
}

/// One cause of a failure, typically one invalid field.
public struct StatusCause: Codable, Sendable, Hashable {
    /// `FieldValueInvalid`, `FieldValueRequired`, `FieldValueNotSupported`, `FieldValueForbidden`, ...
    public var reason: String?
    /// The whole field error, e.g. `spec.selector: Invalid value: ...: field is immutable`.
    public var message: String?
    /// The field path, e.g. `spec.selector`.
    public var field: String?

    public init(reason: String?, message: String?, field: String?) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}

// MARK: - Constructors mirroring k8s.io/apimachinery/pkg/api/errors

extension Status {
    /// `daemonsets.apps "x" not found`
    public static func notFound(_ kind: ResourceKind, name: String) -> Status {
        Status(code: 404, reason: .notFound, message: "\(kind.groupResource) \"\(name)\" not found",
               details: StatusDetails(name: name, group: kind.group, kind: kind.plural))
    }

    /// `daemonsets.apps "x" already exists`
    public static func alreadyExists(_ kind: ResourceKind, name: String) -> Status {
        Status(code: 409, reason: .alreadyExists, message: "\(kind.groupResource) \"\(name)\" already exists",
               details: StatusDetails(name: name, group: kind.group, kind: kind.plural))
    }

    /// `Operation cannot be fulfilled on daemonsets.apps "x": the object has been modified; please apply your
    /// changes to the latest version and try again`
    public static func conflict(_ kind: ResourceKind, name: String, detail: String? = nil) -> Status {
        let why = detail ?? "the object has been modified; please apply your changes to the latest version and try again"
        return Status(code: 409, reason: .conflict,
                      message: "Operation cannot be fulfilled on \(kind.groupResource) \"\(name)\": \(why)",
                      details: StatusDetails(name: name, group: kind.group, kind: kind.plural))
    }

    /// `DaemonSet.apps "x" is invalid: [<err1>, <err2>]`, with one cause per field error whose message is the
    /// error without its field (`Invalid value: ...: field is immutable`), as Kubernetes' `NewInvalid` writes it:
    /// kubectl prints each cause as `<field>: <message>`.
    public static func invalid(_ kind: ResourceKind, name: String, errors: [FieldError]) -> Status {
        let rendered = errors.map(\.description)
        let list = rendered.count == 1 ? rendered[0] : "[" + rendered.joined(separator: ", ") + "]"
        let causes = errors.map { StatusCause(reason: $0.type.causeReason, message: $0.body, field: $0.field) }
        return Status(code: 422, reason: .invalid, message: "\(kind.qualifiedKind) \"\(name)\" is invalid: \(list)",
                      details: StatusDetails(name: name, group: kind.group, kind: kind.kind, causes: causes))
    }

    /// `<message>` with reason Forbidden (403).
    public static func forbidden(_ message: String) -> Status {
        Status(code: 403, reason: .forbidden, message: message)
    }

    /// `<message>` with reason BadRequest (400).
    public static func badRequest(_ message: String) -> Status {
        Status(code: 400, reason: .badRequest, message: message)
    }

    /// A watch or list from a resourceVersion the server no longer has (410).
    public static func gone(_ message: String) -> Status {
        Status(code: 410, reason: .gone, message: message)
    }

    /// A request that did not finish in time (504).
    public static func timeout(_ message: String) -> Status {
        Status(code: 504, reason: .timeout, message: message)
    }

    /// An unexpected server-side failure (500).
    public static func internalError(_ message: String) -> Status {
        Status(code: 500, reason: .internalError, message: "Internal error occurred: \(message)")
    }
}
