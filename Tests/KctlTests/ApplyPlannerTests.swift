import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

@Suite struct ApplyPlannerTests {
    let manifest: JSONValue = [
        "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p"],
        "spec": ["containers": [["name": "c", "image": "nginx:1"]]],
    ]

    @Test func missingObject_isCreated_withTheLastAppliedAnnotation() throws {
        let (plan, missing) = try ApplyPlanner.plan(manifest: manifest, live: nil)
        guard case .create(let object) = plan else {
            Issue.record("expected a create, got \(plan)")
            return
        }
        #expect(!missing)
        let annotation = object[path: ["metadata", "annotations", ApplyPlanner.lastAppliedAnnotation]]?.stringValue
        // kubectl's text: the manifest with `metadata.annotations` set back without the annotation, `{}` here.
        #expect(
            annotation
                == #"{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"p"},"#
                + #""spec":{"containers":[{"image":"nginx:1","name":"c"}]}}"# + "\n")
    }

    @Test func lastApplied_keepsTheManifestsOtherAnnotations() throws {
        var annotated = manifest
        annotated[path: ["metadata", "annotations"]] = ["team": "a", ApplyPlanner.lastAppliedAnnotation: "old"]
        let applied = ApplyPlanner.withLastApplied(annotated)
        let text = applied[path: ["metadata", "annotations", ApplyPlanner.lastAppliedAnnotation]]?.stringValue ?? ""
        #expect(text.contains(#""metadata":{"annotations":{"team":"a"},"name":"p"}"#), "\(text)")
        #expect(applied[path: ["metadata", "annotations", "team"]] == "a")
    }

    /// kubectl apply's annotation for an object made by `kubectl apply`: kctl finds nothing to change.
    @Test func kubectlsAnnotation_isUnchanged() throws {
        let kubectlText =
            #"{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"p","namespace":"default"},"#
            + #""spec":{"containers":[{"image":"nginx:1","name":"c"}]}}"# + "\n"
        var live = manifest
        live[path: ["metadata", "namespace"]] = "default"
        live[path: ["metadata", "annotations"]] = [ApplyPlanner.lastAppliedAnnotation: .string(kubectlText)]
        live[path: ["metadata", "uid"]] = "u"
        let planned = try ApplyPlanner.plan(manifest: ApplyPlanner.inNamespace(manifest, "default"), live: live)
        #expect(planned.plan == .unchanged)
        // Without the namespace kubectl's builder adds, the texts would differ and kctl would patch.
        #expect(try ApplyPlanner.plan(manifest: manifest, live: live).plan != .unchanged)
    }

    /// Go's encoder escapes HTML characters and the two line separators; kubectl's annotation text has them so.
    @Test func lastApplied_escapesAsGoDoes() throws {
        var data = manifest
        data["kind"] = "ConfigMap"
        data["data"] = ["re": "(?<host>[^ ]*) & \u{2028}"]
        let applied = ApplyPlanner.withLastApplied(data)
        let text = applied[path: ["metadata", "annotations", ApplyPlanner.lastAppliedAnnotation]]?.stringValue ?? ""
        #expect(text.contains(#""re":"(?\u003chost\u003e[^ ]*) \u0026 \u2028""#), "\(text)")
        #expect(try JSONValue(jsonData: Data(text.utf8))["data"] == data["data"])
    }

    /// kubectl 1.32 apply --dry-run=client of an applied file: `configured (dry run)` for every existing object.
    @Test func clientDryRun_saysConfiguredForAnObjectWithNothingToChange() {
        #expect(ApplyPlanner.unchangedVerb(clientDryRun: true) == "configured")
        #expect(ApplyPlanner.unchangedVerb(clientDryRun: false) == "unchanged")
    }

    @Test func inNamespace_setsOnlyAMissingNamespace() {
        #expect(ApplyPlanner.inNamespace(manifest, "default")[path: ["metadata", "namespace"]] == "default")
        var elsewhere = manifest
        elsewhere[path: ["metadata", "namespace"]] = "kube-system"
        #expect(ApplyPlanner.inNamespace(elsewhere, "default")[path: ["metadata", "namespace"]] == "kube-system")
        #expect(ApplyPlanner.inNamespace(manifest, nil)[path: ["metadata", "namespace"]] == nil)
    }

    @Test func sameManifestAgain_isUnchanged_evenWithServerFields() throws {
        guard case .create(var live) = try ApplyPlanner.plan(manifest: manifest, live: nil).plan else { return }
        live[path: ["metadata", "uid"]] = "u"
        live[path: ["spec", "restartPolicy"]] = "Always"
        live["status"] = ["phase": "Running"]
        #expect(try ApplyPlanner.plan(manifest: manifest, live: live).plan == .unchanged)
    }

    @Test func changedImage_isAStrategicPatchOfThatContainer() throws {
        guard case .create(let live) = try ApplyPlanner.plan(manifest: manifest, live: nil).plan else { return }
        var changed = manifest
        changed[path: ["spec", "containers"]] = [["name": "c", "image": "nginx:2"]]
        guard case .patch(let patch) = try ApplyPlanner.plan(manifest: changed, live: live).plan else {
            Issue.record("expected a patch")
            return
        }
        let merged = try StrategicMergePatch.apply(patch, to: live, kind: "Pod")
        #expect(merged[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:2")
    }
}
