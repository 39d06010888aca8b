/// Validation of the API form of a label selector (`spec.selector`), as upstream
/// `metav1validation.ValidateLabelSelector` with default options (values are validated as label values).
extension Validation {
    /// The `matchExpressions[].operator` spellings the API accepts.
    public static let labelSelectorOperators = ["In", "NotIn", "Exists", "DoesNotExist"]

    /// Validates a selector; `nil` is valid here (callers that require a selector check that themselves).
    ///
    /// - `matchLabels` are checked as labels on `<field>.matchLabels`.
    /// - Each `matchExpressions[i]`: operator rules on `.values` / `.operator`, the key on `.key`,
    ///   and each value on `.values[j]`.
    public static func validateLabelSelector(_ selector: LabelSelector?, field: String) -> [FieldError] {
        guard let selector else { return [] }
        var errors = validateLabels(selector.matchLabels, field: "\(field).matchLabels")
        for (index, requirement) in (selector.matchExpressions ?? []).enumerated() {
            errors += validateLabelSelectorRequirement(requirement, field: "\(field).matchExpressions[\(index)]")
        }
        return errors
    }

    /// Upstream `ValidateLabelSelectorRequirement`.
    public static func validateLabelSelectorRequirement(_ requirement: LabelSelectorRequirement,
                                                        field: String) -> [FieldError] {
        validateSelectorRequirement(
            operator: requirement.operator, values: requirement.values ?? [], key: requirement.key, field: field,
            comparisons: false)
    }

    /// What upstream's `ValidateLabelSelectorRequirement` and `ValidateNodeSelectorRequirement` both check (the
    /// same rules and messages, written once): the values each operator takes (`In`/`NotIn` need some,
    /// `Exists`/`DoesNotExist` take none; with `comparisons`, the node form's `Gt`/`Lt` take exactly one), the
    /// operator itself, the key as a label name and each value as a label value.
    public static func validateSelectorRequirement(
        operator: String, values: [String], key: String, field: String, comparisons: Bool
    ) -> [FieldError] {
        var errors: [FieldError] = []
        switch `operator` {
        case "In", "NotIn":
            if values.isEmpty {
                errors.append(.required("\(field).values", "must be specified when `operator` is 'In' or 'NotIn'"))
            }
        case "Exists", "DoesNotExist":
            if !values.isEmpty {
                errors.append(.forbidden("\(field).values",
                                         "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
            }
        case "Gt" where comparisons, "Lt" where comparisons:
            if values.count != 1 {
                errors.append(.required("\(field).values",
                                        "must be specified single value when `operator` is 'Lt' or 'Gt'"))
            }
        default:
            errors.append(.invalid("\(field).operator", GoQuote.quote(`operator`), "not a valid selector operator"))
        }
        errors += validateLabelName(key, field: "\(field).key")
        for (index, value) in values.enumerated() {
            errors += isValidLabelValue(value).map { .invalid("\(field).values[\(index)]", GoQuote.quote(value), $0) }
        }
        return errors
    }
}
