import KubeAPI
import Wire

extension APIServer {
    /// The node authorizer's graph check, in memory: some pod bound to `node` in `namespace` refers to `name` of
    /// `kind` (``PodReferences``). Otherwise Forbidden, with Kubernetes' "no relationship found" reason.
    func requirePodReference(
        _ kind: ResourceKind, namespace: String, name: String, node: String, request: Request, peer: PeerIdentity
    ) throws {
        let pods = try store.list(kind: ResourceKind.pod.kind, namespace: namespace).items
        let related = pods.contains { pod in
            pod[path: ["spec", "nodeName"]]?.stringValue == node && PodReferences(pod: pod).references(kind, name: name)
        }
        guard !related else { return }
        var status = Authorizer.forbidden(request, kind: kind, namespace: namespace, peer: peer)
        status.message = (status.message ?? "") + ": no relationship found between node '\(node)' and this object"
        throw status
    }
}
