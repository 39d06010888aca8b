import KubeAPI
import Wire

/// batch/v1 Job rules and texts: upstream `ValidateJob` (generated selector, spec), `ValidateJobSpecUpdate`
/// (immutable completions, selector and template) and the job strategy's options as 1.32 sets them for new Jobs.
extension Job: Validatable {
    /// Upstream's bound on `parallelism` for Indexed Jobs.
    static let maxParallelismForIndexedJob: Int32 = 100_000

    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: true)
        errors += validateGeneratedSelector()
        errors += spec.validateWithSelector(field: "spec")
        if spec.completionMode == "Indexed", let completions = spec.completions, completions > 0 {
            let hostname = "\(name)-\(completions - 1)"
            if !Validation.isDNS1123Label(hostname).isEmpty {
                errors.append(.invalid("metadata.name", GoQuote.quote(name),
                                       "will not able to create pod with invalid DNS label: \(hostname)"))
            }
        }
        return errors
    }

    /// The metadata update rules, the spec rules, then `completions`, `selector` and `template` immutable. A
    /// suspended Job that never started may change its template's labels, annotations, node selector, node
    /// affinity, tolerations and scheduling gates (upstream's mutable scheduling directives). An Indexed Job may
    /// change `completions` together with `parallelism` (elastic Indexed Jobs).
    func validateUpdate(old: Job) -> [FieldError] {
        var errors = metadata.validateUpdate(old: old.metadata)
        errors += spec.validateWithSelector(field: "spec")
        errors += validateCompletionsUpdate(old: old)
        errors += LabelSelector.validateImmutable(spec.selector, old: old.spec.selector, field: "spec.selector")
        var newTemplate = spec.template
        var oldTemplate = old.spec.template
        if spec.suspend == true && old.status.startTime == nil {
            newTemplate.clearSchedulingDirectives()
            oldTemplate.clearSchedulingDirectives()
        }
        errors += FieldRules.immutable(changed: newTemplate != oldTemplate, field: "spec.template",
                                       rendered: "core.PodTemplateSpec{…}")
        return errors
    }

    private func validateCompletionsUpdate(old: Job) -> [FieldError] {
        guard spec.completions != old.spec.completions else { return [] }
        let rendered = spec.completions.map { String($0) } ?? GoRendering.null
        guard spec.completionMode == "Indexed" else {
            return FieldRules.immutable(changed: true, field: "spec.completions", rendered: rendered)
        }
        guard let completions = spec.completions, completions != spec.parallelism else { return [] }
        return [.invalid("spec.completions", rendered, "can only be modified in tandem with spec.parallelism")]
    }

    /// Upstream `validateGeneratedSelector` (with the prefixed labels required, as for every new Job in 1.32).
    private func validateGeneratedSelector() -> [FieldError] {
        guard spec.manualSelector != true, let selector = spec.selector else { return [] }
        var errors: [FieldError] = []
        let uid = metadata.uid ?? ""
        if uid.isEmpty { errors.append(.required("metadata.uid")) }
        let expected = [
            (Job.legacyControllerUIDLabel, uid), (Job.legacyJobNameLabel, name),
            (Job.controllerUIDLabel, uid), (Job.jobNameLabel, name),
        ]
        let labels = spec.template.metadata.labels
        for (key, value) in expected {
            let field = "spec.template.metadata.labels[\(key)]"
            guard let actual = labels?[key] else {
                errors.append(.required(field, "must be '\(value)'"))
                continue
            }
            if actual != value { errors.append(.invalid(field, FieldError.renderMap(labels), "must be '\(value)'")) }
        }
        if let compiled = try? selector.selector(), !compiled.matches(Dictionary(uniqueKeysWithValues: expected)) {
            errors.append(.invalid("spec.selector", GoRendering.labelSelector(selector), "`selector` not auto-generated"))
        }
        return errors
    }
}

extension PodTemplateSpec {
    /// The template without what a suspended Job may still change.
    mutating func clearSchedulingDirectives() {
        metadata.labels = nil
        metadata.annotations = nil
        spec.nodeSelector = nil
        spec.tolerations = nil
        spec.schedulingGates = nil
        spec.affinity?.nodeAffinity = nil
    }
}

