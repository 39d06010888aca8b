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
            let lease = try Self.withMicroTimes(try StrictDecoding.decode(Lease.self, from: object))
            return try leases.put(
                namespace: namespace, name: try name(of: request), object: try JSONValue(encoding: lease),
                mustExist: request.verb == .update, now: now())
        case .patch:
            let name = try name(of: request)
            guard let current = leases.get(namespace: namespace, name: name) else {
                throw Status.notFound(.lease, name: name)
            }
            let patched = JSONMergePatch.apply(request.patch ?? .object([:]), to: current)
            let lease = try Self.withMicroTimes(try StrictDecoding.decode(Lease.self, from: patched))
            return try leases.put(
                namespace: namespace, name: name, object: try JSONValue(encoding: lease), mustExist: true, now: now())
        case .delete:
            return try leases.delete(namespace: namespace, name: try name(of: request))
        case .watch:
            throw Status.badRequest("leases cannot be watched")
        }
    }

    /// `lease` with its `acquireTime` and `renewTime` in Kubernetes' MicroTime form (six fractional digits), as
    /// Kubernetes writes them back; a time that is not RFC 3339 is refused.
    static func withMicroTimes(_ lease: Lease) throws -> Lease {
        var lease = lease
        func canonical(_ text: String?, _ field: String) throws -> String? {
            guard let text else { return nil }
            guard let micro = MicroTime.canonical(text) else {
                throw Status.badRequest(
                    "Lease in version \"v1\" cannot be handled as a Lease: spec.\(field): parsing time \"\(text)\" "
                        + "as \"2006-01-02T15:04:05.000000Z07:00\": not an RFC 3339 time")
            }
            return micro
        }
        lease.spec.acquireTime = try canonical(lease.spec.acquireTime, "acquireTime")
        lease.spec.renewTime = try canonical(lease.spec.renewTime, "renewTime")
        return lease
    }
}
