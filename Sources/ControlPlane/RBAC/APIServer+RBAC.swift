import KubeAPI
import Wire

extension APIServer {
    /// Whether `peer` may `verb` the non-resource `path` (`/api`, `/version`, `/openapi/v3`): administrators may
    /// reach every path; everyone else as RBAC says (every authenticated user holds `system:discovery` and
    /// `system:public-info-viewer`).
    /// - Throws: Kubernetes' Forbidden, `forbidden: User "u" cannot get path "/p"`.
    func authorizePath(_ path: String, verb: String = "get", peer: PeerIdentity) throws {
        guard !peer.isAdmin else { return }
        let attributes = AuthorizationAttributes.nonResource(verb: verb, path: path)
        if case .deny(let status) = Authorizer.rbacDecision(attributes, peer: peer, policy: rbacPolicies.policy()) {
            throw status
        }
    }

    /// RBAC's decision for `peer` on `attributes`; administrators are always allowed.
    func rbacDecision(_ attributes: AuthorizationAttributes, peer: PeerIdentity) -> RBACAuthorizer.Decision {
        if peer.isAdmin { return RBACAuthorizer.Decision(allowed: true, reason: "") }
        return RBACAuthorizer(policy: rbacPolicies.policy()).authorize(RBACUser(peer), attributes)
    }

    /// The identity a request runs as when it impersonates `user` (and `groups`), as Kubernetes' impersonation
    /// filter decides: `peer` must be allowed to `impersonate` the user (resource `users`, or `serviceaccounts` in
    /// its namespace for `system:serviceaccount:NS:NAME`) and each group (`groups`). A ServiceAccount impersonated
    /// without groups gets its groups (`system:serviceaccounts`, `system:serviceaccounts:NS`).
    /// - Throws: Forbidden (`users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group
    ///   "" at the cluster scope`); 400 for groups without a user.
    func impersonated(user: String?, groups: [String], by peer: PeerIdentity) throws -> PeerIdentity {
        guard let user, !user.isEmpty else {
            if groups.isEmpty { return peer }
            throw Status.badRequest("requested \(groups.map { "{Group  \($0)}" }) without impersonating a user")
        }
        var checks: [AuthorizationAttributes] = []
        var actingGroups = groups
        if let account = ServiceAccountUser.parse(user) {
            checks.append(AuthorizationAttributes(
                verb: "impersonate", resource: "serviceaccounts", name: account.name, namespace: account.namespace))
            if groups.isEmpty { actingGroups = ServiceAccountUser.groups(namespace: account.namespace) }
        } else {
            checks.append(AuthorizationAttributes(verb: "impersonate", resource: "users", name: user))
        }
        checks += groups.map { AuthorizationAttributes(verb: "impersonate", resource: "groups", name: $0) }
        if !peer.isAdmin {
            let policy = rbacPolicies.policy()
            for attributes in checks {
                if case .deny(let status) = Authorizer.rbacDecision(attributes, peer: peer, policy: policy) { throw status }
            }
        }
        return PeerIdentity(commonName: user, organizations: actingGroups.filter { $0 != RBACUser.authenticated })
    }

    /// The rules RBAC grants `peer` in `namespace` (cluster-wide ones first), and the errors met (missing roles).
    func rbacRules(for peer: PeerIdentity, namespace: String) -> (rules: [PolicyRule], errors: [String]) {
        RBACAuthorizer(policy: rbacPolicies.policy()).rules(for: RBACUser(peer), namespace: namespace)
    }
}

extension APIServer {
    /// The SelfSubjectRulesReview answer for `peer` in `namespace`: an administrator's as before (every verb on
    /// everything); anyone else's from RBAC (nodes also get the Node authorizer's `incomplete`).
    func rulesReview(for peer: PeerIdentity, namespace: String) -> JSONValue {
        guard !peer.isAdmin else { return RESTRulesReview.answer(for: peer, namespace: namespace) }
        let (rules, errors) = rbacRules(for: peer, namespace: namespace)
        return RESTRulesReview.answer(for: peer, rules: rules, errors: errors)
    }

    /// The identity `request` runs as: `peer`, or whom its ``Request/impersonateUser`` names (see
    /// ``impersonated(user:groups:by:)``).
    func acting(_ request: Request, peer: PeerIdentity) throws -> PeerIdentity {
        try impersonated(user: request.impersonateUser, groups: request.impersonateGroups ?? [], by: peer)
    }
}

extension Request {
    /// Whether the request asks to run as someone else.
    var impersonates: Bool { impersonateUser != nil || !(impersonateGroups ?? []).isEmpty }

    /// The request without its impersonation members.
    var withoutImpersonation: Request {
        var request = self
        request.impersonateUser = nil
        request.impersonateGroups = nil
        return request
    }
}

extension RESTReply {
    /// A watch or log reply that runs later, with the connection's identity, carries the impersonation of the call
    /// it answers (the API server checks it again then); other replies are complete.
    func impersonating(_ user: String?, groups: [String]) -> RESTReply {
        switch self {
        case .watch(var request, let contentType):
            request.impersonateUser = user
            request.impersonateGroups = groups.isEmpty ? nil : groups
            return .watch(request, contentType: contentType)
        case .log(var request):
            request.impersonateUser = user
            request.impersonateGroups = groups.isEmpty ? nil : groups
            return .log(request)
        case .warned(let warnings, let reply):
            return .warned(warnings, reply.impersonating(user, groups: groups))
        default:
            return self
        }
    }
}

extension APIServer {
    /// RBAC alone on `request` (no node rules): administrators are allowed; used for the pod streams, which the
    /// node rules do not cover.
    func rbacAuthorization(_ request: Request, kind: ResourceKind, namespace: String?, peer: PeerIdentity)
        -> Authorizer.Decision
    {
        if peer.isAdmin { return .allow }
        return Authorizer.rbacDecision(
            AuthorizationAttributes(request, kind: kind, namespace: namespace), peer: peer, policy: rbacPolicies.policy())
    }
}

extension APIServer {
    /// Kubernetes authorizes `create` on `pods/exec`, `pods/attach` and `pods/portforward` before anything else of
    /// the request (the WebSocket upgrade, kubectl's SPDY fallback): the Forbidden for `peer`, or nil when it may.
    func streamRefusal(namespace: String?, pod: String, subresource: String, peer: PeerIdentity) -> Status? {
        var request = Request(verb: .create, kind: ResourceKind.pod.kind, namespace: namespace, name: pod)
        request.subresource = subresource
        let decision = rbacAuthorization(request, kind: .pod, namespace: namespace ?? "default", peer: peer)
        if case .deny(let status) = decision { return status }
        return nil
    }
}
