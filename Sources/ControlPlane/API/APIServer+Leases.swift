import KubeAPI
import Wire

extension APIServer {
    /// Lease verbs, served from memory (heartbeats never touch the disk).
    func leaseRequest(_ request: Request, namespace: String) throws -> JSONValue? {
        switch request.verb {
        case .get:
            let name = try name(of: request)
            guard let lease = leases.get(namespace: namespace, name: name) else {
                throw Status.notFound(.lease, name: name)
            }
            return lease
        case .list:
            return [
                "apiVersion": .string(ResourceKind.lease.apiVersion), "kind": "LeaseList",
                "metadata": ["resourceVersion": "0"], "items": .array(leases.list(namespace: request.namespace)),
            ]
        case .create, .update:
            guard let object = request.object else { throw Status.badRequest("\(request.verb) needs an object") }
            let lease = try StrictDecoding.decode(Lease.self, from: object)
            return try leases.put(
                namespace: namespace, name: try name(of: request), object: try JSONValue(encoding: lease),
                mustExist: request.verb == .update, now: now())
        case .patch:
            let name = try name(of: request)
            guard let current = leases.get(namespace: namespace, name: name) else {
                throw Status.notFound(.lease, name: name)
            }
            let patched = JSONMergePatch.apply(request.patch ?? .object([:]), to: current)
            return try leases.put(namespace: namespace, name: name, object: patched, mustExist: true, now: now())
        case .delete:
            return try leases.delete(namespace: namespace, name: try name(of: request))
        case .watch:
            throw Status.badRequest("leases cannot be watched")
        }
    }
}
