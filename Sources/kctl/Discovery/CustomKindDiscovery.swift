import KubeAPI
import Wire

/// How kctl learns the custom kinds a cluster serves (CustomResourceDefinitions), as kubectl learns every kind:
/// from the server's discovery. The built-in kinds resolve without asking; when a name or a manifest kind does not,
/// kctl reads the aggregated discovery documents once and records the kinds it did not know in
/// ``ResourceKind/discovered``, which ``ResourceKind/lookUp(name:)`` and ``ResourceKind/lookUp(kind:)`` consult.
enum CustomKindDiscovery {
    /// The kinds of the discovery documents that are not built in, one per served version (the preferred version
    /// first, as the documents list them). Pure.
    static func kinds(in documents: [JSONValue]) -> [ResourceKind] {
        learned(from: documents).kinds
    }

    /// ``kinds(in:)`` with each kind's discovery categories.
    static func learned(from documents: [JSONValue]) -> (kinds: [ResourceKind], categories: [ResourceKind: [String]]) {
        var kinds: [ResourceKind] = []
        var categories: [ResourceKind: [String]] = [:]
        for document in documents {
            for item in document["items"]?.arrayValue ?? [] {
                let group = item[path: ["metadata", "name"]]?.stringValue ?? ""
                for version in item["versions"]?.arrayValue ?? [] {
                    let versionName = version["version"]?.stringValue ?? ""
                    for resource in version["resources"]?.arrayValue ?? [] {
                        guard let kindName = resource[path: ["responseKind", "kind"]]?.stringValue,
                            let plural = resource["resource"]?.stringValue
                        else { continue }
                        if ResourceKind.all.contains(where: { $0.kind == kindName && $0.group == group }) { continue }
                        let kind = ResourceKind.custom(
                            kind: kindName, plural: plural,
                            singular: resource["singularResource"]?.stringValue ?? kindName.lowercased(), group: group,
                            version: versionName, namespaced: resource["scope"]?.stringValue == "Namespaced",
                            shortNames: resource["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                        kinds.append(kind)
                        categories[kind] = resource["categories"]?.arrayValue?.compactMap(\.stringValue) ?? []
                    }
                }
            }
        }
        return (kinds, categories)
    }

    /// Reads the server's discovery and records its custom kinds.
    static func learn(_ client: APIClient) async throws {
        let learned = learned(from: try await DiscoveredResource.fetchDocuments(client))
        ResourceKind.discovered.set(learned.kinds, categories: learned.categories)
    }

    /// Learns the custom kinds first when a resource type the user typed (`widgets`, `wd/w1`, `widgets,pods`, or
    /// `all`, whose custom members only discovery knows) or a manifest kind is not built in. A failure to read discovery is left to the command's own error.
    static func prepare(_ client: APIClient, types: [String] = [], manifestKinds: [String] = []) async {
        let unknown = types.contains { ResourceKind.resolve($0) == nil }
            || manifestKinds.contains { ResourceKind.forKind($0) == nil }
        guard unknown, ResourceKind.discovered.kinds.isEmpty else { return }
        try? await learn(client)
    }

    /// ``prepare(_:types:manifestKinds:)`` on a connection of its own, for commands that resolve names (and the
    /// kinds of the manifests in `filenames`) before they connect.
    static func prepare(_ global: GlobalOptions, arguments: [String], filenames: [String] = [], recursive: Bool = false)
        async
    {
        let types = resourceTypes(in: arguments)
        let manifestKinds = filenames.isEmpty
            ? []
            : ((try? ManifestSource.read(filenames, recursive: recursive)) ?? []).map { $0.object["kind"]?.stringValue ?? "" }
        guard types.contains(where: { ResourceKind.resolve($0) == nil })
            || manifestKinds.contains(where: { ResourceKind.forKind($0) == nil })
        else { return }
        _ = try? await APIClient.with(global) { client in
            await prepare(client, types: types, manifestKinds: manifestKinds)
        }
    }

    /// The kind a manifest's `kind` and `apiVersion` map to, as kubectl's REST mapper finds it: a built-in kind by
    /// its name, or a custom kind served at exactly that group and version; nil when nothing serves it (kubectl's
    /// `no matches for kind` error).
    static func mapping(kind: String, apiVersion: String?) -> ResourceKind? {
        if let builtIn = ResourceKind.forKind(kind) { return builtIn }
        let candidates = ResourceKind.discovered.kinds.filter { $0.kind == kind }
        guard let apiVersion, !apiVersion.isEmpty else { return candidates.first }
        return candidates.first { $0.apiVersion == apiVersion }.map { _ in candidates[0] }
    }

    /// The resource types of `get`-like arguments: the first argument's comma-separated types, or the type of each
    /// `type/name`. Explain's `widget.spec` names the type `widget`.
    static func resourceTypes(in arguments: [String]) -> [String] {
        guard let first = arguments.first else { return [] }
        if first.contains("/") {
            return arguments.compactMap { $0.split(separator: "/", maxSplits: 1).first.map(String.init) }
        }
        return first.split(separator: ",").map(String.init)
    }
}
