import Foundation
import KubeAPI
import Wire

/// core/v1 Service rules and texts: upstream `ValidateService`, `validateServicePort`, the cluster-IP field rules,
/// the node-port allocator's range check, and clusterIP immutability on update.
extension ServiceObject: Validatable {
    static let serviceTypes = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
    static let sessionAffinities = ["ClientIP", "None"]
    static let trafficPolicies = ["Cluster", "Local"]
    static let ipFamilies = ["IPv4", "IPv6"]
    static let ipFamilyPolicies = ["PreferDualStack", "RequireDualStack", "SingleStack"]
    /// The default `--service-node-port-range`.
    static let nodePortRange: ClosedRange<Int32> = 30000...32767

    /// The node-port range check first: upstream's allocator rejects a port outside the range before validation
    /// runs, so those errors come alone. Then upstream `ValidateService` in its order.
    func validateCreate() -> [FieldError] {
        let rangeErrors = validateNodePortRange()
        guard rangeErrors.isEmpty else { return rangeErrors }
        var errors = metadata.validate(namespaced: true) { Validation.nameIsDNS1035Label($0, prefix: $1) }
        errors += spec.validate(clusterIPs: effectiveClusterIPs)
        return errors
    }

    /// The metadata update rules; `spec.clusterIP: Invalid value: "<new>": field is immutable` when a set
    /// cluster IP changes (except to or from `ExternalName`; an update that leaves it out keeps the old one, as
    /// the server carries it over); then the create rules.
    func validateUpdate(old: ServiceObject) -> [FieldError] {
        var errors = metadata.validateUpdate(old: old.metadata)
        let oldIP = old.spec.clusterIP ?? ""
        let newIP = spec.clusterIP ?? ""
        let externalName = spec.type == "ExternalName" || old.spec.type == "ExternalName"
        errors += FieldRules.immutable(changed: !externalName && !oldIP.isEmpty && !newIP.isEmpty && newIP != oldIP,
                                       field: "spec.clusterIP", rendered: GoQuote.quote(newIP))
        return errors + validateCreate()
    }

    /// `spec.clusterIPs`, or `[spec.clusterIP]` when only that is set (the server keeps them in sync).
    var effectiveClusterIPs: [String] {
        if let ips = spec.clusterIPs, !ips.isEmpty { return ips }
        if let ip = spec.clusterIP, !ip.isEmpty { return [ip] }
        return []
    }

    /// A headless service: `clusterIP: None`.
    var isHeadless: Bool { effectiveClusterIPs == ["None"] }

    /// The node-port allocator's check, for `NodePort` and `LoadBalancer` services:
    /// `spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid
    /// ports is 30000-32767`.
    private func validateNodePortRange() -> [FieldError] {
        guard spec.type == "NodePort" || spec.type == "LoadBalancer" else { return [] }
        let range = Self.nodePortRange
        return (spec.ports ?? []).enumerated().compactMap { index, port in
            guard let nodePort = port.nodePort, nodePort != 0, !range.contains(nodePort) else { return nil }
            return .invalid("spec.ports[\(index)].nodePort", String(nodePort),
                            "provided port is not in the valid range. The range of valid ports is "
                                + "\(range.lowerBound)-\(range.upperBound)")
        }
    }
}

extension ServiceSpec {
    /// Upstream `ValidateService` after metadata, in its order.
    fileprivate func validate(clusterIPs: [String]) -> [FieldError] {
        let type = self.type ?? ""
        let headless = clusterIPs == ["None"]
        var errors: [FieldError] = []
        let ports = self.ports ?? []
        if ports.isEmpty && !headless && type != "ExternalName" {
            errors.append(.required("spec.ports"))
        }
        switch type {
        case "LoadBalancer", "NodePort":
            if headless {
                errors.append(.invalid("spec.clusterIPs[0]", GoQuote.quote("None"),
                                       "may not be set to 'None' for \(type) services"))
            }
        case "ExternalName":
            errors += validateExternalName(clusterIPs: clusterIPs)
        default:
            break
        }
        var names: Set<String> = []
        for (index, port) in ports.enumerated() {
            errors += port.validate(requireName: ports.count > 1, names: &names, field: "spec.ports[\(index)]")
        }
        if let selector {
            errors += Validation.validateLabels(selector, field: "spec.selector")
        }
        errors += validateSessionAffinity()
        if type != "ExternalName" {
            errors += validateClusterIPs(clusterIPs)
        }
        for (index, ip) in (externalIPs ?? []).enumerated() {
            errors += FieldRules.validIP(ip, "spec.externalIPs[\(index)]")
        }
        if type.isEmpty {
            errors.append(.required("spec.type"))
        } else if !ServiceObject.serviceTypes.contains(type) {
            errors.append(FieldRules.notSupported("spec.type", type, ServiceObject.serviceTypes))
        }
        errors += validatePortUniqueness(type: type)
        errors += validateLoadBalancerFields(type: type)
        errors += validateTrafficPolicies(type: type)
        return errors
    }

