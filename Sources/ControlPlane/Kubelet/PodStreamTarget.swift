import KubeAPI
import Wire

/// Where a `pods/log` or `pods/exec` request goes: the container it names (or the pod's only one) and the node
/// the pod runs on, with the API server's checks and messages (`ValidateContainer`, `LogLocation`). Pure.
struct PodStreamTarget: Sendable, Hashable {
    var container: String
    var nodeName: String

    /// Resolves the target of a request for `container` (empty or nil: the pod's only container).
    ///
    /// - Throws: `400 BadRequest` with Kubernetes' texts: `a container name must be specified for pod p, choose
    ///   one of: [a b]`, `container x is not valid for pod p`, `pod p does not have a host assigned`.
    static func resolve(pod: Pod, container requested: String?) throws -> PodStreamTarget {
        let name = pod.name
        // Init containers, then app containers, then ephemeral ones: the order Kubernetes lists them in.
        let ephemeral = (pod.spec.ephemeralContainers ?? []).compactMap { $0["name"]?.stringValue }
        let all = (pod.spec.initContainers ?? []).map(\.name) + pod.spec.containers.map(\.name) + ephemeral
        let container: String
        if let requested, !requested.isEmpty {
            guard all.contains(requested) else {
                throw Status.badRequest("container \(requested) is not valid for pod \(name)")
            }
            container = requested
        } else {
            switch pod.spec.containers.count {
            case 1:
                container = pod.spec.containers[0].name
            case 0:
                throw Status.badRequest("a container name must be specified for pod \(name)")
            default:
                throw Status.badRequest(
                    "a container name must be specified for pod \(name), choose one of: [\(all.joined(separator: " "))]")
            }
        }
        guard let node = pod.spec.nodeName, !node.isEmpty else {
            throw Status.badRequest("pod \(name) does not have a host assigned")
        }
        return PodStreamTarget(container: container, nodeName: node)
    }
}

/// A node's kubelet endpoint: its InternalIP and the port it reports in `status.daemonEndpoints`. Pure.
struct KubeletAddress: Sendable, Hashable {
    var host: String
    var port: Int

    /// The endpoint of `node`.
    ///
    /// - Throws: a Status (500) when the node reports no InternalIP or no kubelet port.
    init(node: Node) throws {
        let name = node.name
        guard let ip = node.status.addresses?.first(where: { $0.type == "InternalIP" })?.address, !ip.isEmpty else {
            throw Self.dialError("node \"\(name)\" has no InternalIP address")
        }
        guard let port = node.status.daemonEndpoints?[path: ["kubeletEndpoint", "Port"]]?.intValue, port > 0,
            port <= 65535
        else { throw Self.dialError("node \"\(name)\" reports no kubelet endpoint") }
        host = ip
        self.port = Int(port)
    }

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `error dialing backend: <why>`: the node cannot be reached (Kubernetes' text, and reason).
    static func dialError(_ why: String) -> Status {
        var status = Status(code: 500, reason: nil, message: "error dialing backend: \(why)")
        status.reason = nil
        return status
    }
}
