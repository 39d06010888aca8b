import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// `api-resources`, `api-versions`, `auth can-i` and `auth whoami`: the pure parts, against kubectl 1.32's output.
@Suite struct DiscoveryVerbsTests {
    /// A core and a named document as the server answers `get APIGroupDiscoveryList` (shortened).
    static let documents: [JSONValue] = [
        [
            "kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": [:],
            "items": [[
                "metadata": ["name": ""],
                "versions": [["version": "v1", "resources": [
                    resource("pods", kind: "Pod", scope: "Namespaced", short: ["po"], categories: ["all"]),
                    resource("nodes", kind: "Node", scope: "Cluster", short: ["no"]),
                    resource("secrets", kind: "Secret", scope: "Namespaced"),
                ]]],
            ]],
        ],
        [
            "kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": [:],
            "items": [
                [
                    "metadata": ["name": "apps"],
                    "versions": [["version": "v1", "resources": [
                        resource("replicasets", kind: "ReplicaSet", scope: "Namespaced", short: ["rs"], categories: ["all"]),
                        resource("daemonsets", kind: "DaemonSet", scope: "Namespaced", short: ["ds"], categories: ["all"]),
                    ]]],
                ],
                [
                    "metadata": ["name": "authorization.k8s.io"],
                    "versions": [["version": "v1", "resources": [
                        resource("selfsubjectaccessreviews", kind: "SelfSubjectAccessReview", scope: "Cluster", verbs: ["create"]),
                    ]]],
                ],
            ],
        ],
    ]

    static func resource(
        _ name: String, kind: String, scope: String, short: [String] = [], categories: [String] = [],
        verbs: [String] = ["create", "delete", "get", "list", "patch", "update", "watch"]
    ) -> JSONValue {
        var resource: JSONValue = [
            "resource": .string(name), "responseKind": ["kind": .string(kind)], "scope": .string(scope),
            "verbs": .array(verbs.map(JSONValue.string)),
            "subresources": [["subresource": "status", "verbs": ["get"]]],
        ]
        if !short.isEmpty { resource["shortNames"] = .array(short.map(JSONValue.string)) }
        if !categories.isEmpty { resource["categories"] = .array(categories.map(JSONValue.string)) }
        return resource
    }

    static var resources: [DiscoveredResource] { documents.flatMap(DiscoveredResource.resources(in:)) }

