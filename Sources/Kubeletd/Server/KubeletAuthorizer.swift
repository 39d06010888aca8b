import KubeAPI
import Wire

/// Who may use a kubelet's endpoint: only the control plane's kubelet client
/// (`CN=kube-apiserver-kubelet-client`, `O=system:masters`). Everyone else, administrators and nodes included, is
/// refused with the kubelet's wording. Pure.
enum KubeletAuthorizer {
    /// nil when `peer` may make `request`; else the Forbidden status to answer with.
    static func refusal(of request: Request, from peer: PeerIdentity) -> Status? {
        if KubeletPKI.isKubeletClient(peer) { return nil }
        let verb = request.verb == .get || request.verb == .list || request.verb == .watch ? "get" : "create"
        return .forbidden("Forbidden (user=\(peer.commonName), verb=\(verb), resource=nodes, subresource=proxy)")
    }
}