extension JobSpec {
    /// Upstream `ValidateJobSpec`: the spec rules, then `selector` (required, its own rules) and the selector
    /// matching the template's labels.
    func validateWithSelector(field: String) -> [FieldError] {
        var errors = validate(field: field)
        let selectorPath = "\(field).selector"
        if let selector {
            errors += Validation.validateLabelSelector(selector, field: selectorPath)
        } else {
            errors.append(.required(selectorPath))
        }
        if let selector, let compiled = try? selector.selector(), !compiled.matches(template.metadata.labels ?? [:]) {
            errors.append(.invalid("\(field).template.metadata.labels", FieldError.renderMap(template.metadata.labels),
                                   "`selector` does not match template `labels`"))
        }
        return errors
    }

    /// Upstream `validateJobSpec`, in its order: the counts, completion mode, pod failure and success policies, pod
    /// replacement policy, the template, and its `restartPolicy` (`Required value: valid values: "OnFailure",
    /// "Never"` for an unset or `Always` one).
    func validate(field: String) -> [FieldError] {
        var errors: [FieldError] = []
        let counts: [(Int64?, String)] = [
            (parallelism.map(Int64.init), "parallelism"), (completions.map(Int64.init), "completions"),
            (activeDeadlineSeconds, "activeDeadlineSeconds"), (backoffLimit.map(Int64.init), "backoffLimit"),
            (ttlSecondsAfterFinished.map(Int64.init), "ttlSecondsAfterFinished"),
            (backoffLimitPerIndex.map(Int64.init), "backoffLimitPerIndex"),
        ]
        for case let (value?, name) in counts { errors += FieldRules.nonNegative(value, "\(field).\(name)") }
        if let maxFailedIndexes {
            errors += FieldRules.nonNegative(Int64(maxFailedIndexes), "\(field).maxFailedIndexes")
            if backoffLimitPerIndex == nil {
                errors.append(.required("\(field).backoffLimitPerIndex", "when maxFailedIndexes is specified"))
            }
        }
        errors += validateCompletionMode(field: field)
        if let podFailurePolicy { errors += podFailurePolicy.validate(spec: self, field: "\(field).podFailurePolicy") }
        if successPolicy != nil && completionMode != "Indexed" {
            errors.append(.invalid("\(field).successPolicy", "batch.SuccessPolicy{…}", "requires indexed completion mode"))
        }
        if let podReplacementPolicy {
            let supported = podFailurePolicy == nil ? ["Failed", "TerminatingOrFailed"] : ["Failed"]
            if !supported.contains(podReplacementPolicy) {
                errors.append(FieldRules.notSupported("\(field).podReplacementPolicy", podReplacementPolicy, supported))
            }
        }
        let templatePath = "\(field).template"
        errors += template.validate(field: templatePath)
        let restartPath = "\(templatePath).spec.restartPolicy"
        let policy = template.spec.restartPolicy ?? ""
        if policy == "Always" || policy.isEmpty {
            errors.append(.required(restartPath, "valid values: \"OnFailure\", \"Never\""))
        } else if policy != "OnFailure" && policy != "Never" {
            errors.append(FieldRules.notSupported(restartPath, policy, ["OnFailure", "Never"]))
        } else if podFailurePolicy != nil && policy != "Never" {
            errors.append(.invalid(restartPath, GoQuote.quote(policy),
                                   "only \"Never\" is supported when podFailurePolicy is specified"))
        }
        return errors
    }

