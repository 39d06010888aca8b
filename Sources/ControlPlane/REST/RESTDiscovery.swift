import KubeAPI

/// The discovery documents of the REST API, built from ``ResourceKind/all``: the legacy forms (`/api` APIVersions,
/// `/apis` APIGroupList, `/api/v1` and `/apis/<g>/<v>` APIResourceList) and aggregated discovery
/// (`apidiscovery.k8s.io/v2` APIGroupDiscoveryList at `/api` and `/apis`), as client-go reads them. Only what this
/// front door serves is listed. Pure.
enum RESTDiscovery {
    /// The kinds `kubectl get all` lists (Kubernetes' `all` category, restricted to the served kinds).
    static let allCategory = Set(ResourceKind.allCategory.map(\.kind))

    /// The served group-versions, the core one first, each with its kinds in ``ResourceKind/all``'s order.
    static var groupVersions: [(group: String, version: String, kinds: [ResourceKind])] {
        var result: [(group: String, version: String, kinds: [ResourceKind])] = []
        for kind in ResourceKind.all {
            if let index = result.firstIndex(where: { $0.group == kind.group && $0.version == kind.version }) {
                result[index].kinds.append(kind)
            } else {
                result.append((kind.group, kind.version, [kind]))
            }
        }
        return result.sorted { $0.group.isEmpty && !$1.group.isEmpty }
    }

    /// The verbs served on a kind's collection and objects.
    static func verbs(_ kind: ResourceKind) -> [String] {
        kind == .lease
            ? ["create", "delete", "get", "list", "patch", "update"]
            : ["create", "delete", "get", "list", "patch", "update", "watch"]
    }

    /// One subresource served here: its name, verbs and the kind it answers with (group and version empty: the
    /// parent's).
    struct Subresource {
        var name: String
        var verbs: [String]
        var kind: String?
        var group = ""
        var version = ""
    }

    /// The kind's subresources served here. `pods/eviction` carries its group and version: drain looks for exactly
    /// that entry in `/api/v1`.
    static func subresources(_ kind: ResourceKind) -> [Subresource] {
        var result: [Subresource] = []
        if ObjectLifecycle.hasStatusSubresource(kind) { result.append(Subresource(name: "status", verbs: ["get", "patch", "update"])) }
        if RESTScale.kinds.contains(kind) {
            result.append(Subresource(
                name: "scale", verbs: ["get", "patch", "update"], kind: "Scale", group: "autoscaling", version: "v1"))
        }
        if kind == .serviceAccount {
            result.append(Subresource(
                name: TokenRequest.subresource, verbs: ["create"], kind: "TokenRequest", group: "authentication.k8s.io",
                version: "v1"))
        }
        if kind == .pod {
            result.append(Subresource(name: "binding", verbs: ["create"], kind: "Binding"))
            result.append(Subresource(name: "eviction", verbs: ["create"], kind: "Eviction", group: "policy", version: "v1"))
            result.append(Subresource(name: "exec", verbs: ["create", "get"], kind: "PodExecOptions"))
            result.append(Subresource(name: "log", verbs: ["get"]))
        }
        return result
    }

    // MARK: - Legacy

    /// `GET /api`: `{"kind":"APIVersions","versions":["v1"],...}`.
    static func apiVersions(serverAddress: String) -> JSONValue {
        [
            "kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
        ]
    }

    /// The named group-versions served: the kinds' and the self-reviews'.
    static var namedGroupVersions: [(group: String, version: String)] {
        groupVersions.filter { !$0.group.isEmpty }.map { ($0.group, $0.version) }
            + RESTReview.groupVersions.map { ($0.group, $0.version) }
    }