    private func validateExternalName(clusterIPs: [String]) -> [FieldError] {
        var errors: [FieldError] = []
        if !clusterIPs.isEmpty {
            errors.append(.forbidden("spec.clusterIPs", "may not be set for ExternalName services"))
        }
        if let families = ipFamilies, !families.isEmpty {
            errors.append(.forbidden("spec.ipFamilies", "may not be set for ExternalName services"))
        }
        if ipFamilyPolicy != nil {
            errors.append(.forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"))
        }
        var name = externalName ?? ""
        if name.hasSuffix(".") { name.removeLast() }
        if name.isEmpty {
            errors.append(.required("spec.externalName"))
        } else {
            errors += FieldRules.invalid("spec.externalName", name, Validation.isDNS1123Subdomain(name))
        }
        return errors
    }

    private func validateSessionAffinity() -> [FieldError] {
        let affinity = sessionAffinity ?? ""
        var errors: [FieldError] = []
        if affinity.isEmpty {
            errors.append(.required("spec.sessionAffinity"))
        } else if !ServiceObject.sessionAffinities.contains(affinity) {
            errors.append(FieldRules.notSupported("spec.sessionAffinity", affinity, ServiceObject.sessionAffinities))
        }
        let path = "spec.sessionAffinityConfig"
        if affinity == "ClientIP" {
            let reason = "when session affinity type is ClientIP"
            guard let config = sessionAffinityConfig, !config.isNull else { return errors + [.required(path, reason)] }
            guard let clientIP = config["clientIP"], !clientIP.isNull else {
                return errors + [.required("\(path).clientIP", reason)]
            }
            guard let timeout = clientIP["timeoutSeconds"]?.intValue else {
                return errors + [.required("\(path).clientIP.timeoutSeconds", reason)]
            }
            if timeout <= 0 || timeout > 86400 {
                errors.append(.invalid("\(path).clientIP.timeoutSeconds", String(timeout),
                                       "must be greater than 0 and less than 86400"))
            }
        } else if affinity == "None", let config = sessionAffinityConfig, !config.isNull {
            errors.append(.forbidden(path, "must not be set when session affinity is None"))
        }
        return errors
    }

    /// Part of upstream `ValidateServiceClusterIPsRelatedFields`: `clusterIPs[0]` matches `clusterIP`, families
    /// and policy values, and each cluster IP is `None` (first and only) or an IP address.
    private func validateClusterIPs(_ clusterIPs: [String]) -> [FieldError] {
        var errors: [FieldError] = []
        if let ip = clusterIP, !ip.isEmpty, let first = self.clusterIPs?.first, first != ip {
            errors.append(.invalid("spec.clusterIPs", GoRendering.stringSlice(self.clusterIPs),
                                   "first value must match `clusterIP`"))
        }
        var seen: Set<String> = []
        for (index, family) in (ipFamilies ?? []).enumerated() {
            if !ServiceObject.ipFamilies.contains(family) {
                errors.append(FieldRules.notSupported("spec.ipFamilies[\(index)]", family, ServiceObject.ipFamilies))
            }
            if !seen.insert(family).inserted {
                errors.append(.duplicate("spec.ipFamilies[\(index)]", GoQuote.quote(family)))
            }
        }
        if let policy = ipFamilyPolicy, !ServiceObject.ipFamilyPolicies.contains(policy) {
            errors.append(FieldRules.notSupported("spec.ipFamilyPolicy", policy, ServiceObject.ipFamilyPolicies))
        }
        for (index, ip) in clusterIPs.enumerated() {
            if index == 0 && ip == "None" {
                if clusterIPs.count > 1 {
                    errors.append(.invalid("spec.clusterIPs", GoRendering.stringSlice(clusterIPs),
                                           "'None' must be the first and only value"))
                }
                continue
            }
            errors += FieldRules.validIP(ip, "spec.clusterIPs[\(index)]")
        }
        return errors
    }

    /// No node ports on `ClusterIP` services; unique `(protocol, nodePort)` and `(protocol, port)` pairs.
    private func validatePortUniqueness(type: String) -> [FieldError] {
        let ports = self.ports ?? []
        var errors: [FieldError] = []
        if type == "ClusterIP" {
            for (index, port) in ports.enumerated() where (port.nodePort ?? 0) != 0 {
                errors.append(.forbidden("spec.ports[\(index)].nodePort", "may not be used when `type` is 'ClusterIP'"))
            }
        }
        var nodePorts: Set<String> = []
        for (index, port) in ports.enumerated() {
            guard let nodePort = port.nodePort, nodePort != 0 else { continue }
            if !nodePorts.insert("\(port.protocol ?? "")/\(nodePort)").inserted {
                errors.append(.duplicate("spec.ports[\(index)].nodePort", String(nodePort)))
            }
        }
        var keys: Set<String> = []
        for (index, port) in ports.enumerated() where !keys.insert("\(port.protocol ?? "")/\(port.port)").inserted {
            errors.append(.duplicate("spec.ports[\(index)]",
                                     GoRendering.servicePortKey(protocol: port.protocol ?? "", port: port.port)))
        }
        return errors
    }

    private func validateLoadBalancerFields(type: String) -> [FieldError] {
        var errors: [FieldError] = []
        if let ranges = loadBalancerSourceRanges, !ranges.isEmpty {
            let path = "spec.LoadBalancerSourceRanges"
            if type != "LoadBalancer" {
                errors.append(.forbidden(path, "may only be used when `type` is 'LoadBalancer'"))
            }
            for (index, range) in ranges.enumerated() {
                errors += FieldRules.validCIDR(range.trimmingCharacters(in: [" ", "\t"]), "\(path)[\(index)]")
            }
        }
        if allocateLoadBalancerNodePorts != nil && type != "LoadBalancer" {
            errors.append(.forbidden("spec.allocateLoadBalancerNodePorts",
                                     "may only be used when `type` is 'LoadBalancer'"))
        }
        if type == "LoadBalancer" && allocateLoadBalancerNodePorts == nil {
            errors.append(.required("allocateLoadBalancerNodePorts"))
        }
        return errors
    }

    /// `externalTrafficPolicy` only (and then required) for externally reachable services; `healthCheckNodePort`
    /// only for `LoadBalancer` with `Local` policy; `internalTrafficPolicy` required for IP services.
    private func validateTrafficPolicies(type: String) -> [FieldError] {
        var errors: [FieldError] = []
        let external = externalTrafficPolicy ?? ""
        let accessible = type == "NodePort" || type == "LoadBalancer" || (type == "ClusterIP" && !(externalIPs ?? []).isEmpty)
        if !accessible {
            if !external.isEmpty {
                errors.append(.invalid("spec.externalTrafficPolicy", GoQuote.quote(external),
                                       "may only be set for externally-accessible services"))
            }
        } else {
            errors += Container.validateEnum(external, ServiceObject.trafficPolicies, field: "spec.externalTrafficPolicy")
        }
        let healthCheck = healthCheckNodePort ?? 0
        if !(type == "LoadBalancer" && external == "Local") {
            if healthCheck != 0 {
                errors.append(.invalid("spec.healthCheckNodePort", String(healthCheck),
                                       "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"))
            }
        } else if healthCheck != 0 {
            errors += FieldRules.portNumberMessages(Int64(healthCheck))
                .map { .invalid("spec.healthCheckNodePort", String(healthCheck), $0) }
        }
        if let policy = internalTrafficPolicy {
            if !ServiceObject.trafficPolicies.contains(policy) {
                errors.append(FieldRules.notSupported("spec.internalTrafficPolicy", policy, ServiceObject.trafficPolicies))
            }
        } else if ["ClusterIP", "NodePort", "LoadBalancer"].contains(type) {
            errors.append(.required("spec.internalTrafficPolicy"))
        }
        return errors
    }
}
