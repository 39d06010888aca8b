import KubeAPI
import Wire

/// Upstream `ValidatePodSpec`, for pods and pod templates, on a defaulted spec. Rules for the parts carried as JSON
/// (security contexts, DNS config, topology spread, resources, probes) are not applied.
extension PodSpec {
    static let restartPolicies = ["Always", "OnFailure", "Never"]
    static let dnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]
    static let preemptionPolicies = ["PreemptLowerPriority", "Never"]

    /// The spec rules in upstream order. `isPod` is upstream's `ResourceIsPod` (a pod, not a template): with
    /// `hostNetwork`, a pod's host ports must equal its container ports, while a template may leave them unset.
    func validate(field: String, isPod: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        if terminationGracePeriodSeconds == nil {
            errors.append(.required("\(field).terminationGracePeriodSeconds"))
        }
        let (volumeNames, volumeErrors) = validateVolumes(field: "\(field).volumes")
        errors += volumeErrors
        errors += Container.validateContainers(containers, volumes: volumeNames, field: "\(field).containers")
        errors += Container.validateInitContainers(initContainers ?? [], regular: containers, volumes: volumeNames,
                                                   field: "\(field).initContainers")
        errors += validateHostNetworkPorts(field: field, isPod: isPod)
        errors += Container.validateEnum(restartPolicy, Self.restartPolicies, field: "\(field).restartPolicy")
        errors += Container.validateEnum(dnsPolicy, Self.dnsPolicies, field: "\(field).dnsPolicy")
        errors += Validation.validateLabels(nodeSelector, field: "\(field).nodeSelector")
        errors += SchedulingRules.validateAffinity(affinity, field: "\(field).affinity")
        for (index, gate) in (readinessGates ?? []).enumerated() {
            errors += FieldRules.invalid("\(field).readinessGates[\(index)].conditionType", gate.conditionType,
                                         Validation.isQualifiedName(gate.conditionType))
        }
        errors += Self.subdomain(serviceAccountName, field: "\(field).serviceAccountName")
        errors += Self.subdomain(nodeName, field: "\(field).nodeName")
        if let deadline = activeDeadlineSeconds, deadline < 1 || deadline > FieldRules.maxInt32 {
            errors.append(.invalid("\(field).activeDeadlineSeconds", String(deadline),
                                   FieldRules.inclusiveRangeError(1, FieldRules.maxInt32)))
        }
        if let hostname, !hostname.isEmpty {
            errors += FieldRules.invalid("\(field).hostname", hostname, Validation.isDNS1123Label(hostname))
        }
        if let subdomain, !subdomain.isEmpty {
            errors += FieldRules.invalid("\(field).subdomain", subdomain, Validation.isDNS1123Label(subdomain))
        }
        if let tolerations, !tolerations.isEmpty {
            errors += SchedulingRules.validateTolerations(tolerations, field: "\(field).tolerations")
        }
        errors += Self.subdomain(priorityClassName, field: "\(field).priorityClassName")
        if let runtimeClassName {
            errors += FieldRules.invalid("\(field).runtimeClassName", runtimeClassName,
                                         Validation.nameIsDNSSubdomain(runtimeClassName, prefix: false))
        }
        if let preemptionPolicy {
            errors += Container.validateEnum(preemptionPolicy, Self.preemptionPolicies,
                                             field: "\(field).preemptionPolicy")
        }
        return errors
    }

    /// A non-empty name that must be a DNS-1123 subdomain.
    private static func subdomain(_ value: String?, field: String) -> [FieldError] {
        guard let value, !value.isEmpty else { return [] }
        return FieldRules.invalid(field, value, Validation.nameIsDNSSubdomain(value, prefix: false))
    }

    /// Upstream `ValidateVolumes`, for the parts this emulator reads: each volume needs a source, a DNS-1123 label
    /// name, unique. Returns the names of the valid volumes (what mounts may refer to) and the errors.
    private func validateVolumes(field: String) -> (Set<String>, [FieldError]) {
        var names: Set<String> = []
        var errors: [FieldError] = []
        for (index, volume) in (volumes ?? []).enumerated() {
            let path = "\(field)[\(index)]"
            let object = volume.objectValue ?? [:]
            let name = object["name"]?.stringValue ?? ""
            var volumeErrors: [FieldError] = []
            if !object.contains(where: { $0.key != "name" && !$0.value.isNull }) {
                volumeErrors.append(.required(path, "must specify a volume type"))
            }
            if name.isEmpty {
                volumeErrors.append(.required("\(path).name"))
            } else {
                volumeErrors += FieldRules.invalid("\(path).name", name, Validation.isDNS1123Label(name))
            }
            if names.contains(name) {
                volumeErrors.append(.duplicate("\(path).name", GoQuote.quote(name)))
            }
            if volumeErrors.isEmpty {
                names.insert(name)
            }
            errors += volumeErrors
        }
        return (names, errors)
    }

    /// Upstream `validatePodHostNetworkDeps`.
    private func validateHostNetworkPorts(field: String, isPod: Bool) -> [FieldError] {
        guard hostNetwork == true else { return [] }
        var errors: [FieldError] = []
        for (index, container) in containers.enumerated() {
            for (portIndex, port) in (container.ports ?? []).enumerated() {
                let hostPort = port.hostPort ?? 0
                if (isPod || hostPort != 0) && hostPort != port.containerPort {
                    errors.append(.invalid("\(field).containers[\(index)].ports[\(portIndex)].hostPort",
                                           String(hostPort), "must match `containerPort` when `hostNetwork` is true"))
                }
            }
        }
        return errors
    }
}