    /// `GET /apis`: the APIGroupList of the named groups.
    static func apiGroupList() -> JSONValue {
        let groups: [JSONValue] = namedGroupVersions.map { entry in
            let version: JSONValue = [
                "groupVersion": .string("\(entry.group)/\(entry.version)"), "version": .string(entry.version),
            ]
            return ["name": .string(entry.group), "versions": [version], "preferredVersion": version]
        }
        return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)]
    }

    /// `GET /api/v1`, `GET /apis/<group>/<version>`: the APIResourceList; nil for a group-version not served.
    static func resourceList(group: String, version: String) -> JSONValue? {
        if let reviews = RESTReview.groupVersions.first(where: { $0.group == group && $0.version == version }) {
            let resources: [JSONValue] = reviews.resources.map { review in
                ["name": .string(review.plural), "singularName": "", "namespaced": false, "kind": .string(review.kind),
                 "verbs": ["create"]]
            }
            return [
                "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string("\(group)/\(version)"),
                "resources": .array(resources),
            ]
        }
        guard let entry = groupVersions.first(where: { $0.group == group && $0.version == version }) else {
            return nil
        }
        var resources: [JSONValue] = []
        for kind in entry.kinds {
            var resource: JSONValue = [
                "name": .string(kind.plural), "singularName": .string(kind.singular), "namespaced": .bool(kind.namespaced),
                "kind": .string(kind.kind), "verbs": .array(verbs(kind).map(JSONValue.string)),
            ]
            if !kind.shortNames.isEmpty { resource["shortNames"] = .array(kind.shortNames.map(JSONValue.string)) }
            if allCategory.contains(kind.kind) { resource["categories"] = ["all"] }
            resources.append(resource)
            for subresource in subresources(kind) {
                var entry: JSONValue = [
                    "name": .string("\(kind.plural)/\(subresource.name)"), "singularName": "",
                    "namespaced": .bool(kind.namespaced), "kind": .string(subresource.kind ?? kind.kind),
                    "verbs": .array(subresource.verbs.map(JSONValue.string)),
                ]
                if !subresource.version.isEmpty {
                    entry["group"] = .string(subresource.group)
                    entry["version"] = .string(subresource.version)
                }
                resources.append(entry)
            }
        }
        let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
        return [
            "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion),
            "resources": .array(resources),
        ]
    }

    // MARK: - Aggregated (apidiscovery.k8s.io/v2)

    /// `GET /api` (`core: true`) or `GET /apis` with the aggregated discovery Accept: an APIGroupDiscoveryList.
    static func aggregated(core: Bool) -> JSONValue {
        func item(group: String, version: String, resources: [JSONValue]) -> JSONValue {
            [
                "metadata": ["name": .string(group), "creationTimestamp": .null],
                "versions": [["version": .string(version), "freshness": "Current", "resources": .array(resources)]],
            ]
        }
        var items: [JSONValue] = groupVersions.filter { $0.group.isEmpty == core }.map { entry in
            item(group: entry.group, version: entry.version, resources: entry.kinds.map(aggregatedResource))
        }
        if !core {
            items += RESTReview.groupVersions.map { entry in
                item(group: entry.group, version: entry.version, resources: entry.resources.map { review in [
                    "resource": .string(review.plural),
                    "responseKind": ["group": .string(entry.group), "version": .string(entry.version), "kind": .string(review.kind)],
                    "scope": "Cluster", "singularResource": "", "verbs": ["create"],
                ] })
            }
        }
        return [
            "kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": [:],
            "items": .array(items),
        ]
    }

    private static func aggregatedResource(_ kind: ResourceKind) -> JSONValue {
        let responseKind: JSONValue = ["group": .string(kind.group), "version": .string(kind.version), "kind": .string(kind.kind)]
        var resource: JSONValue = [
            "resource": .string(kind.plural), "responseKind": responseKind,
            "scope": kind.namespaced ? "Namespaced" : "Cluster", "singularResource": .string(kind.singular),
            "verbs": .array(verbs(kind).map(JSONValue.string)),
        ]
        if !kind.shortNames.isEmpty { resource["shortNames"] = .array(kind.shortNames.map(JSONValue.string)) }
        if allCategory.contains(kind.kind) { resource["categories"] = ["all"] }
        let subresources: [JSONValue] = subresources(kind).map { subresource in
            let subKind: JSONValue = subresource.kind.map { name in
                [
                    "group": .string(subresource.version.isEmpty ? kind.group : subresource.group),
                    "version": .string(subresource.version.isEmpty ? kind.version : subresource.version),
                    "kind": .string(name),
                ]
            } ?? responseKind
            return [
                "subresource": .string(subresource.name), "responseKind": subKind,
                "verbs": .array(subresource.verbs.map(JSONValue.string)),
            ]
        }
        if !subresources.isEmpty { resource["subresources"] = .array(subresources) }
        return resource
    }
}
