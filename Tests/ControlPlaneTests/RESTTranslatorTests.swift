import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// HTTP method, query and body to the API server's Request: pure translation, no server.
@Suite struct RESTTranslatorTests {
    let pods = RESTTarget(kind: .pod, namespace: "default", name: nil, subresource: nil)
    let pod = RESTTarget(kind: .pod, namespace: "default", name: "web", subresource: nil)

    func translate(
        _ method: String, _ target: RESTTarget, _ query: String = "", contentType: String? = nil, body: String = ""
    ) throws -> RESTTranslator.Operation {
        try RESTTranslator.operation(
            method: method, target: target, query: RESTQuery(parsing: Substring(query)), contentType: contentType,
            body: Array(body.utf8))
    }

    func call(_ operation: RESTTranslator.Operation) throws -> Request {
        guard case .call(let request) = operation else { throw Status.badRequest("expected a call, got \(operation)") }
        return request
    }

    @Test func get_isGetOrList_withDecodedSelectors() throws {
        let get = try call(translate("GET", pod))
        #expect(get.verb == .get && get.kind == "Pod" && get.namespace == "default" && get.name == "web")
        let list = try call(translate("GET", pods, "labelSelector=app%3Dweb%2Ctier+in+(a%2Cb)&fieldSelector=status.phase%21%3DFailed&limit=500"))
        #expect(list.verb == .list)
        #expect(list.labelSelector == "app=web,tier in (a,b)")
        #expect(list.fieldSelector == "status.phase!=Failed")
    }

    @Test func watch_takesWatchTrueOrOne_theVersionTimeoutAndBookmarks() throws {
        for flag in ["true", "1"] {
            guard case .watch(let request) = try translate(
                "GET", pods, "watch=\(flag)&resourceVersion=12&timeoutSeconds=5&allowWatchBookmarks=true")
            else { Issue.record("not a watch"); continue }
            #expect(request.verb == .watch && request.resourceVersion == "12" && request.timeoutSeconds == 5)
            #expect(request.allowWatchBookmarks == true)
        }
        guard case .watch(let byName) = try translate("GET", pod, "watch=1&fieldSelector=spec.nodeName%3Dn1") else {
            Issue.record("not a watch")
            return
        }
        #expect(byName.name == nil)
        #expect(byName.fieldSelector == "spec.nodeName=n1,metadata.name=web")
        #expect(throws: Status.self) { try translate("GET", pods, "watch=maybe") }
    }

    @Test func post_createsFromTheBody_withOrWithoutContentType_andDryRunAll() throws {
        let body = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"}}"#
        let create = try call(translate("POST", pods, "fieldManager=kubectl-create&dryRun=All", body: body))
        #expect(create.verb == .create)
        #expect(create.object?[path: ["metadata", "name"]] == "web")
        #expect(create.dryRun == true)
        let typed = try call(translate("POST", pods, contentType: "application/json; charset=utf-8", body: body))
        #expect(typed.dryRun == nil)
        #expect(throws: Status.self) { try translate("POST", pods, "dryRun=Some", body: body) }
    }

    @Test func badBodiesAndFormats_areRefusedWithKubernetesCodes() {
        func code(_ operation: () throws -> RESTTranslator.Operation) -> Int? {
            do { _ = try operation(); return nil } catch let status as Status { return status.code } catch { return -1 }
        }
        #expect(code { try translate("POST", pods, body: "{not json") } == 400)
        #expect(code { try translate("POST", pods, body: "[1]") } == 400)
        #expect(code { try translate("POST", pods, body: "") } == 400)
        #expect(code { try translate("POST", pods, contentType: "application/vnd.kubernetes.protobuf", body: "k8s") } == 415)
        #expect(code { try translate("PATCH", pod, contentType: "text/plain", body: "{}") } == 415)
        #expect(code { try translate("PATCH", pod, contentType: "application/apply-patch+yaml", body: "[1]") } == 400)
        #expect(code { try translate("POST", pod, body: "{}") } == 405)
        #expect(code { try translate("PUT", pods, body: "{}") } == 405)
        #expect(code { try translate("DELETE", pods) } == 405)
        #expect(code { try translate("OPTIONS", pods) } == 405)
        #expect(code { try translate("GET", RESTTarget(kind: .pod, namespace: "default", name: "web", subresource: "scale")) } == 404)
    }

