import KubeAPI

/// The Status errors the REST front door produces itself, with Kubernetes' texts (every other error comes from
/// the API server, unchanged). Pure.
enum RESTErrors {
    /// 404 for a path that names nothing: `the server could not find the requested resource`.
    static let notFound = Status(code: 404, reason: .notFound, message: "the server could not find the requested resource")

    /// 405 for a method the path does not take.
    static func methodNotAllowed(_ method: String) -> Status {
        Status(code: 405, reason: .methodNotAllowed,
               message: "the server does not allow this method on the requested resource (\(method))")
    }

    /// The body types a create or update takes, as Kubernetes lists them.
    static let bodyMediaTypes = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"]

    /// The patch types a built-in kind takes, as Kubernetes lists them.
    static let patchMediaTypes = [
        "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json",
        "application/apply-patch+yaml",
    ]

    /// 415 for a body in a format the verb does not take: Kubernetes' text, listing the `accepted` types.
    static func unsupportedMediaType(accepting accepted: [String] = bodyMediaTypes) -> Status {
        Status(code: 415, reason: StatusReason(rawValue: "UnsupportedMediaType"),
               message: "the body of the request was in an unknown format - accepted media types include: "
                + accepted.joined(separator: ", "))
    }

    /// 406 when no type the client accepts can be produced.
    static func notAcceptable(_ accepted: [String]) -> Status {
        Status(code: 406, reason: StatusReason(rawValue: "NotAcceptable"),
               message: "only the following media types are accepted: " + accepted.joined(separator: ", "))
    }

    /// 413 for a body over the cap.
    static func tooLarge(limit: Int) -> Status {
        Status(code: 413, reason: .requestEntityTooLarge,
               message: "the request body is larger than the limit of \(limit) bytes")
    }

    /// 400 for a query parameter that does not parse.
    static func badQuery(_ name: String, _ value: String) -> Status {
        Status.badRequest("invalid value \"\(value)\" for query parameter \(name)")
    }

    /// 400 for a body that is not JSON: Kubernetes' decoding text.
    static func malformedBody(_ reason: String) -> Status {
        Status.badRequest("couldn't get version/kind; json parse error: \(reason)")
    }

    /// 401 for a connection without a client certificate.
    static let unauthorized = Status(code: 401, reason: .unauthorized, message: "Unauthorized")
}
