import KubeAPI
import Wire

/// Reads the OpenAPI v3 document of a kind's group-version from the server, as kubectl does before it explains:
/// the index first (`get OpenAPI v3`), then the document at the URL the index gives for the group-version.
enum OpenAPIFetch {
    /// The schema of `kind`'s group-version; nil when the server's index does not list it.
    static func schema(for kind: ResourceKind, client: APIClient) async throws -> ExplainSchema? {
        let indexRequest = Request(verb: .get, kind: OpenAPIV3.requestKind, name: OpenAPIV3.indexName)
        guard let indexJSON = try await client.send(indexRequest) else { return nil }
        let index = try indexJSON.decode(as: OpenAPIIndex.self)
        guard let entry = index.paths[OpenAPIV3.path(group: kind.group, version: kind.version)] else { return nil }
        let name = OpenAPIV3.requestName(forPath: entry.serverRelativeURL)
        guard let json = try await client.send(Request(verb: .get, kind: OpenAPIV3.requestKind, name: name)) else {
            return nil
        }
        return ExplainSchema(document: try json.decode(as: OpenAPIDocument.self))
    }
}
