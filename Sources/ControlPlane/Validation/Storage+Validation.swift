import KubeAPI
import Wire

/// storage.k8s.io/v1 StorageClass rules: upstream `ValidateStorageClass` and `ValidateStorageClassUpdate`.
extension StorageClass: Validatable {
    static let reclaimPolicies = ["Delete", "Retain"]
    static let volumeBindingModes = ["Immediate", "WaitForFirstConsumer"]
    /// Upstream `maxProvisionerParameterLen` and `maxProvisionerParameterSize`.
    static let maxParameters = 512
    static let maxParameterBytes = 256 * 1024

    /// Metadata (cluster-scoped, DNS-1123 subdomain name), the provisioner (required, a qualified name), the
    /// parameters (at most 512, 256 KiB in all, no empty key), the reclaim policy and binding mode, and the allowed
    /// topologies.
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: false)
        if provisioner.isEmpty {
            errors.append(.required("provisioner"))
        } else {
            errors += FieldRules.invalid("provisioner", provisioner, Validation.isQualifiedName(provisioner.lowercased()))
        }
        errors += Self.validateParameters(parameters, field: "parameters")
        if let reclaimPolicy, !reclaimPolicy.isEmpty, !Self.reclaimPolicies.contains(reclaimPolicy) {
            errors.append(FieldRules.notSupported("reclaimPolicy", reclaimPolicy, Self.reclaimPolicies))
        }
        if let volumeBindingMode {
            if !Self.volumeBindingModes.contains(volumeBindingMode) {
                errors.append(FieldRules.notSupported("volumeBindingMode", volumeBindingMode, Self.volumeBindingModes))
            }
        } else {
            errors.append(.required("volumeBindingMode"))
        }
        errors += validateAllowedTopologies()
        return errors
    }

    /// The metadata update rules, the create rules, then what may not change: `parameters`, `provisioner`,
    /// `reclaimPolicy` (`Forbidden: updates to … are forbidden.`) and `volumeBindingMode` (`field is immutable`).
    func validateUpdate(old: StorageClass) -> [FieldError] {
        var errors = metadata.validateUpdate(old: old.metadata) + validateCreate()
        if (parameters ?? [:]) != (old.parameters ?? [:]) {
            errors.append(.forbidden("parameters", "updates to parameters are forbidden."))
        }
        if provisioner != old.provisioner {
            errors.append(.forbidden("provisioner", "updates to provisioner are forbidden."))
        }
        if (reclaimPolicy ?? "") != (old.reclaimPolicy ?? "") {
            errors.append(.forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."))
        }
        errors += FieldRules.immutable(
            changed: volumeBindingMode != old.volumeBindingMode, field: "volumeBindingMode",
            rendered: volumeBindingMode.map(GoQuote.quote) ?? GoRendering.null)
        return errors
    }

    /// Upstream `validateParameters`.
    static func validateParameters(_ parameters: [String: String]?, field: String) -> [FieldError] {
        let parameters = parameters ?? [:]
        if parameters.count > maxParameters {
            return [.tooLong(field, "may not be more than \(maxParameters) bytes")]
        }
        var errors: [FieldError] = []
        var size = 0
        for (key, value) in parameters.sorted(by: { $0.key < $1.key }) {
            if key.isEmpty { errors.append(.invalid(field, GoQuote.quote(key), "field can not be empty.")) }
            size += key.utf8.count + value.utf8.count
        }
        if size > maxParameterBytes {
            errors.append(.tooLong(field, "may not be more than \(maxParameterBytes) bytes"))
        }
        return errors
    }

    /// Upstream `validateAllowedTopologies` over `ValidateTopologySelectorTerm`: each term has at least one
    /// expression, each a qualified key with at least one value, a key at most once per term, no two equal terms.
    private func validateAllowedTopologies() -> [FieldError] {
        var errors: [FieldError] = []
        var seen: [[String: Set<String>]] = []
        for (index, term) in (allowedTopologies ?? []).enumerated() {
            let field = "allowedTopologies[\(index)]"
            let expressions = term.matchLabelExpressions ?? []
            if expressions.isEmpty {
                errors.append(.required("\(field).matchLabelExpressions", "must have at least one label expression"))
            }
            var map: [String: Set<String>] = [:]
            for (position, requirement) in expressions.enumerated() {
                let path = "\(field).matchLabelExpressions[\(position)]"
                errors += Validation.validateLabelName(requirement.key, field: "\(path).key")
                if requirement.values.isEmpty {
                    errors.append(.required("\(path).values", "must specify as least one value"))
                }
                for (valueIndex, value) in requirement.values.enumerated() {
                    errors += FieldRules.invalid(
                        "\(path).values[\(valueIndex)]", value, Validation.isValidLabelValue(value))
                }
                if map[requirement.key] != nil {
                    errors.append(.duplicate("\(path).key", GoQuote.quote(requirement.key)))
                }
                map[requirement.key] = Set(requirement.values)
            }
            if seen.contains(map) { errors.append(.duplicate("\(field).matchLabelExpressions", "\"\"")) }
            seen.append(map)
        }
        return errors
    }
}

