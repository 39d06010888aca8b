import Foundation
import KubeAPI
import Wire

extension APIServer {
    /// `pods/log` (verb get), `pods/exec` and `pods/attach` (verb create), for administrators and whom RBAC allows:
    /// checks the request as the API server does, then proxies it to the kubelet of the pod's node.
    func stream(_ request: Request, from peer: PeerIdentity, io: StreamIO) async throws -> StreamOutcome {
        if request.impersonates {
            return try await stream(request.withoutImpersonation, from: try acting(request, peer: peer), io: io)
        }
        let kind = try resolve(request.kind)
        let isLog = request.subresource == Request.logSubresource
        guard kind == .pod else {
            throw Status(code: 404, reason: .notFound, message: "the server could not find the requested resource")
        }
        guard request.verb == (isLog ? .get : .create) else {
            throw Status(
                code: 405, reason: .methodNotAllowed,
                message: "the server does not allow this method on the requested resource")
        }
        let namespace = request.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let name = try name(of: request)
        var named = request
        named.name = name
        if case .deny(let status) = rbacAuthorization(named, kind: .pod, namespace: namespace, peer: peer) { throw status }
        let pod = try get(.pod, namespace, name).decode(as: Pod.self)
        let target = try PodStreamTarget.resolve(pod: pod, container: request.container)
        if request.subresource == Request.execSubresource, (request.command ?? []).isEmpty {
            throw Status.badRequest("you must specify at least one command for the container")
        }
        guard let kubelets else { throw KubeletAddress.dialError("this control plane has no kubelet client") }
        guard let nodeObject = try store.get(ObjectKey(kind: ResourceKind.node.kind, namespace: "", name: target.nodeName))
        else { throw Status.notFound(.node, name: target.nodeName) }
        let address = try KubeletAddress(node: try nodeObject.decode(as: Node.self))
        var forwarded = request
        forwarded.kind = ResourceKind.pod.kind
        forwarded.namespace = namespace
        forwarded.name = name
        forwarded.container = target.container
        forwarded.timeoutSeconds = nil
        return try await kubelets.proxy(forwarded, node: target.nodeName, address: address, io: io)
    }
}
