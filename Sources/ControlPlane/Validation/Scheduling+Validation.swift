import KubeAPI
import Wire

/// Scheduling rules: tolerations, taint effects and required node affinity (upstream `ValidateTolerations`,
/// `validateTaintEffect`, `ValidateNodeSelector`, `ValidateNodeSelectorRequirement`,
/// `ValidateNodeFieldSelectorRequirement`).
enum SchedulingRules {
    static let taintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"]
    static let tolerationOperators = ["Equal", "Exists"]

    /// Upstream `validateTaintEffect`: `Required value` when empty (unless `allowEmpty`), else one of the three.
    static func validateTaintEffect(_ effect: String, allowEmpty: Bool, field: String) -> [FieldError] {
        if effect.isEmpty {
            return allowEmpty ? [] : [.required(field)]
        }
        return taintEffects.contains(effect) ? [] : [FieldRules.notSupported(field, effect, taintEffects)]
    }

    /// Upstream `ValidateTolerations`, per toleration in order: key, empty key needs `Exists`, `tolerationSeconds`
    /// needs `NoExecute`, operator and value, effect. Note that upstream reports a bad value on the `operator` path
    /// and shows the value, not the operator:
    /// `spec.tolerations[0].operator: Invalid value: "x": value must be empty when `operator` is 'Exists'`.
    static func validateTolerations(_ tolerations: [Toleration], field: String) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, toleration) in tolerations.enumerated() {
            let path = "\(field)[\(index)]"
            let key = toleration.key ?? ""
            let op = toleration.operator ?? ""
            let value = toleration.value ?? ""
            let effect = toleration.effect ?? ""
            if !key.isEmpty {
                errors += Validation.validateLabelName(key, field: "\(path).key")
            }
            if key.isEmpty && op != "Exists" {
                errors.append(.invalid("\(path).operator", GoQuote.quote(op),
                                       "operator must be Exists when `key` is empty, which means \"match all values and all keys\""))
            }
            if toleration.tolerationSeconds != nil && effect != "NoExecute" {
                errors.append(.invalid("\(path).effect", GoQuote.quote(effect),
                                       "effect must be 'NoExecute' when `tolerationSeconds` is set"))
            }
            switch op {
            case "Equal", "":
                let messages = Validation.isValidLabelValue(value)
                if !messages.isEmpty {
                    errors.append(.invalid("\(path).operator", GoQuote.quote(value), messages.joined(separator: ";")))
                }
            case "Exists":
                if !value.isEmpty {
                    errors.append(.invalid("\(path).operator", GoQuote.quote(value),
                                           "value must be empty when `operator` is 'Exists'"))
                }
            default:
                errors.append(FieldRules.notSupported("\(path).operator", op, tolerationOperators))
            }
            errors += validateTaintEffect(effect, allowEmpty: true, field: "\(path).effect")
        }
        return errors
    }

    /// Upstream `validateNodeAffinity` for the typed part: the required node selector.
    static func validateAffinity(_ affinity: Affinity?, field: String) -> [FieldError] {
        guard let required = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution else { return [] }
        return validateNodeSelector(required,
                                    field: "\(field).nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution")
    }

    /// Upstream `ValidateNodeSelector`: at least one term; each term's expressions and fields.
    static func validateNodeSelector(_ selector: NodeSelector, field: String) -> [FieldError] {
        let termsPath = "\(field).nodeSelectorTerms"
        guard !selector.nodeSelectorTerms.isEmpty else {
            return [.required(termsPath, "must have at least one node selector term")]
        }
        var errors: [FieldError] = []
        for (index, term) in selector.nodeSelectorTerms.enumerated() {
            let termPath = "\(termsPath)[\(index)]"
            for (position, requirement) in (term.matchExpressions ?? []).enumerated() {
                errors += validateNodeSelectorRequirement(requirement, field: "\(termPath).matchExpressions[\(position)]")
            }
            for (position, requirement) in (term.matchFields ?? []).enumerated() {
                errors += validateNodeFieldSelectorRequirement(requirement, field: "\(termPath).matchFields[\(position)]")
            }
        }
        return errors
    }

    /// Upstream `ValidateNodeSelectorRequirement`: value counts per operator (`In`/`NotIn` need values,
    /// `Exists`/`DoesNotExist` take none, `Gt`/`Lt` take exactly one), the key, and each value as a label value.
    static func validateNodeSelectorRequirement(_ requirement: NodeSelectorRequirement, field: String) -> [FieldError] {
        Validation.validateSelectorRequirement(
            operator: requirement.operator, values: requirement.values ?? [], key: requirement.key, field: field,
            comparisons: true)
    }

    /// Upstream `ValidateNodeFieldSelectorRequirement`: only `metadata.name`, with `In`/`NotIn` and one value.
    static func validateNodeFieldSelectorRequirement(_ requirement: NodeSelectorRequirement,
                                                     field: String) -> [FieldError] {
        var errors: [FieldError] = []
        let values = requirement.values ?? []
        switch requirement.operator {
        case "In", "NotIn":
            if values.count != 1 {
                errors.append(.required("\(field).values",
                                        "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"))
            }
        default:
            errors.append(.invalid("\(field).operator", GoQuote.quote(requirement.operator),
                                   "not a valid selector operator"))
        }
        if requirement.key != "metadata.name" {
            errors.append(.invalid("\(field).key", GoQuote.quote(requirement.key), "not a valid field selector key"))
        } else {
            for (index, value) in values.enumerated() {
                errors += FieldRules.invalid("\(field).values[\(index)]", value,
                                             Validation.nameIsDNSSubdomain(value, prefix: false))
            }
        }
        return errors
    }
}
