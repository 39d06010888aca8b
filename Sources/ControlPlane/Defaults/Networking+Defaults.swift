import KubeAPI
import Wire

extension NetworkPolicy: Defaultable {
    /// networking/v1 `SetDefaults_NetworkPolicyPort` (`protocol: TCP`) and `SetDefaults_NetworkPolicy`: without
    /// `policyTypes`, a policy is `[Ingress]`, and `[Ingress, Egress]` when it has egress rules.
    public mutating func applyDefaults() {
        spec.ingress = spec.ingress.map { rules in
            rules.map { rule in
                var rule = rule
                rule.ports = rule.ports.map(Self.defaultedPorts)
                return rule
            }
        }
        spec.egress = spec.egress.map { rules in
            rules.map { rule in
                var rule = rule
                rule.ports = rule.ports.map(Self.defaultedPorts)
                return rule
            }
        }
        if (spec.policyTypes ?? []).isEmpty {
            spec.policyTypes = (spec.egress ?? []).isEmpty ? ["Ingress"] : ["Ingress", "Egress"]
        }
    }

    private static func defaultedPorts(_ ports: [NetworkPolicyPort]) -> [NetworkPolicyPort] {
        ports.map { port in
            var port = port
            if port.protocol == nil { port.protocol = "TCP" }
            return port
        }
    }
}

extension Ingress: Defaultable {
    /// networking/v1 Ingresses have no defaults (`pathType` is required, not defaulted).
    public mutating func applyDefaults() {}
}

extension IngressClass: Defaultable {
    /// networking/v1 `SetDefaults_IngressClass`: parameters without a `scope` are `Cluster`-scoped.
    public mutating func applyDefaults() {
        if spec.parameters != nil, spec.parameters?.scope == nil { spec.parameters?.scope = "Cluster" }
    }
}
