import KubeAPI
import Wire

/// One resource the server's discovery lists (a row of `kubectl api-resources`): read from the aggregated
/// discovery documents (`apidiscovery.k8s.io/v2`) the frame protocol's `get APIGroupDiscoveryList` answers.
struct DiscoveredResource: Sendable, Equatable {
    /// The plural resource name (`daemonsets`).
    var name: String
    var shortNames: [String]
    /// The group (empty: core).
    var group: String
    var version: String
    var namespaced: Bool
    var kind: String
    var verbs: [String]
    var categories: [String]

    /// `apps/v1`, or `v1` for the core group.
    var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// kubectl's `-o name` form: `daemonsets.apps`, or `pods` for the core group.
    var qualifiedName: String { group.isEmpty ? name : "\(name).\(group)" }

    /// The resources of an `APIGroupDiscoveryList`, in its order: each group's first (preferred) version,
    /// subresources left out, as `kubectl api-resources` lists them.
    static func resources(in list: JSONValue) -> [DiscoveredResource] {
        var result: [DiscoveredResource] = []
        for item in list["items"]?.arrayValue ?? [] {
            let group = item[path: ["metadata", "name"]]?.stringValue ?? ""
            guard let version = item["versions"]?.arrayValue?.first else { continue }
            let versionName = version["version"]?.stringValue ?? ""
            for resource in version["resources"]?.arrayValue ?? [] {
                func strings(_ key: String) -> [String] { resource[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
                result.append(DiscoveredResource(
                    name: resource["resource"]?.stringValue ?? "", shortNames: strings("shortNames"), group: group,
                    version: versionName, namespaced: resource["scope"]?.stringValue == "Namespaced",
                    kind: resource[path: ["responseKind", "kind"]]?.stringValue ?? "", verbs: strings("verbs"),
                    categories: strings("categories")))
            }
        }
        return result
    }

    /// The group-versions of an `APIGroupDiscoveryList`, every version of every group (`apps/v1`, `v1`).
    static func groupVersions(in list: JSONValue) -> [String] {
        var result: [String] = []
        for item in list["items"]?.arrayValue ?? [] {
            let group = item[path: ["metadata", "name"]]?.stringValue ?? ""
            for version in item["versions"]?.arrayValue ?? [] {
                let name = version["version"]?.stringValue ?? ""
                result.append(group.isEmpty ? name : "\(group)/\(name)")
            }
        }
        return result
    }

    /// Asks the server for both discovery documents (core, then named groups).
    static func fetchDocuments(_ client: APIClient) async throws -> [JSONValue] {
        var documents: [JSONValue] = []
        for name in [APIDiscoveryRequest.coreName, APIDiscoveryRequest.groupsName] {
            if let document = try await client.send(Request(verb: .get, kind: APIDiscoveryRequest.requestKind, name: name)) {
                documents.append(document)
            }
        }
        return documents
    }
}
