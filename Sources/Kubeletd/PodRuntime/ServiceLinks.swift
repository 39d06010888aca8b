import Foundation
import KubeAPI
import Wire

/// The service environment variables the kubelet gives every container (`getServiceEnvVarMap` and
/// `envvars.FromServices` in Kubernetes). Pure.
///
/// For each Service with a cluster IP (not headless, not ExternalName): `<NAME>_SERVICE_HOST`,
/// `<NAME>_SERVICE_PORT` (the first port), `<NAME>_SERVICE_PORT_<PORTNAME>` per named port, and the Docker link
/// variables `<NAME>_PORT` (first port, `tcp://IP:PORT`), `<NAME>_PORT_<PORT>_<PROTO>`, `..._PROTO`, `..._PORT`
/// and `..._ADDR` per port; `NAME` is the Service name upper-cased with `-` as `_`. The `kubernetes` Service of the
/// `default` namespace is always included; the pod's own namespace's Services only with `enableServiceLinks`
/// (default true), and they win over it on a name clash.
enum ServiceLinks {
    /// The Services Kubernetes always links: `default/kubernetes`.
    static let masterServices: Set<String> = ["kubernetes"]

    /// The variables for a pod in `namespace` given every Service of the cluster.
    static func environment(
        services: [ServiceObject], namespace: String, enableServiceLinks: Bool
    ) -> [String: String] {
        var linked: [String: ServiceObject] = [:]
        for service in services where isIPSet(service) {
            let name = service.metadata.name ?? ""
            let serviceNamespace = service.metadata.namespace ?? "default"
            if serviceNamespace == namespace && enableServiceLinks {
                linked[name] = service
            } else if serviceNamespace == "default" && masterServices.contains(name) && linked[name] == nil {
                linked[name] = service
            }
        }
        var environment: [String: String] = [:]
        for service in linked.values {
            for (name, value) in variables(for: service) { environment[name] = value }
        }
        return environment
    }

    /// `envvars.FromServices` for one Service, in Kubernetes' order.
    static func variables(for service: ServiceObject) -> [(name: String, value: String)] {
        guard isIPSet(service), let ports = service.spec.ports, let first = ports.first else { return [] }
        let ip = service.spec.clusterIP ?? ""
        let prefix = variableName(service.metadata.name ?? "")
        var result: [(name: String, value: String)] = [
            (prefix + "_SERVICE_HOST", ip), (prefix + "_SERVICE_PORT", String(first.port)),
        ]
        for port in ports {
            guard let portName = port.name, !portName.isEmpty else { continue }
            result.append((prefix + "_SERVICE_PORT_" + variableName(portName), String(port.port)))
        }
        for (index, port) in ports.enumerated() {
            let proto = (port.protocol.flatMap { $0.isEmpty ? nil : $0 } ?? "TCP")
            let url = "\(proto.lowercased())://\(joinHostPort(ip, port.port))"
            if index == 0 { result.append((prefix + "_PORT", url)) }
            let portPrefix = "\(prefix)_PORT_\(port.port)_\(proto.uppercased())"
            result += [
                (portPrefix, url), (portPrefix + "_PROTO", proto.lowercased()),
                (portPrefix + "_PORT", String(port.port)), (portPrefix + "_ADDR", ip),
            ]
        }
        return result
    }

    /// `makeEnvVariableName`: upper case, `-` becomes `_`.
    static func variableName(_ text: String) -> String {
        text.replacingOccurrences(of: "-", with: "_").uppercased()
    }

    /// `IsServiceIPSet`: a cluster IP that is neither empty nor `None`.
    static func isIPSet(_ service: ServiceObject) -> Bool {
        let ip = service.spec.clusterIP ?? ""
        return !ip.isEmpty && ip != "None"
    }

    /// Go's `net.JoinHostPort`: IPv6 addresses in brackets.
    private static func joinHostPort(_ host: String, _ port: Int32) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
