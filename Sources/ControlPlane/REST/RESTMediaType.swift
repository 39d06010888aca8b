import KubeAPI

/// A media type with its parameters, as in `Accept` and `Content-Type` headers:
/// `application/json;as=Table;v=v1;g=meta.k8s.io`. Pure.
struct RESTMediaType: Sendable, Equatable {
    /// `application/json`, lower-cased.
    var type: String
    /// `as`, `v`, `g`, `charset`... (names lower-cased, values as given).
    var parameters: [String: String]

    /// The aggregated discovery type kubectl asks for and recognises a reply by (client-go reads the format from
    /// the reply's Content-Type, so it must be exactly this).
    static let discoveryV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
    /// The Table type.
    static let table = "application/json;as=Table;v=v1;g=meta.k8s.io"

    /// Parses one media type; nil for an empty text.
    init?(parsing text: Substring) {
        let parts = text.split(separator: ";").map { $0.trimmingWhitespace() }
        guard let first = parts.first, !first.isEmpty else { return nil }
        type = first.lowercased()
        parameters = [:]
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            parameters[pair[0].trimmingWhitespace().lowercased()] = pair[1].trimmingWhitespace()
        }
    }

    /// The types of an `Accept` header, in the order given.
    static func list(_ header: String) -> [RESTMediaType] {
        header.split(separator: ",").compactMap { RESTMediaType(parsing: $0) }
    }

    /// What an answer should be, given the request's `Accept`, as Kubernetes negotiates it: the first listed type
    /// that can be served. Tables only where `tables` (objects), aggregated discovery only where `discovery`
    /// (`/api`, `/apis`). No `Accept` means JSON.
    /// - Throws: 406 NotAcceptable when nothing listed can be served.
    static func negotiate(accept: String?, tables: Bool, discovery: Bool) throws -> RESTRepresentation {
        guard let accept, !accept.trimmingWhitespace().isEmpty else { return .json }
        for media in list(accept) {
            switch media.type {
            case "*/*", "application/*":
                return .json
            case "application/json":
                switch media.parameters["as"] {
                case nil: return .json
                case "Table" where tables && media.parameters["g"] == "meta.k8s.io"
                    && ["v1", "v1beta1"].contains(media.parameters["v"] ?? ""):
                    return .table
                case "APIGroupDiscoveryList" where discovery && media.parameters["g"] == "apidiscovery.k8s.io"
                    && media.parameters["v"] == "v2":
                    return .discoveryV2
                default: continue
                }
            default:
                continue
            }
        }
        var offered = ["application/json"]
        if tables { offered.append(table) }
        if discovery { offered.append(discoveryV2) }
        throw RESTErrors.notAcceptable(offered)
    }
}

/// The representation an answer is given in.
enum RESTRepresentation: Sendable, Equatable {
    /// Objects (or lists, discovery documents) as `application/json`.
    case json
    /// A `meta.k8s.io/v1` Table.
    case table
    /// Aggregated discovery (`apidiscovery.k8s.io/v2` APIGroupDiscoveryList).
    case discoveryV2
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
