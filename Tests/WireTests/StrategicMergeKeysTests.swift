import Foundation
import KubeAPI
import Testing

/// Parses JSON text into a value (fixtures are written as JSON).
private func json(_ text: String) throws -> JSONValue {
    try JSONValue(jsonData: Data(text.utf8))
}

/// Lists of the kinds real manifests ship with that merge by key in a strategic merge patch, as their Go types tag
/// them (`patchStrategy:"merge"`): a webhook configuration's `webhooks` and their `matchConditions` by name, a
/// ServiceAccount's `secrets` by name.
@Suite("Strategic merge keys of webhooks and ServiceAccounts")
struct StrategicMergeKeysTests {
    static let webhookConfiguration = #"""
        {"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingWebhookConfiguration",
         "metadata":{"name":"ingress-nginx-admission"},
         "webhooks":[{"name":"validate.nginx.ingress.kubernetes.io","admissionReviewVersions":["v1"],
           "clientConfig":{"service":{"name":"ingress-nginx-controller-admission","namespace":"ingress-nginx"}},
           "failurePolicy":"Fail","sideEffects":"None",
           "matchConditions":[{"name":"a","expression":"true"},{"name":"b","expression":"false"}],
           "rules":[{"apiGroups":["networking.k8s.io"],"apiVersions":["v1"],"operations":["CREATE"],
             "resources":["ingresses"],"scope":"*"}]}]}
        """#

    /// The patch kubectl 1.32 sends when re-applying ingress-nginx's deploy.yaml (the live rules carry the
    /// defaulted scope): the webhook keeps every field the patch does not name.
    @Test func aWebhookIsMergedByName() throws {
        let live = try json(Self.webhookConfiguration)
        let patch = try json(
            #"""
            {"$setElementOrder/webhooks":[{"name":"validate.nginx.ingress.kubernetes.io"}],
             "webhooks":[{"name":"validate.nginx.ingress.kubernetes.io","rules":[{"apiGroups":["networking.k8s.io"],
               "apiVersions":["v1"],"operations":["CREATE","UPDATE"],"resources":["ingresses"]}]}]}
            """#
        )
        for kind in ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"] {
            let patched = try StrategicMergePatch.apply(patch, to: live, kind: kind)
            let webhooks = try #require(patched["webhooks"]?.arrayValue)
            #expect(webhooks.count == 1)
            #expect(webhooks[0]["sideEffects"] == .string("None"), "\(kind)")
            #expect(webhooks[0]["admissionReviewVersions"] == live[path: ["webhooks"]]?.arrayValue?[0]["admissionReviewVersions"])
            #expect(webhooks[0][path: ["clientConfig", "service", "name"]] == .string("ingress-nginx-controller-admission"))
            #expect(webhooks[0]["rules"]?.arrayValue?[0]["operations"] == .array([.string("CREATE"), .string("UPDATE")]))
        }
    }

    @Test func matchConditionsMergeByName() throws {
        let live = try json(Self.webhookConfiguration)
        let patch = try json(
            #"""
            {"webhooks":[{"name":"validate.nginx.ingress.kubernetes.io",
               "matchConditions":[{"name":"b","expression":"1 == 1"}]}]}
            """#
        )
        let patched = try StrategicMergePatch.apply(patch, to: live, kind: "ValidatingWebhookConfiguration")
        let conditions = try #require(patched[path: ["webhooks"]]?.arrayValue?[0]["matchConditions"]?.arrayValue)
        #expect(conditions.map { $0["name"] } == [.string("a"), .string("b")])
        #expect(conditions[1]["expression"] == .string("1 == 1"))
    }

    @Test func aServiceAccountsSecretsMergeByName() throws {
        let live = try json(#"{"kind":"ServiceAccount","metadata":{"name":"sa"},"secrets":[{"name":"one"}]}"#)
        let patch = try json(#"{"secrets":[{"name":"two"}]}"#)
        let patched = try StrategicMergePatch.apply(patch, to: live, kind: "ServiceAccount")
        let names = Set((patched["secrets"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
        #expect(names == ["one", "two"])
        // Another kind's top-level list of that name is still replaced whole.
        var otherLive = live
        otherLive["kind"] = .string("Other")
        let other = try StrategicMergePatch.apply(patch, to: otherLive, kind: "Other")
        #expect(other["secrets"] == .array([.object(["name": .string("two")])]))
    }
}
