/// The frame protocol's discovery request (PROTOCOL.md, section 6, *get APIGroupDiscoveryList*): `get` of the
/// pseudo-kind `APIGroupDiscoveryList` named `api` (the core group) or `apis` (the named groups) answers the
/// aggregated discovery document (`apidiscovery.k8s.io/v2`) the REST front door serves at `/api` and `/apis`.
public enum APIDiscoveryRequest {
    /// The request's `kind`.
    public static let requestKind = "APIGroupDiscoveryList"
    /// The `name` asking for the core group (`/api`).
    public static let coreName = "api"
    /// The `name` asking for the named groups (`/apis`).
    public static let groupsName = "apis"
}
