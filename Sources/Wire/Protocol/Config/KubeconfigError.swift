/// Failures while locating, reading, resolving or writing a kubeconfig, with kubectl's wording where kubectl has one.
import KubeAPI

public enum KubeconfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The context named by `--context` (or by `current-context`) is not in the config.
    case contextNotFound(String)
    /// No context was asked for and `current-context` is empty.
    case currentContextNotSet
    /// The context refers to a cluster the config does not define.
    case clusterNotFound(cluster: String, context: String)
    /// The context refers to a user the config does not define.
    case userNotFound(user: String, context: String)
    /// The cluster has no `server`.
    case noServer(cluster: String)
    /// A required credential (`field`) is missing from a cluster or user entry named `entry`.
    case missingField(entry: String, field: String)
    /// A `*-data` field is not valid base64 of UTF-8 text.
    case invalidData(entry: String, field: String)
    /// A server address that cannot be parsed.
    case invalidServer(String, reason: String)
    /// The kubeconfig file does not exist. `explicit` is true when it was named by flag or `KUBECONFIG`.
    case fileNotFound(path: String, explicit: Bool)
    /// The file exists but is not a valid kubeconfig.
    case invalidFile(path: String, reason: String)
    /// Reading or writing a file failed.
    case fileSystem(path: String, reason: String)
    /// `config view --minify` cannot minify (no current context, or an entry it names is missing); kubectl's text.
    case minify(String)

    /// How to get out of a missing or unusable current context.
    public static let chooseContextHint =
        "Choose a context with 'kctl config use-context NAME' ('kctl config get-contexts' lists them), "
        + "pass --context NAME, or create a local cluster with 'kctl cluster create'."

    /// The message as kctl prints it after `error: `.
    public var description: String {
        switch self {
        case .contextNotFound(let name):
            return "context was not found for specified context: \(name)"
        case .currentContextNotSet:
            return "current-context is not set\n" + Self.chooseContextHint
        case .clusterNotFound(let cluster, let context):
            return "cluster \"\(cluster)\" was not found for context \"\(context)\""
        case .userNotFound(let user, let context):
            return "user \"\(user)\" was not found for context \"\(context)\""
        case .noServer(let cluster):
            return "no server found for cluster \"\(cluster)\""
        case .missingField(let entry, let field):
            return "\(entry) has no \(field)"
        case .invalidData(let entry, let field):
            return "\(entry): \(field) is not valid base64-encoded PEM"
        case .invalidServer(let server, let reason):
            return "invalid server address \"\(server)\": \(reason)"
        case .fileNotFound(let path, let explicit):
            if explicit {
                return "stat \(path): no such file or directory"
            }
            return "no configuration has been provided: \(path) does not exist; pass --kubeconfig or set KUBECONFIG"
        case .invalidFile(let path, let reason):
            return "error loading config file \"\(path)\": \(reason)"
        case .fileSystem(let path, let reason):
            return "\(path): \(reason)"
        case .minify(let message):
            return message
        }
    }
}