    @Test func resources_readTheAggregatedDocuments_withoutSubresources() {
        let resources = Self.resources
        #expect(resources.map(\.qualifiedName) == [
            "pods", "nodes", "secrets", "replicasets.apps", "daemonsets.apps", "selfsubjectaccessreviews.authorization.k8s.io",
        ])
        #expect(resources[0] == DiscoveredResource(
            name: "pods", shortNames: ["po"], group: "", version: "v1", namespaced: true, kind: "Pod",
            verbs: ["create", "delete", "get", "list", "patch", "update", "watch"], categories: ["all"]))
        #expect(Self.documents.flatMap(DiscoveredResource.groupVersions(in:)).sorted()
            == ["apps/v1", "authorization.k8s.io/v1", "v1"])
    }

    @Test func table_sortsByGroupThenName_andAlignsAsKubectl() {
        #expect(APIResourcesTable().render(Self.resources) == """
            NAME                       SHORTNAMES   APIVERSION                NAMESPACED   KIND
            nodes                      no           v1                        false        Node
            pods                       po           v1                        true         Pod
            secrets                                 v1                        true         Secret
            daemonsets                 ds           apps/v1                   true         DaemonSet
            replicasets                rs           apps/v1                   true         ReplicaSet
            selfsubjectaccessreviews                authorization.k8s.io/v1   false        SelfSubjectAccessReview

            """)
    }

    @Test func table_filtersAndWideAndName() {
        let wide = APIResourcesTable(output: .wide, apiGroup: "apps", sortBy: "kind")
        #expect(wide.render(Self.resources) == """
            NAME          SHORTNAMES   APIVERSION   NAMESPACED   KIND         VERBS                                       CATEGORIES
            daemonsets    ds           apps/v1      true         DaemonSet    create,delete,get,list,patch,update,watch   all
            replicasets   rs           apps/v1      true         ReplicaSet   create,delete,get,list,patch,update,watch   all

            """)
        let name = APIResourcesTable(output: .name, namespaced: false)
        #expect(name.render(Self.resources) == "nodes\nselfsubjectaccessreviews.authorization.k8s.io\n")
        let core = APIResourcesTable(apiGroup: "", verbs: ["watch"], noHeaders: true)
        #expect(core.render(Self.resources) == """
            nodes     no    v1    false   Node
            pods      po    v1    true    Pod
            secrets         v1    true    Secret

            """)
        #expect(APIResourcesTable(categories: ["all"]).selected(Self.resources).map(\.name) == ["pods", "daemonsets", "replicasets"])
        #expect(APIResourcesTable(apiGroup: "nope").render(Self.resources) == "NAME   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n")
    }

    @Test func table_flagErrors() throws {
        #expect(throws: LabelError("--output json is not available")) { try APIResourcesTable.parseOutput("json", sortBy: "") }
        #expect(throws: LabelError("--sort-by accepts only name or kind")) { try APIResourcesTable.parseOutput(nil, sortBy: "x") }
        #expect(try APIResourcesTable.parseOutput("wide", sortBy: "name") == .wide)
        #expect(APIResources.commaSeparated(["create,watch", "list"]) == ["create", "watch", "list"])
        #expect(UnexpectedArguments.message(["a", "b"], command: "api-versions")
            == "error: unexpected arguments: [a b]\nSee 'kctl api-versions -h' for help and examples")
        #expect(UnexpectedArguments.message([], command: "api-versions") == nil)
    }

    @Test func allCategory_isWhatKubectlGetAllLists() throws {
        #expect(ResourceKind.allCategory
            == [.pod, .service, .daemonSet, .deployment, .replicaSet, .statefulSet, .cronJob, .job])
        #expect(try GetQuery.parse(["all,cm"]).map(\.kind)
            == [.pod, .service, .daemonSet, .deployment, .replicaSet, .statefulSet, .cronJob, .job, .configMap])
    }

    @Test func canI_buildsTheReview_andKubectlsWarnings() throws {
        let pods = try CanIQuestion.parse(["get", "pods/web"], namespace: "demo", allNamespaces: false, subresource: "log", noHeaders: false)
        #expect(pods.review[path: ["spec", "resourceAttributes"]] == [
            "namespace": "demo", "verb": "get", "group": "", "resource": "pods", "subresource": "log", "name": "web",
        ])
        #expect(pods.warnings.isEmpty)
        let deploy = try CanIQuestion.parse(["create", "deploy.apps"], namespace: "x", allNamespaces: true, subresource: "", noHeaders: false)
        #expect(deploy.resource == "deployments" && deploy.group == "apps" && deploy.namespace == "")
        let nodes = try CanIQuestion.parse(["frob", "nodes"], namespace: "default", allNamespaces: false, subresource: "", noHeaders: false)
        #expect(nodes.warnings == ["resource 'nodes' is not namespace scoped", "verb 'frob' is not a known verb"])
        let leases = try CanIQuestion.parse(["get", "leases"], namespace: "default", allNamespaces: false, subresource: "", noHeaders: false)
        #expect(leases.warnings.isEmpty)
        let unknown = try CanIQuestion.parse(["get", "Foo.Bar"], namespace: "d", allNamespaces: false, subresource: "", noHeaders: false)
        #expect(unknown.warnings == ["the server doesn't have a resource type 'foo' in group 'bar'"])
        #expect(unknown.resource == "Foo.Bar" && unknown.group == "")
        let url = try CanIQuestion.parse(["frob", "/logs"], namespace: "d", allNamespaces: false, subresource: "", noHeaders: false)
        #expect(url.review["spec"] == ["nonResourceAttributes": ["path": "/logs", "verb": "frob"]])
        #expect(url.warnings == ["verb 'frob' is not a known verb"])
        #expect(throws: LabelError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kctl auth can-i -h' for help and examples.")) {
            try CanIQuestion.parse(["get"], namespace: "d", allNamespaces: false, subresource: "", noHeaders: false)
        }
        #expect(throws: LabelError("--subresource can not be used with NonResourceURL")) {
            try CanIQuestion.parse(["get", "/logs"], namespace: "d", allNamespaces: false, subresource: "x", noHeaders: false)
        }
        #expect(throws: LabelError("--no-headers cannot be set without --list specified")) {
            try CanIQuestion.parse(["get", "pods"], namespace: "d", allNamespaces: false, subresource: "", noHeaders: true)
        }
    }

    @Test func canI_answerLines() {
        #expect(CanIQuestion.answer(["allowed": true]) == ("yes", true))
        #expect(CanIQuestion.answer(["allowed": false]) == ("no", false))
        #expect(CanIQuestion.answer(["allowed": false, "reason": "r", "evaluationError": "e"]) == ("no - r - e", false))
    }

    @Test func whoami_tableAndJSON_inKubectlsOrder() {
        let review: JSONValue = [
            "kind": "SelfSubjectReview", "apiVersion": "authentication.k8s.io/v1", "metadata": ["creationTimestamp": .null],
            "status": ["userInfo": ["username": "kubernetes-admin", "groups": ["system:masters", "system:authenticated"]]],
        ]
        #expect(WhoAmITable.render(review) == """
            ATTRIBUTE   VALUE
            Username    kubernetes-admin
            Groups      [system:masters system:authenticated]

            """)
        #expect(WhoAmITable.json(review) == """
            {
                "kind": "SelfSubjectReview",
                "apiVersion": "authentication.k8s.io/v1",
                "metadata": {
                    "creationTimestamp": null
                },
                "status": {
                    "userInfo": {
                        "username": "kubernetes-admin",
                        "groups": [
                            "system:masters",
                            "system:authenticated"
                        ]
                    }
                }
            }

            """)
    }

    /// Sorted by Go's text of each rule, byte by byte: `Verbs:[get list watch]` before `Verbs:[get list]` before
    /// `Verbs:[get]` (a space and `]` sort before letters), then `APIGroups:[]` before `APIGroups:[apps]`.
    @Test func rulesTable_breaksDownCompactsAndSortsAsKubectl() {
        let status: JSONValue = [
            "resourceRules": [
                ["verbs": ["get", "list"], "apiGroups": [""], "resources": ["pods", "services"]],
                ["verbs": ["create"], "apiGroups": ["authorization.k8s.io"], "resources": ["selfsubjectaccessreviews"]],
                ["verbs": ["watch"], "apiGroups": [""], "resources": ["pods"]],
                ["verbs": ["get"], "apiGroups": ["apps"], "resources": ["deployments"], "resourceNames": ["web"]],
            ],
            "nonResourceRules": [["verbs": ["get"], "nonResourceURLs": ["/version", "/api/*"]]],
            "incomplete": true, "evaluationError": "node authorizer does not support user rule resolution",
        ]
        let (text, warning) = RulesTable.render(status, noHeaders: false)
        #expect(text == """
            Resources                                       Non-Resource URLs   Resource Names   Verbs
            selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]
            pods                                            []                  []               [get list watch]
            services                                        []                  []               [get list]
                                                            [/api/*]            []               [get]
                                                            [/version]          []               [get]
            deployments.apps                                []                  [web]            [get]

            """)
        #expect(warning == "Warning: the list may be incomplete: node authorizer does not support user rule resolution")
        let admin: JSONValue = [
            "resourceRules": [["verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]]],
            "nonResourceRules": [["verbs": ["*"], "nonResourceURLs": ["*"]]], "incomplete": false,
        ]
        let plain = RulesTable.render(admin, noHeaders: true)
        #expect(plain.stdout == "*.*   []    []    [*]\n      [*]   []    [*]\n" && plain.warning == nil)
    }
}
