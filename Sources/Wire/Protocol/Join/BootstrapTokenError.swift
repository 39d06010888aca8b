/// Failures of bootstrap token handling.
import KubeAPI

public enum BootstrapTokenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A token that is not `[a-z0-9]{6}.[a-z0-9]{16}`.
    case invalidFormat(String)
    /// A token id that is not `[a-z0-9]{6}`.
    case invalidID(String)
    /// No token has this id.
    case notFound(id: String)
    /// A TTL that is not a duration such as `24h`, `90m` or `0`.
    case invalidTTL(String)
    /// Reading or writing the token file failed.
    case fileSystem(path: String, reason: String)

    /// A one-line, human-readable message.
    public var description: String {
        switch self {
        case .invalidFormat:
            // The token itself is a secret: never echo it.
            return "the bootstrap token is not of the form \"[a-z0-9]{6}.[a-z0-9]{16}\""
        case .invalidID(let id):
            return "\(id.debugDescription) is not a bootstrap token id of the form \"[a-z0-9]{6}\""
        case .notFound(let id):
            return "bootstrap token \(id.debugDescription) not found"
        case .invalidTTL(let text):
            return "invalid TTL \(text.debugDescription): "
                + "expected a duration such as 24h, 90m, 1h30m or 0 (never expires)"
        case .fileSystem(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}
