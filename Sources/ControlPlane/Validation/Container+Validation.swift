import KubeAPI
import Wire

/// Container rules of a pod spec: upstream `validateContainers`, `validateInitContainers`,
/// `validateContainerCommon`, `validateContainerPorts`, `ValidateEnv`, `ValidateVolumeMounts` and
/// `checkHostPortConflicts`. Probes, lifecycle hooks, resources and security contexts are carried as sent and
/// not validated here.
extension Container {
    static let terminationMessagePolicies = ["File", "FallbackToLogsOnError"]
    static let pullPolicies = ["Always", "IfNotPresent", "Never"]
    static let portProtocols = ["SCTP", "TCP", "UDP"]

    /// Upstream `validateContainers`: `<field>: Required value` for an empty list; per container the common rules,
    /// `Duplicate value` names and a forbidden `restartPolicy`; then host-port conflicts across the list.
    static func validateContainers(_ containers: [Container], volumes: Set<String>, field: String) -> [FieldError] {
        guard !containers.isEmpty else { return [.required(field)] }
        var errors: [FieldError] = []
        var names: Set<String> = []
        for (index, container) in containers.enumerated() {
            let path = "\(field)[\(index)]"
            errors += container.validateCommon(volumes: volumes, field: path)
            if !names.insert(container.name).inserted {
                errors.append(.duplicate("\(path).name", GoQuote.quote(container.name)))
            }
            if container.restartPolicy != nil {
                errors.append(.forbidden("\(path).restartPolicy", "may not be set for non-init containers"))
            }
        }
        return errors + hostPortConflicts(containers, field: field)
    }

    /// Upstream `validateInitContainers`: the common rules, `restartPolicy` only `Always`, names unique across
    /// regular and init containers, host ports per container, and no probes or lifecycle hooks unless the init
    /// container is a sidecar (`restartPolicy: Always`).
    static func validateInitContainers(_ containers: [Container], regular: [Container], volumes: Set<String>,
                                       field: String) -> [FieldError] {
        var errors: [FieldError] = []
        var names = Set(regular.map(\.name))
        for (index, container) in containers.enumerated() {
            let path = "\(field)[\(index)]"
            errors += container.validateCommon(volumes: volumes, field: path)
            var sidecar = false
            if let policy = container.restartPolicy {
                if policy != "Always" {
                    errors.append(FieldRules.notSupported("\(path).restartPolicy", policy, ["Always"]))
                }
                sidecar = policy == "Always"
            }
            if names.contains(container.name) {
                errors.append(.duplicate("\(path).name", GoQuote.quote(container.name)))
            } else if !container.name.isEmpty {
                names.insert(container.name)
            }
            errors += hostPortConflicts([container], field: field)
            if !sidecar {
                let message = "may not be set for init containers without restartPolicy=Always"
                let unsupported: [(String, Bool)] = [
                    ("lifecycle", container.lifecycle != nil), ("livenessProbe", container.livenessProbe != nil),
                    ("readinessProbe", container.readinessProbe != nil), ("startupProbe", container.startupProbe != nil),
                ]
                for (name, isSet) in unsupported where isSet {
                    errors.append(.forbidden("\(path).\(name)", message))
                }
            }
        }
        return errors
    }

    /// Upstream `AccumulateUniqueHostPorts`: `<field>[i].ports[j].hostPort: Duplicate value: "TCP//80"`.
    static func hostPortConflicts(_ containers: [Container], field: String) -> [FieldError] {
        var errors: [FieldError] = []
        var seen: Set<String> = []
        for (index, container) in containers.enumerated() {
            for (portIndex, port) in (container.ports ?? []).enumerated() {
                guard let hostPort = port.hostPort, hostPort != 0 else { continue }
                let key = "\(port.protocol ?? "")/\(port.hostIP ?? "")/\(hostPort)"
                if !seen.insert(key).inserted {
                    errors.append(.duplicate("\(field)[\(index)].ports[\(portIndex)].hostPort", GoQuote.quote(key)))
                }
            }
        }
        return errors
    }

