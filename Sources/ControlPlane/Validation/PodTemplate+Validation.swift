import KubeAPI
import Wire

/// Pod template rules: upstream `ValidatePodTemplateSpec`, plus what the workload controllers (DaemonSet,
/// ReplicaSet, Deployment) add on top: the selector must match the template's labels, `restartPolicy` must be
/// `Always`, and `activeDeadlineSeconds` must be unset.
extension PodTemplateSpec {
    /// Upstream `ValidatePodTemplateSpec`. Note upstream's paths: label and annotation errors are reported on
    /// `<field>.labels` / `<field>.annotations` (e.g. `spec.template.labels`), not under `metadata`.
    func validate(field: String) -> [FieldError] {
        var errors = Validation.validateLabels(metadata.labels, field: "\(field).labels")
        errors += Validation.validateAnnotations(metadata.annotations, field: "\(field).annotations")
        errors += spec.validate(field: "\(field).spec", isPod: false)
        if let ephemeral = spec.ephemeralContainers, !ephemeral.isEmpty {
            errors.append(.forbidden("\(field).spec.ephemeralContainers",
                                     "ephemeral containers not allowed in pod template"))
        }
        return errors
    }

    /// `<field>.metadata.labels: Invalid value: map[string]string{…}: `selector` does not match template `labels``
    /// when `selector` does not select the template's labels.
    func validateSelectorMatches(_ selector: Selector, field: String) -> [FieldError] {
        guard !selector.matches(metadata.labels ?? [:]) else { return [] }
        return [.invalid("\(field).metadata.labels", FieldError.renderMap(metadata.labels),
                         "`selector` does not match template `labels`")]
    }

    /// The controller rules after the template rules: `restartPolicy` must be `Always`
    /// (`<field>.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"`) and
    /// `activeDeadlineSeconds` is forbidden (`… activeDeadlineSeconds in <owner> is not Supported`).
    func validateForController(owner: String, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        let policy = spec.restartPolicy ?? ""
        if policy != "Always" {
            errors.append(FieldRules.notSupported("\(field).spec.restartPolicy", policy, ["Always"]))
        }
        if spec.activeDeadlineSeconds != nil {
            errors.append(.forbidden("\(field).spec.activeDeadlineSeconds",
                                     "activeDeadlineSeconds in \(owner) is not Supported"))
        }
        return errors
    }
}

/// Selector rules shared by the workload kinds.
extension LabelSelector {
    /// No `matchLabels` and no `matchExpressions`: upstream's "empty selector".
    var isEmptySelector: Bool {
        (matchLabels ?? [:]).isEmpty && (matchExpressions ?? []).isEmpty
    }

    /// Equality as upstream's `apiequality.Semantic.DeepEqual` sees it: a missing list or map equals an empty one.
    func semanticallyEquals(_ other: LabelSelector) -> Bool {
        func normalized(_ selector: LabelSelector) -> ([String: String], [LabelSelectorRequirement]) {
            let requirements = (selector.matchExpressions ?? []).map {
                LabelSelectorRequirement(key: $0.key, operator: $0.operator, values: ($0.values ?? []).isEmpty ? nil : $0.values)
            }
            return (selector.matchLabels ?? [:], requirements)
        }
        let (labels, requirements) = normalized(self)
        let (otherLabels, otherRequirements) = normalized(other)
        return labels == otherLabels && requirements == otherRequirements
    }

    /// `spec.selector: Invalid value: v1.LabelSelector{…}: field is immutable` when the selector changed.
    static func validateImmutable(_ new: LabelSelector?, old: LabelSelector?, field: String) -> [FieldError] {
        let changed: Bool
        switch (new, old) {
        case (nil, nil): changed = false
        case let (new?, old?): changed = !new.semanticallyEquals(old)
        default: changed = true
        }
        return FieldRules.immutable(changed: changed, field: field, rendered: GoRendering.labelSelector(new))
    }
}
