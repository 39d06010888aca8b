import KubeAPI
import Wire

/// What one request asks to do, as Kubernetes' authorizers see it (`authorizer.Attributes`): a verb on a resource
/// (API group, resource, subresource, object name, namespace) or on a non-resource path.
struct AuthorizationAttributes: Sendable, Hashable {
    /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`, `impersonate`...
    var verb: String
    var apiGroup = ""
    /// The plural resource: `pods`.
    var resource = ""
    /// `log`, `exec`, `status`...; empty for the object itself.
    var subresource = ""
    /// The object's name; empty when the request names none (list, create).
    var name = ""
    /// Empty for cluster-scoped resources and requests across all namespaces.
    var namespace = ""
    /// The path of a non-resource request (`/api`, `/healthz`); nil for resource requests.
    var path: String?

    var isResourceRequest: Bool { path == nil }

    /// A non-resource request.
    static func nonResource(verb: String, path: String) -> AuthorizationAttributes {
        AuthorizationAttributes(verb: verb, path: path)
    }

    /// The attributes of an API server request on `kind`, as Kubernetes derives them from the HTTP request: the
    /// verb (a list or watch whose field selector pins `metadata.name` names that object, as Kubernetes' request
    /// info does), the kind's group and plural, the subresource, the name and the namespace.
    init(_ request: Request, kind: ResourceKind, namespace: String?) {
        verb = request.verb.rawValue
        apiGroup = kind.group
        resource = kind.plural
        subresource = request.subresource ?? ""
        self.namespace = namespace ?? ""
        switch request.verb {
        case .list, .watch:
            if let text = request.fieldSelector, let selector = try? FieldSelector.parse(text),
                let pinned = selector.requiresExactMatch("metadata.name")
            {
                name = pinned
            }
        case .create:
            name = request.name ?? ""
        default:
            name = request.name ?? request.object?[path: ["metadata", "name"]]?.stringValue ?? ""
        }
    }

    init(
        verb: String, apiGroup: String = "", resource: String = "", subresource: String = "", name: String = "",
        namespace: String = "", path: String? = nil
    ) {
        self.verb = verb
        self.apiGroup = apiGroup
        self.resource = resource
        self.subresource = subresource
        self.name = name
        self.namespace = namespace
        self.path = path
    }
}

/// Who asks, as RBAC matches subjects: the user name and groups. Every authenticated identity is also in
/// `system:authenticated`, as Kubernetes adds it.
struct RBACUser: Sendable, Hashable {
    var name: String
    var groups: [String]

    init(name: String, groups: [String]) {
        self.name = name
        self.groups = groups.contains(Self.authenticated) ? groups : groups + [Self.authenticated]
    }

    /// The user of a peer: its common name, and its organisations as groups.
    init(_ peer: PeerIdentity) {
        self.init(name: peer.commonName, groups: peer.organizations)
    }

    static let authenticated = "system:authenticated"
}
