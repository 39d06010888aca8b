import KubeAPI
import Wire

extension ServiceObject: Defaultable {
    /// core/v1 `SetDefaults_Service`, plus the IP-family fields the service registry fills on create:
    /// `type: ClusterIP`, `sessionAffinity: None`, port `protocol: TCP`, `targetPort` = `port`,
    /// `internalTrafficPolicy: Cluster`, `externalTrafficPolicy: Cluster` when externally reachable,
    /// `ipFamilyPolicy: SingleStack` (`RequireDualStack` for a headless service without selector),
    /// `ipFamilies: [IPv4]`. An `ExternalName` service gets no IP-family or traffic-policy fields.
    public mutating func applyDefaults() {
        if spec.type == nil || spec.type == "" { spec.type = "ClusterIP" }
        if spec.sessionAffinity == nil || spec.sessionAffinity == "" { spec.sessionAffinity = "None" }
        if spec.sessionAffinity == "None" {
            spec.sessionAffinityConfig = nil
        } else if spec.sessionAffinity == "ClientIP",
            spec.sessionAffinityConfig?[path: ["clientIP", "timeoutSeconds"]] == nil
        {
            spec.sessionAffinityConfig = ["clientIP": ["timeoutSeconds": 10800]]
        }
        if var list = spec.ports {
            for index in list.indices {
                if list[index].protocol == nil || list[index].protocol == "" { list[index].protocol = "TCP" }
                switch list[index].targetPort {
                case nil, .int(0)?, .string("")?: list[index].targetPort = .int(Int(list[index].port))
                default: break
                }
            }
            spec.ports = list
        }
        let type = spec.type ?? ""
        let externallyAccessible = type == "LoadBalancer" || type == "NodePort"
            || (type == "ClusterIP" && !(spec.externalIPs ?? []).isEmpty)
        if externallyAccessible, spec.externalTrafficPolicy == nil || spec.externalTrafficPolicy == "" {
            spec.externalTrafficPolicy = "Cluster"
        }
        if ["ClusterIP", "NodePort", "LoadBalancer"].contains(type), spec.internalTrafficPolicy == nil {
            spec.internalTrafficPolicy = "Cluster"
        }
        if type == "LoadBalancer", spec.allocateLoadBalancerNodePorts == nil {
            spec.allocateLoadBalancerNodePorts = true
        }
        guard type != "ExternalName" else { return }
        if spec.ipFamilyPolicy == nil || spec.ipFamilyPolicy == "" {
            let headlessWithoutSelector = spec.clusterIP == "None" && (spec.selector ?? [:]).isEmpty
            spec.ipFamilyPolicy = headlessWithoutSelector ? "RequireDualStack" : "SingleStack"
        }
        if (spec.ipFamilies ?? []).isEmpty { spec.ipFamilies = ["IPv4"] }
    }
}