    private func validateCompletionMode(field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if let completionMode {
            if completionMode != "NonIndexed" && completionMode != "Indexed" {
                errors.append(FieldRules.notSupported("\(field).completionMode", completionMode, ["NonIndexed", "Indexed"]))
            }
            if completionMode == "Indexed" {
                if completions == nil {
                    errors.append(.required("\(field).completions", "when completion mode is Indexed"))
                }
                if let parallelism, parallelism > Job.maxParallelismForIndexedJob {
                    errors.append(.invalid("\(field).parallelism", String(parallelism),
                                           "must be less than or equal to 100000 when completion mode is Indexed"))
                }
                if let completions, let maxFailedIndexes, maxFailedIndexes > completions {
                    errors.append(.invalid("\(field).maxFailedIndexes", String(maxFailedIndexes),
                                           "must be less than or equal to completions"))
                }
            }
        }
        if completionMode == nil || completionMode == "NonIndexed" {
            if let backoffLimitPerIndex {
                errors.append(.invalid("\(field).backoffLimitPerIndex", String(backoffLimitPerIndex),
                                       "requires indexed completion mode"))
            }
            if let maxFailedIndexes {
                errors.append(.invalid("\(field).maxFailedIndexes", String(maxFailedIndexes),
                                       "requires indexed completion mode"))
            }
        }
        return errors
    }
}

extension PodFailurePolicy {
    static let actions = ["Count", "FailIndex", "FailJob", "Ignore"]
    static let operators = ["In", "NotIn"]

    /// Upstream `validatePodFailurePolicy`: each rule's action, exit codes and pod conditions.
    func validate(spec: JobSpec, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        let rulesPath = "\(field).rules"
        let containers = Set((spec.template.spec.containers + (spec.template.spec.initContainers ?? [])).map(\.name))
        for (index, rule) in (rules ?? []).enumerated() {
            let path = "\(rulesPath)[\(index)]"
            let actionPath = "\(path).action"
            if rule.action.isEmpty {
                errors.append(.required(actionPath, "valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]"))
            } else if rule.action == "FailIndex" {
                if spec.backoffLimitPerIndex == nil {
                    errors.append(.invalid(actionPath, GoQuote.quote(rule.action),
                                           "requires the backoffLimitPerIndex to be set"))
                }
            } else if !Self.actions.contains(rule.action) {
                errors.append(FieldRules.notSupported(actionPath, rule.action, Self.actions))
            }
            if let codes = rule.onExitCodes {
                errors += codes.validate(containers: containers, field: "\(path).onExitCodes")
            }
            let hasConditions = !(rule.onPodConditions ?? []).isEmpty
            if rule.onExitCodes != nil && hasConditions {
                errors.append(Self.omittingValue(path, "specifying both OnExitCodes and OnPodConditions is not supported"))
            }
            if rule.onExitCodes == nil && !hasConditions {
                errors.append(Self.omittingValue(path, "specifying one of OnExitCodes and OnPodConditions is required"))
            }
        }
        return errors
    }

    /// `<field>: Invalid value: <detail>`: upstream's `field.Invalid` with `OmitValueType`, which prints no value.
    static func omittingValue(_ field: String, _ detail: String) -> FieldError {
        FieldError(type: .invalid, field: field, renderedValue: detail)
    }
}

extension PodFailurePolicyOnExitCodesRequirement {
    func validate(containers: Set<String>, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if self.operator.isEmpty {
            errors.append(.required("\(field).operator", "valid values: [\"In\" \"NotIn\"]"))
        } else if !PodFailurePolicy.operators.contains(self.operator) {
            errors.append(FieldRules.notSupported("\(field).operator", self.operator, PodFailurePolicy.operators))
        }
        if let containerName, !containers.contains(containerName) {
            errors.append(.invalid("\(field).containerName", GoQuote.quote(containerName),
                                   "must be one of the container or initContainer names in the pod template"))
        }
        let rendered = "[]int32{" + values.map(String.init).joined(separator: ", ") + "}"
        if values.isEmpty {
            errors.append(.invalid("\(field).values", rendered, "at least one value is required"))
        }
        var seen = Set<Int32>()
        for (index, value) in values.enumerated() {
            if self.operator == "In" && value == 0 {
                errors.append(.invalid("\(field).values[\(index)]", "0", "must not be 0 for the In operator"))
            }
            if !seen.insert(value).inserted { errors.append(.duplicate("\(field).values[\(index)]", String(value))) }
        }
        if values != values.sorted() { errors.append(.invalid("\(field).values", rendered, "must be ordered")) }
        return errors
    }
}
