import KubeAPI

/// The custom kinds in the discovery documents: each served definition's group with its served versions (the
/// preferred first), each kind with its names, categories, and `status`/`scale` subresources where the version
/// serves them, as Kubernetes' apiextensions server publishes them. Pure.
extension RESTDiscovery {
    /// One custom group: its versions, preferred first, each with its kinds.
    struct CustomGroup {
        var name: String
        var versions: [(version: String, types: [(CustomResourceType, CustomResourceType.Version)])]
    }

    /// The custom groups of `types`, by group name.
    static func customGroups(_ types: [CustomResourceType]) -> [CustomGroup] {
        var groups: [CustomGroup] = []
        for type in types {
            var index = groups.firstIndex { $0.name == type.kind.group }
            if index == nil {
                groups.append(CustomGroup(name: type.kind.group, versions: []))
                index = groups.count - 1
            }
            for version in type.versions {
                if let at = groups[index!].versions.firstIndex(where: { $0.version == version.name }) {
                    groups[index!].versions[at].types.append((type, version))
                } else {
                    groups[index!].versions.append((version.name, [(type, version)]))
                }
            }
        }
        for index in groups.indices {
            groups[index].versions.sort { CustomResourceType.priority($0.version) < CustomResourceType.priority($1.version) }
        }
        return groups.sorted { $0.name < $1.name }
    }

    /// `GET /api` or `/apis` in the aggregated form, with the custom groups after the built-in ones.
    static func aggregated(core: Bool, custom types: [CustomResourceType]) -> JSONValue {
        var document = aggregated(core: core)
        guard !core, !types.isEmpty else { return document }
        let items: [JSONValue] = customGroups(types).map { group in
            let versions: [JSONValue] = group.versions.map { entry in
                [
                    "version": .string(entry.version), "freshness": "Current",
                    "resources": .array(entry.types.map { aggregatedResource($0.0, version: $0.1) }),
                ]
            }
            return ["metadata": ["name": .string(group.name), "creationTimestamp": .null], "versions": .array(versions)]
        }
        document["items"] = .array((document["items"]?.arrayValue ?? []) + items)
        return document
    }

    /// `GET /apis` (legacy APIGroupList), with the custom groups.
    static func apiGroupList(custom types: [CustomResourceType]) -> JSONValue {
        var document = apiGroupList()
        let groups: [JSONValue] = customGroups(types).map { group in
            let versions: [JSONValue] = group.versions.map { entry in
                ["groupVersion": .string("\(group.name)/\(entry.version)"), "version": .string(entry.version)]
            }
            return ["name": .string(group.name), "versions": .array(versions), "preferredVersion": versions[0]]
        }
        document["groups"] = .array((document["groups"]?.arrayValue ?? []) + groups)
        return document
    }

    /// `GET /apis/<group>/<version>` of a custom group-version: its APIResourceList; nil when none is served there.
    static func customResourceList(group: String, version: String, custom types: [CustomResourceType]) -> JSONValue? {
        guard let group = customGroups(types).first(where: { $0.name == group }),
            let entry = group.versions.first(where: { $0.version == version })
        else { return nil }
        var resources: [JSONValue] = []
        for (type, served) in entry.types {
            let kind = type.kind
            var resource: JSONValue = [
                "name": .string(kind.plural), "singularName": .string(kind.singular), "namespaced": .bool(kind.namespaced),
                "kind": .string(kind.kind), "verbs": .array(verbs(kind).map(JSONValue.string)),
            ]
            if !kind.shortNames.isEmpty { resource["shortNames"] = .array(kind.shortNames.map(JSONValue.string)) }
            if !type.categories.isEmpty { resource["categories"] = .array(type.categories.map(JSONValue.string)) }
            resources.append(resource)
            if served.hasStatus {
                resources.append([
                    "name": .string("\(kind.plural)/status"), "singularName": "", "namespaced": .bool(kind.namespaced),
                    "kind": .string(kind.kind), "verbs": ["get", "patch", "update"],
                ])
            }
            if served.scale != nil {
                resources.append([
                    "name": .string("\(kind.plural)/scale"), "singularName": "", "namespaced": .bool(kind.namespaced),
                    "group": "autoscaling", "version": "v1", "kind": "Scale", "verbs": ["get", "patch", "update"],
                ])
            }
        }
        return [
            "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string("\(group.name)/\(version)"),
            "resources": .array(resources),
        ]
    }

    private static func aggregatedResource(_ type: CustomResourceType, version: CustomResourceType.Version) -> JSONValue {
        let kind = type.kind
        let responseKind: JSONValue = ["group": .string(kind.group), "version": .string(version.name), "kind": .string(kind.kind)]
        var resource: JSONValue = [
            "resource": .string(kind.plural), "responseKind": responseKind,
            "scope": kind.namespaced ? "Namespaced" : "Cluster", "singularResource": .string(kind.singular),
            "verbs": .array(verbs(kind).map(JSONValue.string)),
        ]
        if !kind.shortNames.isEmpty { resource["shortNames"] = .array(kind.shortNames.map(JSONValue.string)) }
        if !type.categories.isEmpty { resource["categories"] = .array(type.categories.map(JSONValue.string)) }
        var subresources: [JSONValue] = []
        if version.hasStatus {
            subresources.append(["subresource": "status", "responseKind": responseKind, "verbs": ["get", "patch", "update"]])
        }
        if version.scale != nil {
            subresources.append([
                "subresource": "scale", "responseKind": ["group": "autoscaling", "version": "v1", "kind": "Scale"],
                "verbs": ["get", "patch", "update"],
            ])
        }
        if !subresources.isEmpty { resource["subresources"] = .array(subresources) }
        return resource
    }
}
