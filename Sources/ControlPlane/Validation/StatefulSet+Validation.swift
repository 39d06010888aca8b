import KubeAPI
import Wire

/// apps/v1 StatefulSet rules and texts: upstream `ValidateStatefulSet`, `ValidateStatefulSetSpec`,
/// `validateRollingUpdateStatefulSet`, `ValidatePersistentVolumeClaimRetentionPolicy`,
/// `ValidatePodTemplateSpecForStatefulSet` and `ValidateStatefulSetUpdate`.
extension StatefulSet: Validatable {
    static let podManagementPolicies = ["OrderedReady", "Parallel"]
    static let retentionPolicies = ["Retain", "Delete"]

    /// The metadata rules (the name must be a DNS-1123 label: it prefixes the pods' names), then the spec rules.
    func validateCreate() -> [FieldError] {
        metadata.validate(namespaced: true, namer: { Validation.nameIsDNSLabel($0, prefix: $1) })
            + spec.validate(field: "spec")
    }

    /// The metadata update rules, the spec rules, then `spec: Forbidden: updates to statefulset spec for fields other
    /// than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and
    /// 'minReadySeconds' are forbidden` when anything else in the spec changed.
    func validateUpdate(old: StatefulSet) -> [FieldError] {
        var errors = metadata.validateUpdate(old: old.metadata) + spec.validate(field: "spec")
        var unchanged = spec
        unchanged.replicas = old.spec.replicas
        unchanged.template = old.spec.template
        unchanged.updateStrategy = old.spec.updateStrategy
        unchanged.minReadySeconds = old.spec.minReadySeconds
        unchanged.ordinals = old.spec.ordinals
        unchanged.persistentVolumeClaimRetentionPolicy = old.spec.persistentVolumeClaimRetentionPolicy
        if !unchanged.semanticallyEquals(old.spec) {
            errors.append(.forbidden(
                "spec",
                "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
                    + "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"))
        }
        return errors
    }
}

extension StatefulSetSpec {
    /// Upstream `ValidateStatefulSetSpec`, in its order: `podManagementPolicy`, `updateStrategy`, the claim retention
    /// policy, `replicas`, `minReadySeconds`, `ordinals.start`, the selector (required, valid, not empty), the
    /// template (selector match, labels, annotations: upstream does not validate the pod spec of a StatefulSet's
    /// template), `restartPolicy: Always`, no `activeDeadlineSeconds`.
    func validate(field: String) -> [FieldError] {
        var errors: [FieldError] = []
        switch podManagementPolicy ?? "" {
        case "":
            errors.append(.required("\(field).podManagementPolicy"))
        case "OrderedReady", "Parallel":
            break
        case let policy:
            errors.append(.invalid("\(field).podManagementPolicy", GoQuote.quote(policy),
                                   "must be 'OrderedReady' or 'Parallel'"))
        }
        errors += updateStrategy.validate(field: "\(field).updateStrategy")
        if let policy = persistentVolumeClaimRetentionPolicy {
            let path = "\(field).persistentVolumeClaimRetentionPolicy"
            for (name, value) in [("whenDeleted", policy.whenDeleted), ("whenScaled", policy.whenScaled)]
            where !StatefulSet.retentionPolicies.contains(value ?? "") {
                errors.append(FieldRules.notSupported("\(path).\(name)", value ?? "", StatefulSet.retentionPolicies))
            }
        }
        errors += FieldRules.nonNegative(Int64(replicas ?? 0), "\(field).replicas")
        errors += FieldRules.nonNegative(Int64(minReadySeconds ?? 0), "\(field).minReadySeconds")
        if let ordinals {
            errors += FieldRules.nonNegative(Int64(ordinals.start), "\(field).ordinals.start")
        }
        let selectorPath = "\(field).selector"
        if let selector {
            errors += Validation.validateLabelSelector(selector, field: selectorPath)
            if selector.isEmptySelector {
                errors.append(.invalid(selectorPath, GoRendering.labelSelector(selector),
                                       "empty selector is invalid for statefulset"))
            }
        } else {
            errors.append(.required(selectorPath))
        }
        if let converted = try? selector.selector() {
            let templatePath = "\(field).template"
            if !converted.isEmpty {
                errors += template.validateSelectorMatches(converted, field: templatePath)
            }
            errors += Validation.validateLabels(template.metadata.labels, field: "\(templatePath).labels")
            errors += Validation.validateAnnotations(
                template.metadata.annotations, field: "\(templatePath).annotations")
        } else {
            errors.append(.invalid(selectorPath, GoRendering.labelSelector(selector), ""))
        }
        let policy = template.spec.restartPolicy ?? ""
        if policy != "Always" {
            errors.append(FieldRules.notSupported("\(field).template.spec.restartPolicy", policy, ["Always"]))
        }
        if template.spec.activeDeadlineSeconds != nil {
            errors.append(.forbidden("\(field).template.spec.activeDeadlineSeconds",
                                     "activeDeadlineSeconds in StatefulSet is not Supported"))
        }
        return errors
    }

