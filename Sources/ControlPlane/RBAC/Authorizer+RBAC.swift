import KubeAPI
import Wire

extension Authorizer {
    /// The RBAC decision for `peer` (users from client certificates, ServiceAccounts, and nodes where the node
    /// rules have no say): allowed, or Forbidden with Kubernetes' message.
    static func rbacDecision(_ attributes: AuthorizationAttributes, peer: PeerIdentity, policy: RBACPolicy) -> Decision {
        let decision = RBACAuthorizer(policy: policy).authorize(RBACUser(peer), attributes)
        if decision.allowed { return .allow }
        return .deny(forbidden(attributes, user: peer.commonName, reason: decision.reason))
    }

    /// Kubernetes' Forbidden for `attributes`: `pods "x" is forbidden: User "u" cannot get resource "pods" in API
    /// group "" in the namespace "default"` (`at the cluster scope` without a namespace; `resource "pods/log"` for a
    /// subresource), or `forbidden: User "u" cannot get path "/api"` for a non-resource request, followed by
    /// `: <reason>` when the authorizer gave one.
    static func forbidden(_ attributes: AuthorizationAttributes, user: String, reason: String = "") -> Status {
        var message: String
        if let path = attributes.path {
            message = "forbidden: User \(GoQuote.quote(user)) cannot \(attributes.verb) path \(GoQuote.quote(path))"
        } else {
            let groupResource = attributes.apiGroup.isEmpty ? attributes.resource : "\(attributes.resource).\(attributes.apiGroup)"
            let subject = attributes.name.isEmpty ? groupResource : "\(groupResource) \(GoQuote.quote(attributes.name))"
            let resource = attributes.subresource.isEmpty ? attributes.resource : "\(attributes.resource)/\(attributes.subresource)"
            let scope = attributes.namespace.isEmpty
                ? "at the cluster scope" : "in the namespace \(GoQuote.quote(attributes.namespace))"
            message = "\(subject) is forbidden: User \(GoQuote.quote(user)) cannot \(attributes.verb) resource "
                + "\(GoQuote.quote(resource)) in API group \(GoQuote.quote(attributes.apiGroup)) \(scope)"
        }
        if !reason.isEmpty { message += ": \(reason)" }
        return .forbidden(message)
    }
}
