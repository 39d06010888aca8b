import KubeAPI
import Testing
import Wire

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
        // The Python dynamic client finds exec here.
        #expect(resources.contains { $0["name"] == "pods/exec" && $0["kind"] == "PodExecOptions" && $0["verbs"] == ["create", "get"] })
        let nodes = try #require(resources.first { $0["name"] == "nodes" })
        #expect(nodes["namespaced"] == false && nodes["categories"] == nil)
        let apps = try #require(RESTDiscovery.resourceList(group: "apps", version: "v1"))
        #expect(apps["resources"]?.arrayValue?.contains { $0["name"] == "daemonsets" && $0["shortNames"] == ["ds"] } == true)
        #expect(RESTDiscovery.resourceList(group: "autoscaling", version: "v2") == nil)
        let slices = try #require(RESTDiscovery.resourceList(group: "discovery.k8s.io", version: "v1")?["resources"]?.arrayValue)
        #expect(slices.map { $0["name"] } == ["endpointslices"] && slices[0]["shortNames"] == nil)
        #expect(slices[0]["namespaced"] == true && slices[0]["verbs"]?.arrayValue?.contains("watch") == true)
        let groups = try #require(RESTDiscovery.apiGroupList()["groups"]?.arrayValue)
        #expect(groups.map { $0["name"]?.stringValue ?? "" } == Self.namedGroups)
        let reviews = try #require(RESTDiscovery.resourceList(group: "authorization.k8s.io", version: "v1"))
        #expect(reviews["resources"] == [
            ["name": "selfsubjectaccessreviews", "singularName": "", "namespaced": false,
             "kind": "SelfSubjectAccessReview", "verbs": ["create"]],
            ["name": "selfsubjectrulesreviews", "singularName": "", "namespaced": false,
             "kind": "SelfSubjectRulesReview", "verbs": ["create"]],
            ["name": "subjectaccessreviews", "singularName": "", "namespaced": false,
             "kind": "SubjectAccessReview", "verbs": ["create"]],
        ])
    }

    /// The named groups discovery lists: those of the served kinds, in the order the kinds are declared, then the
    /// review groups (no kind of theirs is stored).
    static var namedGroups: [String] {
        var groups: [String] = []
        for kind in ResourceKind.all where !kind.group.isEmpty && !groups.contains(kind.group) { groups.append(kind.group) }
        return groups + ["authorization.k8s.io", "authentication.k8s.io"]
    }

    @Test func discovery_namesTheGroupsOfIssue10sKinds() {
        for group in ["apps", "batch", "policy", "rbac.authorization.k8s.io", "networking.k8s.io", "storage.k8s.io",
                      "scheduling.k8s.io", "admissionregistration.k8s.io", "apiregistration.k8s.io", "apiextensions.k8s.io"] {
            #expect(Self.namedGroups.contains(group), "\(group)")
        }
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
        #expect(named.map { $0[path: ["metadata", "name"]]?.stringValue ?? "" } == Self.namedGroups)
    }

    @Test func version_reportsMinor32_withOurBuildInTheSuffix() {
        let document = RESTVersion.document
        #expect(document["major"] == "1" && document["minor"] == "32")
        #expect(document["gitVersion"]?.stringValue?.hasPrefix("v1.32.0-kcluster") == true)
    }

    /// Protobuf as kubectl 1.32 sends an access review: `k8s\0`, runtime.Unknown{1 typeMeta, 2 raw}, raw =
    /// SelfSubjectAccessReview{2 spec{1 resourceAttributes{1 namespace, 2 verb, 3 group, 5 resource}}}.
    static func protobufReview(namespace: String, verb: String, group: String, resource: String) -> [UInt8] {
        func field(_ number: Int, _ bytes: [UInt8]) -> [UInt8] { [UInt8(number << 3 | 2), UInt8(bytes.count)] + bytes }
        let attributes = field(1, Array(namespace.utf8)) + field(2, Array(verb.utf8)) + field(3, Array(group.utf8))
            + field(5, Array(resource.utf8))
        let review = field(1, []) + field(2, field(1, attributes))
        let typeMeta = field(1, Array("authorization.k8s.io/v1".utf8)) + field(2, Array("SelfSubjectAccessReview".utf8))
        return ProtobufReader.kubernetesMagic + field(1, typeMeta) + field(2, review) + field(4, [])
    }

    @Test func accessReviews_decodeFromProtobufAndJSON_intoTheRequestTheAuthorizerJudges() throws {
        let body = Self.protobufReview(namespace: "default", verb: "create", group: "", resource: "pods")
        let attributes = try RESTReview.attributes(body: body, contentType: "application/vnd.kubernetes.protobuf")
        #expect(attributes == RESTReview.Attributes(namespace: "default", verb: "create", resource: "pods"))
        let json = #"{"spec":{"resourceAttributes":{"verb":"list","group":"apps","resource":"daemonsets"}}}"#
        let fromJSON = try RESTReview.attributes(body: Array(json.utf8), contentType: nil)
        #expect(fromJSON == RESTReview.Attributes(verb: "list", group: "apps", resource: "daemonsets"))
        let (request, kind) = try #require(RESTReview.request(for: attributes))
        #expect(request.verb == .create && request.namespace == "default" && kind == .pod)
        #expect(RESTReview.request(for: RESTReview.Attributes(verb: "frob", resource: "pods")) == nil)
        #expect(RESTReview.request(for: RESTReview.Attributes(verb: "get", resource: "widgets")) == nil)
        #expect(throws: Status.self) {
            try RESTReview.attributes(body: [1, 2, 3], contentType: "application/vnd.kubernetes.protobuf")
        }
        #expect(RESTReview.accessAnswer(attributes, allowed: true, reason: nil)["status"] == ["allowed": true])
    }
}