    @Test func put_updates_andPatch_takesItsTypeFromTheContentType() throws {
        let update = try call(translate("PUT", pod, body: #"{"metadata":{"name":"web","resourceVersion":"3"}}"#))
        #expect(update.verb == .update && update.name == "web")
        let types: [(String, PatchType)] = [
            ("application/strategic-merge-patch+json", .strategic), ("application/merge-patch+json", .merge),
            ("application/json-patch+json", .json),
        ]
        for (contentType, type) in types {
            let patch = try call(translate("PATCH", pod, contentType: contentType, body: "[]"))
            #expect(patch.verb == .patch && patch.patchType == type && patch.patch == [])
        }
        let status = RESTTarget(kind: .pod, namespace: "default", name: "web", subresource: "status")
        #expect(try call(translate("PATCH", status, contentType: "application/merge-patch+json", body: "{}")).subresource == "status")
    }

    @Test func delete_readsOptionsFromTheQueryAndTheBody_theBodyWinning() throws {
        let fromQuery = try call(translate("DELETE", pod, "propagationPolicy=Foreground&gracePeriodSeconds=0"))
        #expect(fromQuery.verb == .delete && fromQuery.propagationPolicy == "Foreground" && fromQuery.gracePeriodSeconds == 0)
        let fromBody = try call(translate(
            "DELETE", pod, "gracePeriodSeconds=30", contentType: "application/json",
            body: #"{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background","gracePeriodSeconds":5,"dryRun":["All"]}"#))
        #expect(fromBody.propagationPolicy == "Background" && fromBody.gracePeriodSeconds == 5 && fromBody.dryRun == true)
        let orphan = try call(translate("DELETE", pod, body: #"{"orphanDependents":true}"#))
        #expect(orphan.propagationPolicy == "Orphan")
    }

    @Test func podLog_takesKubectlsQuery_andEviction_isTheDeletionWithItsOptions() throws {
        let log = RESTTarget(kind: .pod, namespace: "default", name: "web", subresource: "log")
        guard case .log(let request) = try translate("GET", log, "container=c&follow=true&tailLines=10&timestamps=1")
        else { Issue.record("not a log"); return }
        #expect(request.verb == .get && request.subresource == "log" && request.isStream)
        #expect(request.container == "c" && request.follow == true && request.tailLines == 10 && request.timestamps == true)
        let dsLog = RESTTarget(kind: .daemonSet, namespace: "default", name: "x", subresource: "log")
        #expect(throws: Status.self) { try translate("GET", dsLog) }

        let eviction = RESTTarget(kind: .pod, namespace: "default", name: "web", subresource: "eviction")
        guard case .evict(let delete) = try translate(
            "POST", eviction, contentType: "application/json",
            body: #"{"kind":"Eviction","apiVersion":"policy/v1","metadata":{"name":"web"},"deleteOptions":{"gracePeriodSeconds":0}}"#)
        else { Issue.record("not an eviction"); return }
        #expect(delete.verb == .delete && delete.name == "web" && delete.subresource == nil && delete.gracePeriodSeconds == 0)
    }

    @Test func scale_isReadThenChanged_onlyForDeploymentsAndReplicaSets() throws {
        let deployment = RESTTarget(kind: .deployment, namespace: "default", name: "redis", subresource: "scale")
        #expect(try translate("GET", deployment) == .scale(
            read: Request(verb: .get, kind: "Deployment", namespace: "default", name: "redis"), change: nil))
        guard case .scale(_, let change) = try translate(
            "PATCH", deployment, contentType: "application/merge-patch+json", body: #"{"spec":{"replicas":3}}"#)
        else { Issue.record("not a scale"); return }
        #expect(change == .patch(["spec": ["replicas": 3]], .merge))
        let daemonSet = RESTTarget(kind: .daemonSet, namespace: "default", name: "x", subresource: "scale")
        #expect(throws: Status.self) { try translate("PATCH", daemonSet, contentType: "application/merge-patch+json", body: "{}") }
    }

    @Test func aScale_viewsTheObjectsReplicasAndSelector_andItsChangeIsAReplicasPatch() throws {
        let deployment: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": "redis", "namespace": "default", "uid": "u", "resourceVersion": "9", "labels": ["a": "b"]],
            "spec": ["replicas": 1, "selector": ["matchLabels": ["role": "logstor", "app": "redis"]]],
            "status": ["replicas": 1],
        ]
        let scale = RESTScale.scale(of: deployment)
        #expect(scale["kind"] == "Scale" && scale["apiVersion"] == "autoscaling/v1")
        #expect(scale["metadata"] == ["name": "redis", "namespace": "default", "uid": "u", "resourceVersion": "9"])
        #expect(scale["spec"] == ["replicas": 1])
        #expect(scale["status"] == ["replicas": 1, "selector": "app=redis,role=logstor"])
        let wanted = try RESTScale.patched(scale, patch: ["spec": ["replicas": 3]], type: .merge)
        #expect(try RESTScale.replicas(of: wanted) == 3)
        #expect(RESTScale.objectPatch(replicas: 3) == ["spec": ["replicas": 3]])
        #expect(throws: Status.self) { try RESTScale.replicas(of: ["spec": ["replicas": "three"]]) }
    }
}
