/// How a `patch` request's `patch` document is applied.
public enum PatchType: String, Codable, Sendable, CaseIterable {
    /// RFC 7386 JSON merge patch.
    case merge
    /// Kubernetes' strategic merge patch: lists of named items (containers, env, ...) merge by name.
    case strategic
    /// RFC 6902 JSON patch.
    case json
}
