import KubeAPI

/// kubectl's wording of a failed list (its resource builder's): a BadRequest or NotFound answer to a list names the
/// resource and, when there were selectors, the selectors, so `get pods --field-selector foo=bar` reads
/// `Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not
/// supported: foo`. Other errors pass unchanged. Pure.
enum ListErrorContext {
    static func wrap(_ error: any Error, kind: ResourceKind, labelSelector: String?, fieldSelector: String?)
        -> any Error
    {
        guard var status = error as? Status, status.reason == .badRequest || status.reason == .notFound else {
            return error
        }
        let resource = "\(kind.group)/\(kind.version), Resource=\(kind.plural)"
        let message = status.message ?? ""
        let labels = labelSelector ?? "", fields = fieldSelector ?? ""
        status.message =
            labels.isEmpty && fields.isEmpty
            ? "Unable to list \"\(resource)\": \(message)"
            : "Unable to find \"\(resource)\" that match label selector \"\(labels)\", field selector \"\(fields)\": \(message)"
        return status
    }
}
