import KubeAPI
import Wire

/// Decides whether a peer may perform a request. Pure: the identity comes from the peer's certificate.
///
/// - Cluster administrators (`system:masters`) may do everything.
/// - A node (`system:node:<name>`, organisation `system:nodes`) may: read, create, update and delete its own Node;
///   read, list and watch only the pods bound to it (list/watch must select `spec.nodeName=<name>`); write its
///   pods' status and delete its pods (to finish their termination); keep its own Lease in `kube-node-lease`;
///   read, list and watch Services (for the containers' service environment variables); create, update and patch
///   Events (the kubelet's recorder bumps the count of a repeated event); read the ConfigMaps and Secrets (get, or
///   list/watch of one by `metadata.name`) and get the PersistentVolumeClaims that pods bound to it refer to; create
///   ServiceAccount tokens (`serviceaccounts/token`) bound to a pod scheduled on it, with the pod's uid (checked on
///   issuing, as Kubernetes' NodeRestriction does). Everything else is Forbidden, with Kubernetes' RBAC message.
/// - Every other identity (users from client certificates, ServiceAccounts), and nodes for what the node rules do not
///   allow, are authorized by RBAC (``RBACAuthorizer``) over the cluster's Roles, ClusterRoles and bindings.
struct Authorizer: Sendable {
    /// The outcome of authorizing one request.
    enum Decision: Sendable, Equatable {
        case allow
        case deny(Status)
        /// Allowed only if the pod named by the request is bound to this node (the API server checks the stored pod).
        case allowIfPodBoundTo(node: String)
        /// Allowed only if a pod bound to this node refers to the object `name` (``PodReferences``; the API server
        /// checks the stored pods of the namespace).
        case allowIfReferencedByPodOn(node: String, name: String)
    }

    /// `policy` is read only for identities RBAC decides for (not administrators, nor what the node rules allow).
    func authorize(
        _ request: Request, kind: ResourceKind, namespace: String?, peer: PeerIdentity, policy: () -> RBACPolicy
    ) -> Decision {
        if peer.isAdmin { return .allow }
        if let node = peer.nodeName, peer.organizations.contains("system:nodes"),
            let decision = nodeDecision(request, kind: kind, namespace: namespace, node: node)
        {
            return decision
        }
        return Authorizer.rbacDecision(
            AuthorizationAttributes(request, kind: kind, namespace: namespace), peer: peer, policy: policy())
    }

    /// The node rules; nil means "not allowed".
    private func nodeDecision(_ request: Request, kind: ResourceKind, namespace: String?, node: String) -> Decision? {
        let ownName = request.name ?? request.object?[path: ["metadata", "name"]]?.stringValue
        switch kind {
        case .node:
            switch request.verb {
            case .get, .create, .update, .patch, .delete: return ownName == node ? .allow : nil
            case .list, .watch: return selects(request.fieldSelector, "metadata.name", node) ? .allow : nil
            }
        case .pod:
            switch request.verb {
            case .list, .watch: return selects(request.fieldSelector, "spec.nodeName", node) ? .allow : nil
            case .get, .delete: return .allowIfPodBoundTo(node: node)
            case .update, .patch: return request.subresource == "status" ? .allowIfPodBoundTo(node: node) : nil
            case .create: return nil
            }
        case .lease:
            guard namespace == "kube-node-lease", ownName == node else { return nil }
            return [.get, .create, .update, .patch, .delete].contains(request.verb) ? .allow : nil
        case .event:
            return [.create, .update, .patch].contains(request.verb) ? .allow : nil
        case .service:
            return [.get, .list, .watch].contains(request.verb) ? .allow : nil
        case .serviceAccount where request.verb == .create && request.subresource == TokenRequest.subresource:
            // A token for its pods; that it is bound to a pod on this node is checked on issuing (NodeRestriction).
            return .allow
        case .configMap, .secret:
            return referencedObjectDecision(request, namespace: namespace, node: node, verbs: [.get, .list, .watch])
        default:
            guard kind.kind == "PersistentVolumeClaim" else { return nil }
            return referencedObjectDecision(request, namespace: namespace, node: node, verbs: [.get])
        }
    }

    /// As Kubernetes' node authorizer: a node reads one named object at a time (get, or list/watch selecting
    /// `metadata.name=<name>`), and only one its pods refer to.
    private func referencedObjectDecision(_ request: Request, namespace: String?, node: String, verbs: [Verb])
        -> Decision?
    {
        guard verbs.contains(request.verb), request.subresource == nil, namespace?.isEmpty == false else { return nil }
        let name: String?
        if request.verb == .get {
            name = request.name
        } else {
            name = request.fieldSelector.flatMap { try? FieldSelector.parse($0) }?.requiresExactMatch("metadata.name")
        }
        guard let name, !name.isEmpty else { return nil }
        return .allowIfReferencedByPodOn(node: node, name: name)
    }

    /// Whether a field selector pins `field` to exactly `value`.
    private func selects(_ fieldSelector: String?, _ field: String, _ value: String) -> Bool {
        guard let text = fieldSelector, let selector = try? FieldSelector.parse(text) else { return false }
        return selector.requiresExactMatch(field) == value
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
