import KubeAPI
import Wire

/// apps/v1 DaemonSet rules and texts: upstream `ValidateDaemonSet`, `ValidateDaemonSetSpec`,
/// `ValidateDaemonSetUpdateStrategy`, `ValidateRollingUpdateDaemonSet`, and the strategy's selector immutability.
extension DaemonSet: Validatable {
    static let updateStrategyTypes = ["RollingUpdate", "OnDelete"]

    func validateCreate() -> [FieldError] {
        metadata.validate(namespaced: true) + spec.validate(field: "spec")
    }

    /// The metadata update rules, the create rules, then
    /// `spec.selector: Invalid value: v1.LabelSelector{…}: field is immutable` if the selector changed.
    func validateUpdate(old: DaemonSet) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate()
            + LabelSelector.validateImmutable(spec.selector, old: old.spec.selector, field: "spec.selector")
    }
}

extension DaemonSetSpec {
    /// Upstream `ValidateDaemonSetSpec`, in its order: selector, selector/template match (a missing selector matches
    /// nothing), empty selector, template, `restartPolicy`, `activeDeadlineSeconds`, `minReadySeconds`,
    /// `updateStrategy`, `revisionHistoryLimit`.
    func validate(field: String) -> [FieldError] {
        let selectorPath = "\(field).selector"
        let templatePath = "\(field).template"
        var errors = Validation.validateLabelSelector(selector, field: selectorPath)
        if let converted = try? selector.selector() {
            errors += template.validateSelectorMatches(converted, field: templatePath)
        }
        if let selector, selector.isEmptySelector {
            errors.append(.invalid(selectorPath, GoRendering.labelSelector(selector),
                                   "empty selector is invalid for daemonset"))
        }
        errors += template.validate(field: templatePath)
        errors += template.validateForController(owner: "DaemonSet", field: templatePath)
        errors += FieldRules.nonNegative(Int64(minReadySeconds ?? 0), "\(field).minReadySeconds")
        errors += updateStrategy.validate(field: "\(field).updateStrategy")
        if let revisionHistoryLimit {
            errors += FieldRules.nonNegative(Int64(revisionHistoryLimit), "\(field).revisionHistoryLimit")
        }
        return errors
    }
}

extension DaemonSetUpdateStrategy {
    /// Upstream `ValidateDaemonSetUpdateStrategy`: `OnDelete`, or `RollingUpdate` with its parameters; anything
    /// else is `Unsupported value: apps.DaemonSetUpdateStrategy{…}: supported values: "RollingUpdate", "OnDelete"`.
    func validate(field: String) -> [FieldError] {
        switch type ?? "" {
        case "OnDelete":
            return []
        case "RollingUpdate":
            guard let rollingUpdate else { return [.required("\(field).rollingUpdate")] }
            return rollingUpdate.validate(field: "\(field).rollingUpdate")
        default:
            return [.notSupported(field, GoRendering.daemonSetUpdateStrategy(self),
                                  supported: DaemonSet.updateStrategyTypes)]
        }
    }
}

extension RollingUpdateDaemonSet {
    /// Upstream `ValidateRollingUpdateDaemonSet`: both values non-negative ints or percents, neither above 100%,
    /// and exactly one of them non-zero.
    func validate(field: String) -> [FieldError] {
        let unavailablePath = "\(field).maxUnavailable"
        let surgePath = "\(field).maxSurge"
        var errors = IntOrPercent.validatePositive(maxUnavailable, field: unavailablePath)
        errors += IntOrPercent.validatePositive(maxSurge, field: surgePath)
        errors += IntOrPercent.validateNotMoreThan100Percent(maxUnavailable, field: unavailablePath)
        errors += IntOrPercent.validateNotMoreThan100Percent(maxSurge, field: surgePath)
        let hasUnavailable = IntOrPercent.value(maxUnavailable) != 0
        let hasSurge = IntOrPercent.value(maxSurge) != 0
        if hasUnavailable && hasSurge {
            errors.append(.invalid(surgePath, IntOrPercent.render(maxSurge),
                                   "may not be set when maxUnavailable is non-zero"))
        } else if !hasUnavailable && !hasSurge {
            errors.append(.required(unavailablePath, "cannot be 0 when maxSurge is 0"))
        }
        return errors
    }
}
