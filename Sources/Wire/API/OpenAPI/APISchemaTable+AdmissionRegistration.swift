// Part of the API's schema table (see APISchemaTable.swift): admissionregistration.k8s.io/v1 webhook
// configurations and apiregistration.k8s.io/v1 APIServices, which kcluster stores and serves without calling the
// webhooks or aggregating the API servers.

extension APISchema {
    static let admissionRegistrationNames = [
        "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingWebhook", "MutatingWebhook",
        "WebhookClientConfig", "WebhookServiceReference", "RuleWithOperations", "MatchCondition",
    ]
    static let apiRegistrationNames = ["APIService", "APIServiceSpec", "APIServiceStatus", "APIServiceCondition"]

    static let admissionRegistration: [SchemaDefinition] = [
        resource(
            "ValidatingWebhookConfiguration",
            "Webhooks that validate writes to the API. kcluster stores them but does not call them.",
            [field("webhooks", .array(.ref("ValidatingWebhook")), "The webhooks and the requests each is for.")]),
        resource(
            "MutatingWebhookConfiguration",
            "Webhooks that may change objects written to the API. kcluster stores them but does not call them.",
            [field("webhooks", .array(.ref("MutatingWebhook")), "The webhooks and the requests each is for.")]),
        object("ValidatingWebhook", "One validating webhook: where it is and which requests it is called for.", webhookFields),
        object(
            "MutatingWebhook", "One mutating webhook: where it is and which requests it is called for.",
            webhookFields + [
                field(
                    "reinvocationPolicy", .string, enum: ["IfNeeded", "Never"],
                    "Never (the default), or IfNeeded: call it again when a later webhook changed the object."),
            ]),
        object(
            "WebhookClientConfig", "How to reach a webhook: a URL, or a Service in the cluster.",
            [
                field("caBundle", .string, "PEM certificates that sign the webhook's serving certificate, base64."),
                field("service", .ref("WebhookServiceReference"), "A Service in the cluster. Not with url."),
                field("url", .string, "An https URL. Not with service."),
            ]),
        object(
            "WebhookServiceReference", "A Service, and the path and port to call on it.",
            [
                field("name", .string, required: true, "The Service's name."),
                field("namespace", .string, required: true, "The Service's namespace."),
                field("path", .string, "The URL path to call."),
                field("port", .integer, "The Service's port; 443 by default."),
            ]),
        object(
            "RuleWithOperations", "Operations on resources a webhook is called for.",
            [
                field("apiGroups", .array(.string), "API groups; \"\" is the core group and \"*\" every group."),
                field("apiVersions", .array(.string), "API versions; \"*\" is every version."),
                field(
                    "operations", .array(.string),
                    "CREATE, UPDATE, DELETE, CONNECT, or \"*\" for all of them and any added later."),
                field("resources", .array(.string), "Resources such as pods, subresources such as pods/status, or \"*/*\"."),
                field(
                    "scope", .string, enum: ["*", "Cluster", "Namespaced"],
                    "Cluster-scoped, namespaced, or both (\"*\", the default)."),
            ]),
        opaque("MatchCondition", "A named CEL expression a request must meet for the webhook to be called."),
    ]

    /// The fields both kinds of webhook have.
    static let webhookFields: [SchemaField] = [
        field(
            "admissionReviewVersions", .array(.string), required: true,
            "The AdmissionReview versions the webhook accepts, in order of preference (v1, v1beta1)."),
        field("clientConfig", .ref("WebhookClientConfig"), required: true, "How to reach the webhook."),
        field(
            "failurePolicy", .string, enum: ["Fail", "Ignore"],
            "What a failed call does to the request: Fail (the default) refuses it, Ignore lets it through."),
        field("matchConditions", .array(.ref("MatchCondition")), "CEL expressions a request must meet to be sent."),
        field(
            "matchPolicy", .string, enum: ["Equivalent", "Exact"],
            "Whether a request through another version of a matching resource is sent too (Equivalent, the default)."),
        field(
            "name", .string, required: true,
            "The webhook's name, fully qualified with at least three dot-separated segments (pod-policy.example.com)."),
        field(
            "namespaceSelector", .ref("LabelSelector"),
            "Only objects in namespaces whose labels match; empty (the default) matches every namespace."),
        field("objectSelector", .ref("LabelSelector"), "Only objects whose labels match; empty matches every object."),
        field("rules", .array(.ref("RuleWithOperations")), "The operations and resources it is called for."),
        field(
            "sideEffects", .string, required: true, enum: ["None", "NoneOnDryRun"],
            "Whether a call has effects outside the object: None, or NoneOnDryRun when dry runs are told apart."),
        field("timeoutSeconds", .integer, "How long a call may take, 1 to 30 seconds; 10 by default."),
    ]

    static let apiRegistration: [SchemaDefinition] = [
        resource(
            "APIService",
            "A group-version served by another API server through the aggregation layer. Its name is "
                + "<version>.<group>. kcluster stores APIServices but does not aggregate: one backed by a Service is "
                + "not Available and its group-version is not served.",
            [
                field("spec", .ref("APIServiceSpec"), "The group-version and the Service that serves it."),
                field("status", .ref("APIServiceStatus"), "Whether it is available. Written by the system; read-only."),
            ]),
        object(
            "APIServiceSpec", "The group-version an APIService registers and where it is served.",
            [
                field("caBundle", .string, "PEM certificates that sign the server's certificate, base64."),
                field("group", .string, "The API group."),
                field(
                    "groupPriorityMinimum", .integer, required: true,
                    "How high the group sorts in discovery, 1 to 20000; higher first."),
                field("insecureSkipTLSVerify", .boolean, "Whether to skip verifying the server's certificate."),
                field(
                    "service", .ref("WebhookServiceReference"),
                    "The Service that serves the group-version; none when the API server serves it itself."),
                field("version", .string, "The API version, such as v1beta1."),
                field(
                    "versionPriority", .integer, required: true,
                    "How high the version sorts within its group, 1 to 1000; higher first."),
            ]),
        object(
            "APIServiceStatus", "The state of an APIService.",
            [field("conditions", .array(.ref("APIServiceCondition")), "Available: whether it can be reached.")]),
        object(
            "APIServiceCondition", "One aspect of an APIService's state.",
            [
                field("lastTransitionTime", .ref("Time"), "When the condition last changed."),
                field("message", .string, "Details of the last change."),
                field("reason", .string, "Why the condition last changed, in CamelCase."),
                field("status", .string, required: true, enum: ["False", "True", "Unknown"], "True, False or Unknown."),
                field("type", .string, required: true, "The condition's type: Available."),
            ]),
    ]
}