/// storage.k8s.io/v1 CSIDriver rules: upstream `ValidateCSIDriver` and `ValidateCSIDriverUpdate`.
extension CSIDriver: Validatable {
    static let fsGroupPolicies = ["File", "None", "ReadWriteOnceWithFSType"]
    static let lifecycleModes = ["Persistent", "Ephemeral"]

    /// Metadata (cluster-scoped, DNS-1123 subdomain name), then the spec: the defaulted flags are required (upstream
    /// names `attachRequired` `spec.attachedRequired`), a supported `fsGroupPolicy`, token requests with distinct
    /// audiences and 10 minutes to 2^32 seconds of expiry, supported lifecycle modes.
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: false)
        if spec.attachRequired == nil { errors.append(.required("spec.attachedRequired")) }
        if spec.podInfoOnMount == nil { errors.append(.required("spec.podInfoOnMount")) }
        if spec.storageCapacity == nil { errors.append(.required("spec.storageCapacity")) }
        if let policy = spec.fsGroupPolicy, !Self.fsGroupPolicies.contains(policy) {
            errors.append(FieldRules.notSupported("spec.fsGroupPolicy", policy, Self.fsGroupPolicies))
        }
        var audiences: Set<String> = []
        for (index, request) in (spec.tokenRequests ?? []).enumerated() {
            let field = "spec.tokenRequests[\(index)]"
            guard audiences.insert(request.audience).inserted else {
                errors.append(.duplicate("\(field).audience", GoQuote.quote(request.audience)))
                continue
            }
            guard let seconds = request.expirationSeconds else { continue }
            if seconds < 600 {
                errors.append(.invalid("\(field).expirationSeconds", String(seconds),
                                       "may not specify a duration less than 10 minutes"))
            }
            if seconds > 1 << 32 {
                errors.append(.invalid("\(field).expirationSeconds", String(seconds),
                                       "may not specify a duration larger than 2^32 seconds"))
            }
        }
        for mode in spec.volumeLifecycleModes ?? [] where !Self.lifecycleModes.contains(mode) {
            errors.append(FieldRules.notSupported("spec.volumeLifecycleModes", mode, Self.lifecycleModes))
        }
        if spec.seLinuxMount == nil { errors.append(.required("spec.seLinuxMount")) }
        return errors
    }

    /// The metadata update rules, the spec rules, then what may not change: `attachRequired` (upstream's path
    /// `spec.attachedRequired`) and `volumeLifecycleModes`.
    func validateUpdate(old: CSIDriver) -> [FieldError] {
        var errors = metadata.validateUpdate(old: old.metadata) + validateCreate()
        errors += FieldRules.immutable(
            changed: spec.attachRequired != old.spec.attachRequired, field: "spec.attachedRequired",
            rendered: spec.attachRequired.map { String($0) } ?? GoRendering.null)
        errors += FieldRules.immutable(
            changed: (spec.volumeLifecycleModes ?? []) != (old.spec.volumeLifecycleModes ?? []),
            field: "spec.volumeLifecycleModes", rendered: Self.renderModes(spec.volumeLifecycleModes))
        return errors
    }

    /// `[]storage.VolumeLifecycleMode{"Persistent"}`, as Go's `%#v` prints the internal type.
    static func renderModes(_ modes: [String]?) -> String {
        guard let modes else { return "[]storage.VolumeLifecycleMode(nil)" }
        return "[]storage.VolumeLifecycleMode{" + modes.map(GoQuote.quote).joined(separator: ", ") + "}"
    }
}
