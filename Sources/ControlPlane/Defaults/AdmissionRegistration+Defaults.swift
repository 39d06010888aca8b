import KubeAPI

extension ValidatingWebhookConfiguration: Defaultable {
    /// admissionregistration/v1 `SetDefaults_ValidatingWebhook` for each webhook.
    public mutating func applyDefaults() {
        webhooks = webhooks.map { $0.map { $0.defaulted() } }
    }
}

extension MutatingWebhookConfiguration: Defaultable {
    /// admissionregistration/v1 `SetDefaults_MutatingWebhook` for each webhook.
    public mutating func applyDefaults() {
        webhooks = webhooks.map {
            $0.map { webhook in
                var defaulted = webhook.defaulted()
                if defaulted.reinvocationPolicy == nil { defaulted.reinvocationPolicy = "Never" }
                return defaulted
            }
        }
    }
}

extension AdmissionWebhook {
    /// failurePolicy Fail, matchPolicy Equivalent, empty namespace and object selectors, timeoutSeconds 10, rules
    /// of every scope, a Service's port 443.
    func defaulted() -> Self {
        var webhook = self
        if webhook.failurePolicy == nil { webhook.failurePolicy = "Fail" }
        if webhook.matchPolicy == nil { webhook.matchPolicy = "Equivalent" }
        if webhook.namespaceSelector == nil { webhook.namespaceSelector = LabelSelector() }
        if webhook.objectSelector == nil { webhook.objectSelector = LabelSelector() }
        if webhook.timeoutSeconds == nil { webhook.timeoutSeconds = 10 }
        webhook.rules = webhook.rules.map { rules in
            rules.map { rule in
                var rule = rule
                if rule.scope == nil { rule.scope = "*" }
                return rule
            }
        }
        if webhook.clientConfig.service != nil, webhook.clientConfig.service?.port == nil {
            webhook.clientConfig.service?.port = 443
        }
        return webhook
    }
}

extension APIService: Defaultable {
    /// A Service's port 443, and the `Available` condition kcluster can give: True for a group-version the API
    /// server serves itself (no Service: `Local`), False for one an aggregated server would serve, which kcluster
    /// does not run (`FailedDiscoveryCheck`).
    public mutating func applyDefaults() {
        if spec.service != nil, spec.service?.port == nil { spec.service?.port = 443 }
        let local = spec.service == nil
        let wanted = APIServiceCondition(
            type: "Available", status: local ? "True" : "False",
            reason: local ? "Local" : "FailedDiscoveryCheck",
            message: local
                ? "Local APIServices are always available"
                : "kcluster stores APIServices but does not aggregate API servers")
        let current = status.conditions?.first { $0.type == "Available" }
        if current?.status != wanted.status || current?.reason != wanted.reason {
            var condition = wanted
            condition.lastTransitionTime = metadata.creationTimestamp
            status.conditions = [condition]
        }
    }
}
