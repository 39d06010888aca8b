import KubeAPI
import Wire

/// admissionregistration.k8s.io/v1 webhook configuration rules: upstream `ValidateValidatingWebhookConfiguration`
/// and `ValidateMutatingWebhookConfiguration` (the parts that do not compile CEL).
extension ValidatingWebhookConfiguration: Validatable {
    func validateCreate() -> [FieldError] {
        metadata.validate(namespaced: false) + WebhookRules.validate(webhooks ?? [])
    }

    func validateUpdate(old: ValidatingWebhookConfiguration) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + WebhookRules.validate(webhooks ?? [])
    }
}

extension MutatingWebhookConfiguration: Validatable {
    func validateCreate() -> [FieldError] {
        metadata.validate(namespaced: false) + WebhookRules.validate(webhooks ?? []) + reinvocationErrors
    }

    func validateUpdate(old: MutatingWebhookConfiguration) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + WebhookRules.validate(webhooks ?? []) + reinvocationErrors
    }

    /// Each webhook's `reinvocationPolicy`: `Never` or `IfNeeded`.
    private var reinvocationErrors: [FieldError] {
        (webhooks ?? []).enumerated().flatMap { index, webhook -> [FieldError] in
            guard let policy = webhook.reinvocationPolicy, !WebhookRules.reinvocationPolicies.contains(policy) else {
                return []
            }
            return [FieldRules.notSupported("webhooks[\(index)].reinvocationPolicy", policy, WebhookRules.reinvocationPolicies)]
        }
    }
}

/// The rules for the webhooks of both configurations. Pure.
enum WebhookRules {
    static let failurePolicies = ["Fail", "Ignore"]
    static let matchPolicies = ["Equivalent", "Exact"]
    static let sideEffects = ["None", "NoneOnDryRun"]
    static let reviewVersions = ["v1", "v1beta1"]
    static let operations = ["*", "CONNECT", "CREATE", "DELETE", "UPDATE"]
    static let scopes = ["*", "Cluster", "Namespaced"]
    static let reinvocationPolicies = ["IfNeeded", "Never"]

    static func validate(_ webhooks: [some AdmissionWebhook]) -> [FieldError] {
        var errors: [FieldError] = []
        var names: Set<String> = []
        for (index, webhook) in webhooks.enumerated() {
            let field = "webhooks[\(index)]"
            if !names.insert(webhook.name).inserted { errors.append(.duplicate("\(field).name", GoQuote.quote(webhook.name))) }
            errors += validate(webhook, field: field)
        }
        return errors
    }

    static func validate(_ webhook: some AdmissionWebhook, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        let name = webhook.name
        errors += Validation.isDNS1123Subdomain(name).map { .invalid("\(field).name", GoQuote.quote(name), $0) }
        if name.split(separator: ".", omittingEmptySubsequences: false).count < 3 {
            errors.append(.invalid(
                "\(field).name", GoQuote.quote(name), "should be a domain with at least three segments separated by dots"))
        }
        for (index, rule) in (webhook.rules ?? []).enumerated() {
            let ruleField = "\(field).rules[\(index)]"
            for (opIndex, operation) in (rule.operations ?? []).enumerated() where !operations.contains(operation) {
                errors.append(FieldRules.notSupported("\(ruleField).operations[\(opIndex)]", operation, operations))
            }
            if (rule.operations ?? []).isEmpty { errors.append(.required("\(ruleField).operations")) }
            if (rule.apiVersions ?? []).isEmpty { errors.append(.required("\(ruleField).apiVersions")) }
            if (rule.resources ?? []).isEmpty { errors.append(.required("\(ruleField).resources")) }
            if let scope = rule.scope, !scopes.contains(scope) {
                errors.append(FieldRules.notSupported("\(ruleField).scope", scope, scopes))
            }
        }
        if let policy = webhook.failurePolicy, !failurePolicies.contains(policy) {
            errors.append(FieldRules.notSupported("\(field).failurePolicy", policy, failurePolicies))
        }
        if let policy = webhook.matchPolicy, !matchPolicies.contains(policy) {
            errors.append(FieldRules.notSupported("\(field).matchPolicy", policy, matchPolicies))
        }
        switch webhook.sideEffects {
        case nil:
            errors.append(.required("\(field).sideEffects", "must specify one of None, NoneOnDryRun"))
        case let value? where !sideEffects.contains(value):
            errors.append(FieldRules.notSupported("\(field).sideEffects", value, sideEffects))
        default:
            break
        }
        if let timeout = webhook.timeoutSeconds, !(1...30).contains(timeout) {
            errors.append(.invalid(
                "\(field).timeoutSeconds", String(timeout), "the timeout value must be between 1 and 30 seconds"))
        }
        let versions = webhook.admissionReviewVersions ?? []
        if !versions.contains(where: reviewVersions.contains) {
            errors.append(.required("\(field).admissionReviewVersions", "must specify one of v1, v1beta1"))
        }
        let client = webhook.clientConfig
        switch (client.url, client.service) {
        case (nil, nil), (.some, .some):
            errors.append(.required("\(field).clientConfig", "exactly one of url or service is required"))
        case (let url?, nil):
            if !url.hasPrefix("https://") {
                errors.append(.invalid("\(field).clientConfig.url", GoQuote.quote(url), "'https' is the only allowed URL scheme"))
            }
        case (nil, let service?):
            if service.name.isEmpty { errors.append(.required("\(field).clientConfig.service.name", "service name is required")) }
            if service.namespace.isEmpty {
                errors.append(.required("\(field).clientConfig.service.namespace", "service namespace is required"))
            }
        }
        return errors
    }
}

/// apiregistration.k8s.io/v1 rules: upstream `ValidateAPIService`.
extension APIService: Validatable {
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: false)
        let name = metadata.name ?? ""
        let group = spec.group ?? ""
        let version = spec.version ?? ""
        if group.isEmpty, name != version {
            errors.append(.invalid("spec.group", GoQuote.quote(group), "only v1 may have an empty group and it better be legacy kube"))
        } else if !group.isEmpty, name != "\(version).\(group)" {
            errors.append(.invalid("metadata.name", GoQuote.quote(name), "must be `spec.version+\".\"+spec.group`"))
        }
        if version.isEmpty {
            errors.append(.required("spec.version"))
        } else {
            errors += Validation.isDNS1035Label(version).map { .invalid("spec.version", GoQuote.quote(version), $0) }
        }
        if !(1...20000).contains(spec.groupPriorityMinimum) {
            errors.append(.invalid(
                "spec.groupPriorityMinimum", String(spec.groupPriorityMinimum), "must be positive and less than 20000"))
        }
        if !(1...1000).contains(spec.versionPriority) {
            errors.append(.invalid("spec.versionPriority", String(spec.versionPriority), "must be positive and less than 1000"))
        }
        if spec.service != nil, spec.insecureSkipTLSVerify != true, (spec.caBundle ?? "").isEmpty {
            errors.append(.required("spec.caBundle", "if insecureSkipTLSVerify is not set, caBundle must be set"))
        }
        return errors
    }

    func validateUpdate(old: APIService) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + validateCreate()
    }
}
