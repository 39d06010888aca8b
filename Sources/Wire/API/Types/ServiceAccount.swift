/// A core/v1 ServiceAccount: an identity for processes that run in pods. Its tokens (``TokenRequest``, or the legacy
/// `kubernetes.io/service-account-token` Secrets) authenticate as `system:serviceaccount:<namespace>:<name>`.
public struct ServiceAccount: APIResource, Hashable {
    public static let resourceKind = ResourceKind.serviceAccount

    /// The annotation a legacy token Secret names its ServiceAccount with.
    public static let nameAnnotation = "kubernetes.io/service-account.name"
    /// The annotation a legacy token Secret records its ServiceAccount's uid in (set by the token controller).
    public static let uidAnnotation = "kubernetes.io/service-account.uid"
    /// The Secret type of legacy tokens.
    public static let tokenSecretType = "kubernetes.io/service-account-token"
    /// The prefix of a ServiceAccount's user name: `system:serviceaccount:<namespace>:<name>`.
    public static let userNamePrefix = "system:serviceaccount:"
    /// The group every ServiceAccount belongs to.
    public static let allGroup = "system:serviceaccounts"

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    /// Secrets pods running as this account may use (legacy; not enforced).
    public var secrets: [ObjectReference]?
    /// Registry credentials added to the pods that run as this account.
    public var imagePullSecrets: [JSONValue]?
    /// Whether pods running as this account get an API token mounted (unset: yes); a pod's own setting wins.
    public var automountServiceAccountToken: Bool?

    public init(metadata: ObjectMeta = ObjectMeta()) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
    }

    /// `system:serviceaccount:<namespace>:<name>`.
    public static func userName(namespace: String, name: String) -> String {
        "\(userNamePrefix)\(namespace):\(name)"
    }

    /// The groups of a ServiceAccount's identity: `system:serviceaccounts`, `system:serviceaccounts:<namespace>`
    /// and `system:authenticated`.
    public static func groups(namespace: String) -> [String] {
        [allGroup, "\(allGroup):\(namespace)", "system:authenticated"]
    }

    /// The namespace and name in a ServiceAccount user name, nil for other users.
    public static func parseUserName(_ user: String) -> (namespace: String, name: String)? {
        guard user.hasPrefix(userNamePrefix) else { return nil }
        let parts = user.dropFirst(userNamePrefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