    /// Upstream `validateContainerCommon`: name, image, termination message policy, ports, env, volume mounts and
    /// image pull policy, in that order.
    func validateCommon(volumes: Set<String>, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if name.isEmpty {
            errors.append(.required("\(field).name"))
        } else {
            errors += FieldRules.invalid("\(field).name", name, Validation.isDNS1123Label(name))
        }
        if (image ?? "").isEmpty {
            errors.append(.required("\(field).image"))
        }
        errors += Self.validateEnum(terminationMessagePolicy, Self.terminationMessagePolicies,
                                    field: "\(field).terminationMessagePolicy")
        errors += validatePorts(field: "\(field).ports")
        errors += validateEnv(field: "\(field).env")
        errors += validateVolumeMounts(volumes: volumes, field: "\(field).volumeMounts")
        errors += Self.validateEnum(imagePullPolicy, Self.pullPolicies, field: "\(field).imagePullPolicy")
        return errors
    }

    /// `Required value` when empty, `Unsupported value` when not one of `supported`.
    static func validateEnum(_ value: String?, _ supported: [String], field: String) -> [FieldError] {
        let value = value ?? ""
        if value.isEmpty { return [.required(field)] }
        return supported.contains(value) ? [] : [FieldRules.notSupported(field, value, supported)]
    }

    /// Upstream `validateContainerPorts`.
    private func validatePorts(field: String) -> [FieldError] {
        var errors: [FieldError] = []
        var names: Set<String> = []
        for (index, port) in (ports ?? []).enumerated() {
            let path = "\(field)[\(index)]"
            if let name = port.name, !name.isEmpty {
                let messages = FieldRules.portNameMessages(name)
                if !messages.isEmpty {
                    errors += FieldRules.invalid("\(path).name", name, messages)
                } else if !names.insert(name).inserted {
                    errors.append(.duplicate("\(path).name", GoQuote.quote(name)))
                }
            }
            if port.containerPort == 0 {
                errors.append(.required("\(path).containerPort"))
            } else {
                errors += FieldRules.portNumberMessages(Int64(port.containerPort))
                    .map { .invalid("\(path).containerPort", String(port.containerPort), $0) }
            }
            if let hostPort = port.hostPort, hostPort != 0 {
                errors += FieldRules.portNumberMessages(Int64(hostPort))
                    .map { .invalid("\(path).hostPort", String(hostPort), $0) }
            }
            errors += Self.validateEnum(port.protocol, Self.portProtocols, field: "\(path).protocol")
        }
        return errors
    }

    /// Upstream `ValidateEnv` (names only; `valueFrom` is carried as sent).
    private func validateEnv(field: String) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, variable) in (env ?? []).enumerated() {
            let path = "\(field)[\(index)].name"
            if variable.name.isEmpty {
                errors.append(.required(path))
            } else {
                errors += FieldRules.invalid(path, variable.name, FieldRules.envVarNameMessages(variable.name))
            }
        }
        return errors
    }

    /// Upstream `ValidateVolumeMounts`: a name that names a volume of the pod, a mount path, unique mount paths.
    private func validateVolumeMounts(volumes: Set<String>, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        var mountPoints: Set<String> = []
        for (index, mount) in (volumeMounts ?? []).enumerated() {
            let path = "\(field)[\(index)]"
            if mount.name.isEmpty {
                errors.append(.required("\(path).name"))
            }
            if !volumes.contains(mount.name) {
                errors.append(FieldRules.notFound("\(path).name", GoQuote.quote(mount.name)))
            }
            if mount.mountPath.isEmpty {
                errors.append(.required("\(path).mountPath"))
            }
            if !mountPoints.insert(mount.mountPath).inserted {
                errors.append(.invalid("\(path).mountPath", GoQuote.quote(mount.mountPath), "must be unique"))
            }
        }
        return errors
    }
}
