import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// Webhook configurations and APIServices: defaults, validation messages and the Available condition. Pure.
@Suite struct AdmissionRegistrationTests {
    static func webhook(_ name: String = "pods.policy.example.com") -> ValidatingWebhook {
        var webhook = ValidatingWebhook(name: name)
        webhook.clientConfig.service = WebhookServiceReference(namespace: "policy", name: "webhook")
        webhook.rules = [RuleWithOperations(operations: ["CREATE"], apiGroups: [""], apiVersions: ["v1"], resources: ["pods"])]
        webhook.sideEffects = "None"
        webhook.admissionReviewVersions = ["v1"]
        return webhook
    }

    @Test func webhookDefaults() {
        var configuration = ValidatingWebhookConfiguration(metadata: ObjectMeta(name: "policy"), webhooks: [Self.webhook()])
        configuration.applyDefaults()
        let webhook = try? #require(configuration.webhooks?.first)
        #expect(webhook?.failurePolicy == "Fail" && webhook?.matchPolicy == "Equivalent")
        #expect(webhook?.timeoutSeconds == 10 && webhook?.namespaceSelector == LabelSelector())
        #expect(webhook?.rules?.first?.scope == "*" && webhook?.clientConfig.service?.port == 443)
        #expect(configuration.validateCreate().isEmpty)
        var mutating = MutatingWebhookConfiguration(metadata: ObjectMeta(name: "inject"), webhooks: [MutatingWebhook(name: "a.b.c")])
        mutating.applyDefaults()
        #expect(mutating.webhooks?.first?.reinvocationPolicy == "Never")
    }

    @Test func webhookMessages() {
        var bad = Self.webhook("short.name")
        bad.sideEffects = nil
        bad.admissionReviewVersions = nil
        bad.timeoutSeconds = 31
        bad.clientConfig.url = "http://example.com/hook"
        let lines = ValidationFixtures.lines(
            ValidatingWebhookConfiguration(metadata: ObjectMeta(name: "p"), webhooks: [bad, Self.webhook("short.name")])
                .validateCreate())
        #expect(lines.contains(
            #"webhooks[0].name: Invalid value: "short.name": should be a domain with at least three segments separated by dots"#))
        #expect(lines.contains("webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun"))
        #expect(lines.contains("webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1"))
        #expect(lines.contains("webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds"))
        #expect(lines.contains("webhooks[0].clientConfig: Required value: exactly one of url or service is required"))
        #expect(lines.contains(#"webhooks[1].name: Duplicate value: "short.name""#))
    }

    @Test func apiServices() {
        var local = APIService(metadata: ObjectMeta(name: "v1.apps"))
        local.spec.group = "apps"
        local.spec.version = "v1"
        local.spec.groupPriorityMinimum = 17800
        local.spec.versionPriority = 15
        local.applyDefaults()
        #expect(local.validateCreate().isEmpty)
        #expect(local.status.conditions?.first?.status == "True" && local.status.conditions?.first?.reason == "Local")

        var metrics = APIService(metadata: ObjectMeta(name: "v1beta1.metrics.k8s.io"))
        metrics.spec.group = "metrics.k8s.io"
        metrics.spec.version = "v1beta1"
        metrics.spec.groupPriorityMinimum = 100
        metrics.spec.versionPriority = 100
        metrics.spec.insecureSkipTLSVerify = true
        metrics.spec.service = WebhookServiceReference(namespace: "kube-system", name: "metrics-server")
        metrics.applyDefaults()
        #expect(metrics.validateCreate().isEmpty)
        #expect(metrics.spec.service?.port == 443)
        #expect(metrics.status.conditions?.first?.status == "False")
        #expect(metrics.status.conditions?.first?.reason == "FailedDiscoveryCheck")
        let cells = APIServiceColumns.cells(for: try! JSONValue(encoding: metrics), now: .now)
        #expect(cells[1] == "kube-system/metrics-server" && cells[2] == "False (FailedDiscoveryCheck)")

        var misnamed = metrics
        misnamed.metadata.name = "metrics"
        misnamed.spec.groupPriorityMinimum = 0
        #expect(ValidationFixtures.lines(misnamed.validateCreate()) == [
            #"metadata.name: Invalid value: "metrics": must be `spec.version+"."+spec.group`"#,
            "spec.groupPriorityMinimum: Invalid value: 0: must be positive and less than 20000",
        ])
    }
}
