import KubeAPI
import Wire

/// The objects named by resource arguments as kubectl's resource builder resolves them for `rollout`, `set image`
/// and `scale` (`ResourceTypeOrNameArgs`): `KIND NAME...`, `KIND/NAME...`, or `KIND` with `-l`, `--all` or, where
/// the command allows it, alone for every object of the kind.
struct ResourceTargets {
    /// One object to act on, or the error reading it.
    struct Target: Sendable {
        var kind: ResourceKind
        var object: Result<JSONValue, any Error>

        /// The error reading the object, if any.
        var error: (any Error)? {
            if case .failure(let error) = object { return error }
            return nil
        }
    }

    /// The resource builder's message when no resource is named (kubectl prints it after `error: `).
    static let noResources = """
        You must provide one or more resources by argument or filename.
        Example resource specifications include:
           '-f rsrc.yaml'
           '--filename=rsrc.json'
           '<resource> <name>'
           '<resource>'
        """

    var arguments: [String]
    var selector: String?
    /// Whether a bare `KIND` selects every object of the kind (kubectl's `allowEmptySelector`; `--all` for
    /// `set image` and `scale`).
    var allowEmptySelector: Bool

    /// Parses the arguments without reading anything.
    /// - Throws: ``ManifestError`` for unknown kinds, names given with a selector, or a bare kind not allowed.
    func queries() throws -> [GetQuery] {
        let queries = try GetQuery.parse(arguments)
        let selecting = !(selector ?? "").isEmpty
        if selecting && queries.contains(where: { !$0.names.isEmpty }) {
            throw ManifestError("name cannot be provided when a selector is specified")
        }
        if !selecting && !allowEmptySelector && queries.contains(where: { $0.names.isEmpty }) {
            throw ManifestError("resource(s) were provided, but no name was specified")
        }
        return queries
    }

    /// Reads the objects, in argument order; a listing failure is thrown, a missing named object is its target's
    /// error.
    func fetch(_ client: APIClient) async throws -> [Target] {
        var targets: [Target] = []
        let namespace = client.defaultNamespace
        for query in try queries() {
            if query.names.isEmpty {
                let list = try await client.list(query.kind, namespace: namespace, labelSelector: selector)
                targets += (list?["items"]?.arrayValue ?? []).map { Target(kind: query.kind, object: .success($0)) }
                continue
            }
            for name in query.names {
                do {
                    guard let object = try await client.get(query.kind, namespace: namespace, name: name) else {
                        targets.append(Target(kind: query.kind, object: .failure(Status.notFound(query.kind, name: name))))
                        continue
                    }
                    targets.append(Target(kind: query.kind, object: .success(object)))
                } catch {
                    targets.append(Target(kind: query.kind, object: .failure(error)))
                }
            }
        }
        return targets
    }
}
