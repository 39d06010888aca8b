import KubeAPI
import Wire

/// core/v1 Node rules and texts: upstream `ValidateNode` and `ValidateNodeUpdate`.
extension Node: Validatable {
    /// Metadata (cluster-scoped, DNS-1123 subdomain name), taints, pod CIDRs.
    ///
    /// Taint errors are reported under `metadata.taints[i]`: upstream builds their path from `metadata`, and that
    /// is what Kubernetes prints (`metadata.taints[0].effect: Unsupported value: …`).
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: false)
        if let taints = spec.taints, !taints.isEmpty {
            errors += Self.validateTaints(taints, field: "metadata.taints")
        }
        let cidrs = podCIDRs
        for (index, cidr) in cidrs.enumerated() {
            errors += FieldRules.validCIDR(cidr, "spec.podCIDRs[\(index)]")
        }
        if cidrs.count > 1 {
            let families = Set(cidrs.compactMap { $0.split(separator: "/").first.flatMap { IPAddressLiteral.bytes(String($0))?.count } })
            if families.count != cidrs.count || cidrs.count > 2 {
                errors.append(.invalid("spec.podCIDRs", GoRendering.stringSlice(cidrs),
                                       "may specify no more than one CIDR for each IP family"))
            }
            var seen: Set<String> = []
            for (index, cidr) in cidrs.enumerated() where !seen.insert(cidr).inserted {
                errors.append(.duplicate("spec.podCIDRs[\(index)]", GoQuote.quote(cidr)))
            }
        }
        return errors
    }

    /// The metadata update rules, the create rules, then the update restrictions: pod CIDRs and the provider ID
    /// may only go from unset to set.
    func validateUpdate(old: Node) -> [FieldError] {
        var errors = metadata.validateUpdate(old: old.metadata) + validateCreate()
        let oldCIDRs = old.podCIDRs
        if !oldCIDRs.isEmpty && oldCIDRs != podCIDRs {
            errors.append(.forbidden("spec.podCIDRs", "node updates may not change podCIDR except from \"\" to valid"))
        }
        let oldProvider = old.spec.providerID ?? ""
        if !oldProvider.isEmpty && oldProvider != (spec.providerID ?? "") {
            errors.append(.forbidden("spec.providerID", "node updates may not change providerID except from \"\" to valid"))
        }
        return errors
    }

    /// `spec.podCIDRs`, or `[spec.podCIDR]` when only the singular field is set (as the v1 conversion does).
    var podCIDRs: [String] {
        if let cidrs = spec.podCIDRs, !cidrs.isEmpty { return cidrs }
        if let cidr = spec.podCIDR, !cidr.isEmpty { return [cidr] }
        return []
    }

    /// Upstream `validateNodeTaints`: key (qualified name), value (label value), effect (required), and unique
    /// `(key, effect)` pairs.
    static func validateTaints(_ taints: [Taint], field: String) -> [FieldError] {
        var errors: [FieldError] = []
        var seen: Set<String> = []
        for (index, taint) in taints.enumerated() {
            let path = "\(field)[\(index)]"
            errors += Validation.validateLabelName(taint.key, field: "\(path).key")
            let value = taint.value ?? ""
            let messages = Validation.isValidLabelValue(value)
            if !messages.isEmpty {
                errors.append(.invalid("\(path).value", GoQuote.quote(value), messages.joined(separator: ";")))
            }
            errors += SchedulingRules.validateTaintEffect(taint.effect, allowEmpty: false, field: "\(path).effect")
            if !seen.insert("\(taint.effect)\u{0}\(taint.key)").inserted {
                errors.append(FieldError(type: .duplicate, field: path, renderedValue: GoRendering.taint(taint),
                                         detail: "taints must be unique by key and effect pair"))
            }
        }
        return errors
    }
}
