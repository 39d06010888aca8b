import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// The scale subresource of custom kinds: the Scale read at the definition's paths, and the patch that writes it.
@Suite struct CustomResourceScaleTests {
    let view = CustomResourceScale(paths: CustomResourceSubresourceScale(
        specReplicasPath: ".spec.workers.count", statusReplicasPath: ".status.workers", labelSelectorPath: ".status.selector"))

    @Test func theScale_isReadAtTheDefinitionsPaths() {
        let object: JSONValue = [
            "metadata": ["name": "w1", "namespace": "default", "uid": "u", "labels": ["a": "b"]],
            "spec": ["workers": ["count": 3]], "status": ["workers": 2, "selector": "app=w"],
        ]
        #expect(view.scale(of: object) == [
            "kind": "Scale", "apiVersion": "autoscaling/v1",
            "metadata": ["name": "w1", "namespace": "default", "uid": "u"],
            "spec": ["replicas": 3], "status": ["replicas": 2, "selector": "app=w"],
        ])
        #expect(view.scale(of: ["metadata": ["name": "w2"]])[path: ["spec", "replicas"]] == 0)
        #expect(view.scale(of: ["metadata": ["name": "w2"]])[path: ["status", "selector"]] == "")
    }

    @Test func wantedReplicas_becomeAMergePatchAtTheSpecPath() {
        #expect(view.objectPatch(replicas: 5) == ["spec": ["workers": ["count": 5]]])
    }
}
