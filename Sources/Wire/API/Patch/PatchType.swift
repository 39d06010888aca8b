/// How a `patch` request's `patch` document is applied.
public enum PatchType: String, Codable, Sendable, CaseIterable {
    /// RFC 7386 JSON merge patch.
    case merge
    /// Kubernetes' strategic merge patch: lists of named items (containers, env, ...) merge by name.
    case strategic
    /// RFC 6902 JSON patch.
    case json
    /// Server-side apply (`application/apply-patch+yaml`): the document is the manager's whole configuration of
    /// the object, merged into it (created when missing) with field ownership and conflicts (``FieldOwnership``).
    case apply
}
