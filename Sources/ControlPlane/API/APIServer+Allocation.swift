import Foundation
import KubeAPI
import Wire

extension APIServer {
    /// What the API server fills in on create, under the allocation lock: a Node's pod CIDR and its registration
    /// taint, a Service's cluster IP and node ports.
    func allocate(_ object: JSONValue, kind: ResourceKind) throws -> JSONValue {
        switch kind {
        case .node:
            let nodes = try store.list(kind: ResourceKind.node.kind, namespace: nil).items
            return ClusterAllocation.registerNode(object, existingNodes: nodes)
        case .service:
            let services = try store.list(kind: ResourceKind.service.kind, namespace: nil).items
            var generator = SystemRandomNumberGenerator()
            return try ClusterAllocation.allocateService(object, existing: services, using: &generator)
        default:
            return object
        }
    }

    /// `create pods/binding`: assigns an unbound pod to a node (what the scheduler does).
    func bind(_ namespace: String, _ request: Request) throws -> JSONValue {
        let name = try name(of: request)
        guard let target = request.object?[path: ["target", "name"]]?.stringValue, !target.isEmpty else {
            throw Status.badRequest("binding needs target.name")
        }
        let key = ObjectKey(kind: ResourceKind.pod.kind, namespace: namespace, name: name)
        guard let pod = try store.get(key) else { throw Status.notFound(.pod, name: name) }
        if pod[path: ["metadata", "deletionTimestamp"]] != nil {
            throw Status.conflict(.pod, name: name, detail: "pod \(name) is being deleted, cannot be assigned to a host")
        }
        if let node = pod[path: ["spec", "nodeName"]]?.stringValue, !node.isEmpty {
            throw Status(code: 409, reason: .conflict,
                         message: "Operation cannot be fulfilled on pods/binding \"\(name)\": pod \(name) is already assigned to node \"\(node)\"")
        }
        var bound = pod
        bound[path: ["spec", "nodeName"]] = .string(target)
        var conditions = (pod[path: ["status", "conditions"]]?.arrayValue ?? []).filter {
            $0["type"]?.stringValue != "PodScheduled"
        }
        conditions.append([
            "type": "PodScheduled", "status": "True", "lastProbeTime": .null,
            "lastTransitionTime": .string(Timestamp.format(now())),
        ])
        bound[path: ["status", "conditions"]] = .array(conditions)
        do {
            return try store.update(key, object: bound, expectedResourceVersion: resourceVersion(of: pod))
        } catch {
            throw map(error, kind: .pod, name: name)
        }
    }
}
