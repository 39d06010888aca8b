import Foundation
import KubeAPI
import Testing

/// A PodDisruptionBudget's `spec.selector` has the `replace` patch strategy (policy/v1 tags it so): a patch's
/// selector replaces the live one whole, and a generated patch always carries it, which is why kubectl 1.32 says
/// `configured` each time calico's or aws-ebs-csi's PodDisruptionBudget is applied again.
@Suite("Strategic merge patch: maps replaced whole")
struct StrategicReplaceMapTests {
    static func budget(_ labels: [String: String]) -> JSONValue {
        .object([
            "apiVersion": .string("policy/v1"), "kind": .string("PodDisruptionBudget"),
            "metadata": .object(["name": .string("calico-kube-controllers")]),
            "spec": .object([
                "maxUnavailable": .int(1),
                "selector": .object(["matchLabels": .object(labels.mapValues { .string($0) })]),
            ]),
        ])
    }

    @Test func aPatchedSelectorReplacesTheLiveOne() throws {
        let live = Self.budget(["k8s-app": "calico-kube-controllers", "tier": "control"])
        let patch: JSONValue = .object([
            "spec": .object(["selector": .object(["matchLabels": .object(["k8s-app": .string("other")])])])
        ])
        let patched = try StrategicMergePatch.apply(patch, to: live, kind: "PodDisruptionBudget")
        #expect(patched == Self.budget(["k8s-app": "other"]))
        // A Deployment's selector still merges.
        var deployment = live
        deployment["kind"] = .string("Deployment")
        let merged = try StrategicMergePatch.apply(patch, to: deployment, kind: "Deployment")
        #expect(merged[path: ["spec", "selector", "matchLabels", "tier"]] == .string("control"))
    }

    @Test func theSameManifestAgainStillCarriesTheSelector() throws {
        let manifest = Self.budget(["k8s-app": "calico-kube-controllers"])
        let patch = try #require(
            StrategicMergePatch.threeWay(
                original: manifest, modified: manifest, current: manifest, kind: "PodDisruptionBudget"))
        #expect(patch == .object(["spec": .object(["selector": manifest[path: ["spec", "selector"]] ?? .null])]))
        #expect(try StrategicMergePatch.apply(patch, to: manifest, kind: "PodDisruptionBudget") == manifest)
        // A label dropped from the manifest is gone from the object once patched.
        let narrower = Self.budget(["k8s-app": "calico-kube-controllers"])
        let wider = Self.budget(["k8s-app": "calico-kube-controllers", "old": "x"])
        let dropped = try #require(
            StrategicMergePatch.threeWay(
                original: wider, modified: narrower, current: wider, kind: "PodDisruptionBudget"))
        #expect(try StrategicMergePatch.apply(dropped, to: wider, kind: "PodDisruptionBudget") == narrower)
    }
}
