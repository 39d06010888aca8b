/// The OpenAPI v3 documents this API serves, generated from ``APISchema``: an index (Kubernetes' `/openapi/v3`)
/// listing one document per group-version (`api/v1`, `apis/apps/v1`...), each holding the schemas of that
/// group-version's kinds and every schema they refer to, named as Kubernetes names them.
///
/// Over the wire protocol a client asks `{"verb":"get","kind":"OpenAPI","name":"v3"}` for the index and
/// `{"verb":"get","kind":"OpenAPI","name":"v3/apis/apps/v1"}` for a document: the name is the HTTP path after
/// `/openapi/` (a `?hash=` query is ignored). docs/PROTOCOL.md, section 6, describes it.
public enum OpenAPIV3 {
    /// The `kind` of a request for a document.
    public static let requestKind = "OpenAPI"
    /// The `name` that asks for the index.
    public static let indexName = "v3"
    /// `info.version` of every document: the Kubernetes release whose API this one follows.
    public static let kubernetesVersion = KubernetesAPILevel.release

    /// The index: each group-version's path (`apis/apps/v1`) with the URL of its document, carrying a hash of the
    /// document's content as Kubernetes' does.
    public static let index: OpenAPIIndex = OpenAPIIndex(
        paths: Dictionary(uniqueKeysWithValues: documents.map { path, document in
            (path, OpenAPIIndexEntry(serverRelativeURL: "/openapi/v3/\(path)?hash=\(hash(of: document))"))
        }))

    /// The document of each group-version, by its path in the index (`api/v1`, `apis/apps/v1`).
    public static let documents: [String: OpenAPIDocument] = Dictionary(
        uniqueKeysWithValues: groupVersions.map { ($0.path, document(for: $0.kinds)) })

    /// The path of a group-version in the index: `api/v1` for the core group, `apis/<group>/<version>` otherwise.
    public static func path(group: String, version: String) -> String {
        group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
    }

    /// The request `name` that asks for the document at `path` (`v3/apis/apps/v1`); also accepts a
    /// `serverRelativeURL` of the index.
    public static func requestName(forPath path: String) -> String {
        var name = path
        if let query = name.firstIndex(of: "?") { name = String(name[..<query]) }
        if name.hasPrefix("/openapi/") { return String(name.dropFirst("/openapi/".count)) }
        return "\(indexName)/\(name)"
    }

    /// The answer to a request for `name` (`v3`, `v3/api/v1`, with or without `?hash=...`): the index or a
    /// document, as JSON; nil when there is no such document.
    public static func served(name: String) -> JSONValue? {
        var path = name
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        while path.hasPrefix("/") { path.removeFirst() }
        if path.hasPrefix("openapi/") { path.removeFirst("openapi/".count) }
        while path.hasSuffix("/") { path.removeLast() }
        if path == indexName { return servedIndex }
        guard path.hasPrefix(indexName + "/") else { return nil }
        return servedDocuments[String(path.dropFirst(indexName.count + 1))]
    }

    private static let servedIndex: JSONValue = (try? JSONValue(encoding: index)) ?? [:]
    private static let servedDocuments: [String: JSONValue] = documents.compactMapValues { try? JSONValue(encoding: $0) }

    // MARK: - Generation

    /// The served group-versions and their kinds, in ``ResourceKind/all``'s order.
    static var groupVersions: [(path: String, kinds: [ResourceKind])] {
        var order: [String] = []
        var kinds: [String: [ResourceKind]] = [:]
        for kind in ResourceKind.all {
            let path = path(group: kind.group, version: kind.version)
            if kinds[path] == nil { order.append(path) }
            kinds[path, default: []].append(kind)
        }
        return order.map { ($0, kinds[$0] ?? []) }
    }

    /// The document of one group-version: a patch operation per kind, and the schemas of the kinds and of
    /// everything they refer to.
    static func document(for kinds: [ResourceKind]) -> OpenAPIDocument {
        var schemas: [String: OpenAPISchema] = [:]
        var pending = kinds.map(\.kind)
        var seen = Set(pending)
        while let name = pending.popLast() {
            guard let definition = APISchema.definitions[name] else { continue }
            let kind = kinds.first { $0.kind == name }
            schemas[definition.componentName] = OpenAPISchemaGenerator.schema(of: definition, kind: kind)
            for field in definition.fields {
                for reference in APISchema.references(of: field.type) where seen.insert(reference).inserted {
                    pending.append(reference)
                }
            }
        }
        var paths: [String: OpenAPIPathItem] = [:]
        for kind in kinds {
            paths[OpenAPISchemaGenerator.objectPath(of: kind)] = OpenAPIPathItem(
                patch: OpenAPISchemaGenerator.patchOperation(of: kind))
        }
        return OpenAPIDocument(
            info: OpenAPIInfo(title: "Kubernetes", version: kubernetesVersion), paths: paths,
            components: OpenAPIComponents(schemas: schemas))
    }

    /// A 64-bit FNV-1a hash of the document's canonical JSON, in upper-case hex (Kubernetes uses a SHA-512; any
    /// digest that changes with the content serves the index's purpose).
    static func hash(of document: OpenAPIDocument) -> String {
        let bytes = (try? JSONValue(encoding: document))?.canonicalJSON ?? []
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// `/openapi/v3`: the path of each group-version's document and the URL to fetch it at.
public struct OpenAPIIndex: Codable, Sendable {
    public var paths: [String: OpenAPIIndexEntry]

    public init(paths: [String: OpenAPIIndexEntry]) {
        self.paths = paths
    }
}

/// One entry of the index.
public struct OpenAPIIndexEntry: Codable, Sendable {
    /// `/openapi/v3/apis/apps/v1?hash=...`
    public var serverRelativeURL: String

    public init(serverRelativeURL: String) {
        self.serverRelativeURL = serverRelativeURL
    }
}
