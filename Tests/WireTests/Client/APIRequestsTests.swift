import KubeAPI
import Testing
@testable import Wire

/// The requests the typed client sends for each verb (PROTOCOL.md sections 5 and 6). Pure.
@Suite struct APIRequestsTests {
    @Test func clusterScopedKinds_sendNoNamespace() {
        #expect(APIRequests.get(.node, namespace: "demo", name: "n1").namespace == nil)
        #expect(APIRequests.get(.pod, namespace: "demo", name: "p").namespace == "demo")
        #expect(APIRequests.list(.namespace, namespace: "demo", options: .init()).namespace == nil)
    }

    @Test func watch_carriesSelectorsAndVersion_listDoesNotSendTheVersion() {
        let options = ListOptions(labelSelector: "app=web", fieldSelector: "spec.nodeName=n1", resourceVersion: "12")
        let watch = APIRequests.watch(.pod, namespace: nil, options: options)
        #expect(watch.verb == .watch)
        #expect(watch.labelSelector == "app=web")
        #expect(watch.fieldSelector == "spec.nodeName=n1")
        #expect(watch.resourceVersion == "12")
        let list = APIRequests.list(.pod, namespace: nil, options: options)
        #expect(list.verb == .list)
        #expect(list.resourceVersion == nil)
        #expect(list.labelSelector == "app=web")
    }

    @Test func writes_sendDryRunOnlyWhenAsked() {
        let object: JSONValue = ["metadata": ["name": "x"]]
        #expect(APIRequests.create(.pod, namespace: "d", object: object, options: .init()).dryRun == nil)
        #expect(APIRequests.create(.pod, namespace: "d", object: object, options: .init(dryRun: true)).dryRun == true)
        let patch = APIRequests.patch(
            .deployment, namespace: "d", name: "x", patch: ["spec": ["replicas": 2]], patchType: .strategic,
            subresource: "status", options: .init())
        #expect(patch.verb == .patch)
        #expect(patch.kind == "Deployment")
        #expect(patch.patchType == .strategic)
        #expect(patch.subresource == "status")
        #expect(patch.dryRun == nil)
    }

    @Test func delete_andBinding() {
        let delete = APIRequests.delete(
            .daemonSet, namespace: "d", name: "x", options: .init(gracePeriodSeconds: 5, propagationPolicy: "Orphan"))
        #expect(delete.verb == .delete)
        #expect(delete.gracePeriodSeconds == 5)
        #expect(delete.propagationPolicy == "Orphan")
        let binding = APIRequests.binding(namespace: "d", pod: "p", node: "n1")
        #expect(binding.verb == .create)
        #expect(binding.kind == "Pod")
        #expect(binding.subresource == "binding")
        #expect(binding.name == "p")
        #expect(binding.object?[path: ["target", "name"]] == "n1")
    }
}
