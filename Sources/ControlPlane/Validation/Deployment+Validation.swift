import KubeAPI
import Wire

/// apps/v1 Deployment rules and texts: upstream `ValidateDeployment`, `ValidateDeploymentSpec`,
/// `ValidateDeploymentStrategy`, `ValidateRollingUpdateDeployment`, and the strategy's selector immutability.
extension Deployment: Validatable {
    static let strategyTypes = ["Recreate", "RollingUpdate"]

    func validateCreate() -> [FieldError] {
        metadata.validate(namespaced: true) + spec.validate(field: "spec")
    }

    /// The metadata update rules, the create rules, then `spec.selector: … field is immutable`.
    func validateUpdate(old: Deployment) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate()
            + LabelSelector.validateImmutable(spec.selector, old: old.spec.selector, field: "spec.selector")
    }
}

extension DeploymentSpec {
    /// Upstream `ValidateDeploymentSpec`: `replicas`, the selector and template (shared with ReplicaSets),
    /// `strategy`, `minReadySeconds`, `revisionHistoryLimit`, `progressDeadlineSeconds`.
    func validate(field: String) -> [FieldError] {
        var errors = FieldRules.nonNegative(Int64(replicas ?? 0), "\(field).replicas")
        errors += WorkloadRules.validateSelectorAndTemplate(selector, template, field: field)
        errors += strategy.validate(field: "\(field).strategy")
        let minReady = Int64(minReadySeconds ?? 0)
        errors += FieldRules.nonNegative(minReady, "\(field).minReadySeconds")
        if let revisionHistoryLimit {
            errors += FieldRules.nonNegative(Int64(revisionHistoryLimit), "\(field).revisionHistoryLimit")
        }
        if let progressDeadlineSeconds {
            let deadline = Int64(progressDeadlineSeconds)
            errors += FieldRules.nonNegative(deadline, "\(field).progressDeadlineSeconds")
            if deadline <= minReady {
                errors.append(.invalid("\(field).progressDeadlineSeconds", String(deadline),
                                       "must be greater than minReadySeconds"))
            }
        }
        return errors
    }
}

extension DeploymentStrategy {
    /// Upstream `ValidateDeploymentStrategy`: `Recreate` without `rollingUpdate`, or `RollingUpdate` with valid
    /// parameters; anything else is `Unsupported value: …: supported values: "Recreate", "RollingUpdate"`.
    func validate(field: String) -> [FieldError] {
        switch type ?? "" {
        case "Recreate":
            guard rollingUpdate != nil else { return [] }
            return [.forbidden("\(field).rollingUpdate", "may not be specified when strategy `type` is 'Recreate'")]
        case "RollingUpdate":
            guard let rollingUpdate else {
                return [.required("\(field).rollingUpdate", "this should be defaulted and never be nil")]
            }
            return rollingUpdate.validate(field: "\(field).rollingUpdate")
        default:
            return [.notSupported(field, GoRendering.deploymentStrategy(self), supported: Deployment.strategyTypes)]
        }
    }
}

extension RollingUpdateDeployment {
    /// Upstream `ValidateRollingUpdateDeployment`: both values non-negative ints or percents; not both zero
    /// (`maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0`); `maxUnavailable` at most 100%.
    func validate(field: String) -> [FieldError] {
        let unavailablePath = "\(field).maxUnavailable"
        var errors = IntOrPercent.validatePositive(maxUnavailable, field: unavailablePath)
        errors += IntOrPercent.validatePositive(maxSurge, field: "\(field).maxSurge")
        if IntOrPercent.value(maxUnavailable) == 0 && IntOrPercent.value(maxSurge) == 0 {
            errors.append(.invalid(unavailablePath, IntOrPercent.render(maxUnavailable),
                                   "may not be 0 when `maxSurge` is 0"))
        }
        errors += IntOrPercent.validateNotMoreThan100Percent(maxUnavailable, field: unavailablePath)
        return errors
    }
}

/// The selector and template rules Deployments and ReplicaSets share (upstream `ValidateReplicaSetSpec`'s
/// selector part and `ValidatePodTemplateSpecForReplicaSet`).
enum WorkloadRules {
    /// `spec.selector: Required value` when missing; the selector's own rules; `empty selector is invalid for
    /// deployment` (upstream says `deployment` for ReplicaSets too); `invalid label selector` when it cannot be
    /// converted, else the template: selector match (skipped for an empty selector), template rules,
    /// `restartPolicy: Always`, no `activeDeadlineSeconds` (`… in ReplicaSet is not Supported`, for both kinds).
    static func validateSelectorAndTemplate(_ selector: LabelSelector?, _ template: PodTemplateSpec,
                                            field: String) -> [FieldError] {
        let selectorPath = "\(field).selector"
        let templatePath = "\(field).template"
        var errors: [FieldError] = []
        if let selector {
            errors += Validation.validateLabelSelector(selector, field: selectorPath)
            if selector.isEmptySelector {
                errors.append(.invalid(selectorPath, GoRendering.labelSelector(selector),
                                       "empty selector is invalid for deployment"))
            }
        } else {
            errors.append(.required(selectorPath))
        }
        guard let converted = try? selector.selector() else {
            errors.append(.invalid(selectorPath, GoRendering.labelSelector(selector), "invalid label selector"))
            return errors
        }
        if !converted.isEmpty {
            errors += template.validateSelectorMatches(converted, field: templatePath)
        }
        errors += template.validate(field: templatePath)
        errors += template.validateForController(owner: "ReplicaSet", field: templatePath)
        return errors
    }
}
