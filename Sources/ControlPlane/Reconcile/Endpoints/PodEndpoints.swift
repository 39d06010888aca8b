import KubeAPI
import Wire

/// How one pod appears in a Service's endpoints (upstream `ShouldPodBeInEndpoints`, `podToEndpointAddressForService`,
/// `podutil.FindPort`). Pure.
enum PodEndpoints {
    /// Whether `pod` belongs in the endpoints at all: it has an IP, is not terminal (Succeeded or Failed) and, unless
    /// `includeTerminating` (the service's `publishNotReadyAddresses`), is not being deleted.
    static func shouldBeInEndpoints(_ pod: Pod, includeTerminating: Bool) -> Bool {
        if pod.isTerminal { return false }
        if ip(of: pod) == nil { return false }
        if !includeTerminating && pod.metadata.deletionTimestamp != nil { return false }
        return true
    }

    /// The pod's IPv4 address for an IPv4 service: `status.podIP`, else the first IPv4 entry of `status.podIPs`,
    /// else the first address at all; nil when it has none yet.
    static func ip(of pod: Pod) -> String? {
        let all = ([pod.status.podIP ?? ""] + (pod.status.podIPs ?? []).map(\.ip)).filter { !$0.isEmpty }
        return all.first { !$0.contains(":") } ?? all.first
    }

    /// The endpoint address of `pod` for `service`: its IP, node and a `Pod` target reference; the pod's
    /// `hostname` when its `subdomain` names the service (headless DNS).
    static func address(of pod: Pod, for service: ServiceObject) -> EndpointAddress? {
        guard let ip = ip(of: pod) else { return nil }
        var address = EndpointAddress(
            ip: ip, nodeName: (pod.spec.nodeName ?? "").isEmpty ? nil : pod.spec.nodeName,
            targetRef: ObjectReference(kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name,
                                       uid: pod.metadata.uid))
        if let hostname = pod.spec.hostname, !hostname.isEmpty, pod.spec.subdomain == service.name,
            pod.namespace == service.namespace
        {
            address.hostname = hostname
        }
        return address
    }

    /// The container port a service port reaches on `pod`: a numeric `targetPort` as is (defaulting to `port`), a
    /// named one looked up among the pod's container ports (and sidecar init containers') of the same protocol;
    /// nil when the name is not found.
    static func targetPort(_ servicePort: ServicePort, on pod: Pod) -> Int32? {
        switch servicePort.targetPort {
        case nil, .int(0)?, .string("")?:
            return servicePort.port
        case .int(let number)?:
            return Int32(exactly: number)
        case .string(let name)?:
            let wanted = protocolOf(servicePort.protocol)
            let sidecars = (pod.spec.initContainers ?? []).filter { $0.restartPolicy == "Always" }
            for container in pod.spec.containers + sidecars {
                for port in container.ports ?? [] where port.name == name && protocolOf(port.protocol) == wanted {
                    return port.containerPort
                }
            }
            return nil
        }
    }

    /// A port's protocol with the API default (`TCP`) applied.
    static func protocolOf(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "TCP" }
        return value
    }
}
