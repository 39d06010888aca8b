import KubeAPI
import Wire

/// scheduling.k8s.io/v1 PriorityClass rules: upstream `ValidatePriorityClass` and `ValidatePriorityClassUpdate`.
extension PriorityClass: Validatable {
    static let preemptionPolicies = ["Never", "PreemptLowerPriority"]

    /// Metadata (a DNS-1123 subdomain, cluster-scoped); a `system-` name only for the system's own classes with
    /// their own value and no global default; a user class's value at most 1,000,000,000; a supported
    /// `preemptionPolicy`.
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: false)
        let name = metadata.name ?? ""
        if name.hasPrefix(Self.systemPrefix) {
            if let problem = Self.systemClassProblem(name: name, value: value, globalDefault: globalDefault ?? false) {
                errors.append(.forbidden(
                    "metadata.name",
                    "priority class names with '\(Self.systemPrefix)' prefix are reserved for system use only. error: \(problem)"))
            }
        } else if value > Self.highestUserDefinablePriority {
            errors.append(.forbidden(
                "value", "maximum allowed value of a user defined priority is \(Self.highestUserDefinablePriority)"))
        }
        if let policy = preemptionPolicy {
            errors += Container.validateEnum(policy, Self.preemptionPolicies, field: "preemptionPolicy")
        } else {
            errors.append(.required("preemptionPolicy"))
        }
        return errors
    }

    /// Metadata, plus: `value` and `preemptionPolicy` never change.
    func validateUpdate(old: PriorityClass) -> [FieldError] {
        var errors = metadata.validateUpdate(old: old.metadata)
        if value != old.value { errors.append(.forbidden("value", "may not be changed in an update.")) }
        errors += FieldRules.immutable(
            changed: preemptionPolicy != old.preemptionPolicy, field: "preemptionPolicy",
            rendered: GoQuote.quote(preemptionPolicy ?? ""))
        return errors
    }

    /// Why a `system-` class is not one of the system's (`IsKnownSystemPriorityClass`), nil when it is.
    static func systemClassProblem(name: String, value: Int32, globalDefault: Bool) -> String? {
        guard let known = systemClasses.first(where: { $0.name == name }) else {
            return "\(name) is not a known system priority class"
        }
        if known.value != value { return "value of \(name) PriorityClass must be \(known.value)" }
        if globalDefault { return "globalDefault of \(name) PriorityClass must be false" }
        return nil
    }
}
