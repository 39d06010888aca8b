import KubeAPI
import Testing

@testable import ControlPlane

/// Accept negotiation, the discovery documents and /version: pure, no server.
@Suite struct RESTNegotiationTests {
    static let kubectlGetAccept =
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"
    static let kubectlDiscoveryAccept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"

    @Test func accept_picksTheFirstServableType() throws {
        #expect(try RESTMediaType.negotiate(accept: Self.kubectlGetAccept, tables: true, discovery: false) == .table)
        #expect(try RESTMediaType.negotiate(accept: Self.kubectlGetAccept, tables: false, discovery: false) == .json)
        #expect(try RESTMediaType.negotiate(accept: Self.kubectlDiscoveryAccept, tables: false, discovery: true) == .discoveryV2)
        #expect(try RESTMediaType.negotiate(accept: "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", tables: false, discovery: true) == .json)
        #expect(try RESTMediaType.negotiate(accept: "application/vnd.kubernetes.protobuf, application/json", tables: true, discovery: false) == .json)
        #expect(try RESTMediaType.negotiate(accept: nil, tables: true, discovery: true) == .json)
        #expect(try RESTMediaType.negotiate(accept: "*/*", tables: true, discovery: true) == .json)
        #expect(throws: Status.self) { try RESTMediaType.negotiate(accept: "text/html", tables: true, discovery: false) }
    }

    @Test func legacyDiscovery_listsEveryServedKind_withScopeVerbsShortNamesAndCategories() throws {
        let core = try #require(RESTDiscovery.resourceList(group: "", version: "v1"))
        #expect(core["groupVersion"] == "v1")
        let resources = try #require(core["resources"]?.arrayValue)
        let pods = try #require(resources.first { $0["name"] == "pods" })
        #expect(pods["namespaced"] == true && pods["kind"] == "Pod" && pods["shortNames"] == ["po"])
        #expect(pods["categories"] == ["all"])
        #expect(pods["verbs"]?.arrayValue?.contains("watch") == true)
        #expect(resources.contains { $0["name"] == "pods/status" })
        // drain looks for exactly this entry before it evicts.
        #expect(resources.contains {
            $0["name"] == "pods/eviction" && $0["group"] == "policy" && $0["version"] == "v1" && $0["kind"] == "Eviction"
        })
        #expect(resources.contains { $0["name"] == "pods/log" && $0["verbs"] == ["get"] })
        let nodes = try #require(resources.first { $0["name"] == "nodes" })
        #expect(nodes["namespaced"] == false && nodes["categories"] == nil)
        let apps = try #require(RESTDiscovery.resourceList(group: "apps", version: "v1"))
        #expect(apps["resources"]?.arrayValue?.contains { $0["name"] == "daemonsets" && $0["shortNames"] == ["ds"] } == true)
        #expect(RESTDiscovery.resourceList(group: "batch", version: "v1") == nil)
        let groups = try #require(RESTDiscovery.apiGroupList()["groups"]?.arrayValue)
        #expect(groups.map { $0["name"] } == ["apps", "coordination.k8s.io"])
    }

    @Test func aggregatedDiscovery_hasCoreAloneAtApi_andTheNamedGroupsAtApis() throws {
        let core = RESTDiscovery.aggregated(core: true)
        #expect(core["kind"] == "APIGroupDiscoveryList" && core["apiVersion"] == "apidiscovery.k8s.io/v2")
        let items = try #require(core["items"]?.arrayValue)
        #expect(items.count == 1 && items[0][path: ["metadata", "name"]] == "")
        let version = try #require(items[0]["versions"]?.arrayValue?.first)
        #expect(version["freshness"] == "Current")
        let pods = try #require(version["resources"]?.arrayValue?.first { $0["resource"] == "pods" })
        #expect(pods["scope"] == "Namespaced" && pods["responseKind"] == ["group": "", "version": "v1", "kind": "Pod"])
        #expect(pods["subresources"]?.arrayValue?.contains { $0["subresource"] == "status" } == true)
        let named = try #require(RESTDiscovery.aggregated(core: false)["items"]?.arrayValue)
        #expect(named.map { $0[path: ["metadata", "name"]] } == ["apps", "coordination.k8s.io"])
    }

    @Test func version_reportsMinor32_withOurBuildInTheSuffix() {
        let document = RESTVersion.document
        #expect(document["major"] == "1" && document["minor"] == "32")
        #expect(document["gitVersion"]?.stringValue?.hasPrefix("v1.32.0-kcluster") == true)
    }
}
