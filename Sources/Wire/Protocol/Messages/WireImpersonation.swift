/// Whom a client's requests run as (kubectl's `--as` and `--as-group`): set for a task and the tasks it starts with
/// `WireImpersonation.$current.withValue(...)`; ``WireClient`` writes it into every request it sends
/// (``Request/impersonateUser``, ``Request/impersonateGroups``), and the server checks the caller may impersonate.
public struct WireImpersonation: Sendable, Hashable {
    /// The user to run as (`system:serviceaccount:NS:NAME` for a ServiceAccount); nil with groups only, which the
    /// server refuses.
    public var user: String?
    public var groups: [String]

    public init(user: String?, groups: [String] = []) {
        self.user = user
        self.groups = groups
    }

    /// The impersonation of the current task, if any.
    @TaskLocal public static var current: WireImpersonation?

    /// `request` with the current impersonation written in (unchanged when there is none, or when it already names
    /// whom to run as).
    public static func applied(to request: Request) -> Request {
        guard let current, request.impersonateUser == nil, request.impersonateGroups == nil else { return request }
        var request = request
        request.impersonateUser = current.user
        request.impersonateGroups = current.groups.isEmpty ? nil : current.groups
        return request
    }
}
