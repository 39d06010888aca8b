import Wire

/// Decides whether a peer may perform a request. Pure: the identity comes from the peer's certificate.
///
/// Cluster administrators (`system:masters`) may do everything. Node identities get their rights with the nodes
/// work; until then every other identity is refused, with Kubernetes' RBAC message.
struct Authorizer: Sendable {
    /// Returns nil when allowed, or the Forbidden status to answer with.
    func authorize(_ request: Request, kind: ResourceKind, namespace: String?, peer: PeerIdentity) -> Status? {
        if peer.isAdmin { return nil }
        return Authorizer.forbidden(request, kind: kind, namespace: namespace, peer: peer)
    }

    /// `pods "x" is forbidden: User "system:node:n1" cannot get resource "pods" in API group "" in the namespace
    /// "default"` (or `... at the cluster scope` for cluster-scoped kinds and cross-namespace lists).
    static func forbidden(_ request: Request, kind: ResourceKind, namespace: String?, peer: PeerIdentity) -> Status {
        let subject = request.name.map { "\(kind.groupResource) \"\($0)\"" } ?? kind.groupResource
        let scope = namespace.map { "in the namespace \"\($0)\"" } ?? "at the cluster scope"
        let verb = request.verb.rawValue
        let what = request.subresource.map { "resource \"\(kind.plural)/\($0)\"" } ?? "resource \"\(kind.plural)\""
        return .forbidden(
            "\(subject) is forbidden: User \"\(peer.commonName)\" cannot \(verb) \(what) in API group \"\(kind.group)\" \(scope)")
    }
}