    /// Equality as upstream's `apiequality.Semantic.DeepEqual` sees the fields that may not change: a missing list,
    /// map or selector part equals an empty one.
    func semanticallyEquals(_ other: StatefulSetSpec) -> Bool {
        func normalized(_ spec: StatefulSetSpec) -> StatefulSetSpec {
            var copy = spec
            if copy.volumeClaimTemplates?.isEmpty == true { copy.volumeClaimTemplates = nil }
            copy.selector = nil
            return copy
        }
        let selectorsEqual: Bool
        switch (selector, other.selector) {
        case (nil, nil): selectorsEqual = true
        case let (mine?, theirs?): selectorsEqual = mine.semanticallyEquals(theirs)
        default: selectorsEqual = false
        }
        return selectorsEqual && normalized(self) == normalized(other)
    }
}

extension StatefulSetUpdateStrategy {
    /// `RollingUpdate` (with valid parameters when given), or `OnDelete` without `rollingUpdate`; an empty type is
    /// `Required value`, anything else `Invalid value: apps.StatefulSetUpdateStrategy{…}: must be 'RollingUpdate' or
    /// 'OnDelete'`.
    func validate(field: String) -> [FieldError] {
        switch type ?? "" {
        case "":
            return [.required(field)]
        case "OnDelete":
            guard let rollingUpdate else { return [] }
            return [.invalid("\(field).rollingUpdate", rollingUpdate.goRendering,
                             "only allowed for updateStrategy 'RollingUpdate'")]
        case "RollingUpdate":
            return rollingUpdate?.validate(field: "\(field).rollingUpdate") ?? []
        case let other:
            let rendered = "apps.StatefulSetUpdateStrategy{Type:\(GoQuote.quote(other)), RollingUpdate:"
                + GoRendering.pointer("apps.RollingUpdateStatefulSetStrategy", isSet: rollingUpdate != nil) + "}"
            return [.invalid(field, rendered, "must be 'RollingUpdate' or 'OnDelete'")]
        }
    }
}

extension RollingUpdateStatefulSetStrategy {
    /// Upstream `validateRollingUpdateStatefulSet`: `partition` non-negative; `maxUnavailable`, when set, a positive
    /// int or percent, not 0 (`cannot be 0`), at most 100%.
    func validate(field: String) -> [FieldError] {
        var errors = FieldRules.nonNegative(Int64(partition ?? 0), "\(field).partition")
        if let maxUnavailable {
            let path = "\(field).maxUnavailable"
            errors += IntOrPercent.validatePositive(maxUnavailable, field: path)
            if IntOrPercent.value(maxUnavailable) == 0 {
                errors.append(.invalid(path, IntOrPercent.render(maxUnavailable), "cannot be 0"))
            }
            errors += IntOrPercent.validateNotMoreThan100Percent(maxUnavailable, field: path)
        }
        return errors
    }

    /// `apps.RollingUpdateStatefulSetStrategy{Partition:0, MaxUnavailable:(*intstr.IntOrString)(nil)}`.
    var goRendering: String {
        "apps.RollingUpdateStatefulSetStrategy{Partition:\(partition ?? 0), MaxUnavailable:"
            + GoRendering.pointer("intstr.IntOrString", isSet: maxUnavailable != nil) + "}"
    }
}
