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
        #expect(annotation == manifest.jsonString() + "\n")
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
