import KubeAPI
import Wire

/// The lines of `kctl cluster-info`, as kubectl's `cmd/clusterinfo`: the control plane's address, then one line per
/// Service labelled `kubernetes.io/cluster-service=true` in the namespace shown (`kube-system` unless `-n`). Pure.
enum ClusterInfoText {
    /// The label selecting cluster services.
    static let clusterServiceSelector = "kubernetes.io/cluster-service=true"

    /// `Kubernetes control plane is running at <server>` and a `<name> is running at <link>` line per service,
    /// each ending in a newline.
    static func render(server: String, services: [JSONValue]) -> String {
        var text = line("Kubernetes control plane", server)
        for service in services {
            let fields = JSONFields(service)
            let name = fields.stringMap("metadata", "labels")["kubernetes.io/name"].flatMap { $0.isEmpty ? nil : $0 }
            text += line(name ?? fields.name, link(for: service, server: server))
        }
        return text
    }

    /// A load balancer's `http://<ip>:<port> ` per port, else the API server's proxy path for the service
    /// (`<server>/api/v1/namespaces/<ns>/services/[https:]<name>[:<port name>]/proxy`).
    static func link(for service: JSONValue, server: String) -> String {
        let fields = JSONFields(service)
        let ports = fields.array("spec", "ports")
        if let ingress = fields.array("status", "loadBalancer", "ingress").first {
            let ip = ingress["ip"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? ingress["hostname"]?.stringValue ?? ""
            return ports.map { "http://\(ip):\($0["port"]?.intValue ?? 0) " }.joined()
        }
        var name = fields.name
        if let port = ports.first {
            let portName = port["name"]?.stringValue ?? ""
            let scheme = portName == "https" || port["port"]?.intValue == 443 ? "https" : ""
            if !scheme.isEmpty {
                name = "\(scheme):\(name):\(portName)"
            } else if !portName.isEmpty {
                name = "\(name):\(portName)"
            }
        }
        return "\(server)/api/v1/namespaces/\(fields.namespace)/services/\(name)/proxy"
    }

    private static func line(_ name: String, _ link: String) -> String {
        "\(name) is running at \(link)\n"
    }
}
