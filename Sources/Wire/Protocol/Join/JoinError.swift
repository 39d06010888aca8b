/// Why a node could not join, each case with a message that says what to check.
import KubeAPI

public enum JoinError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The token given is not `[a-z0-9]{6}.[a-z0-9]{16}` (nothing was sent).
    case invalidToken
    /// The CA hash given is not `sha256:` followed by 64 hex digits (nothing was sent).
    case invalidCAHash(String)
    /// The node name is not a DNS-1123 subdomain (nothing was sent).
    case invalidNodeName(String, reason: String)
    /// Fetching the cluster info from the bootstrap port failed.
    case discoveryFailed(server: String, reason: String)
    /// The CA the bootstrap port presented is not the one pinned by the hash: the token was NOT sent.
    case caHashMismatch(expected: String, actual: String)
    /// The control plane refused the bootstrap token (unknown, expired or deleted).
    case tokenRejected(server: String, message: String)
    /// Sending the certificate signing request failed for another reason (server not verified, request refused...).
    case certificateRequestFailed(server: String, reason: String)
    /// The certificate the control plane returned is unusable.
    case invalidIssuedCertificate(String)

    /// A one-line, human-readable message.
    public var description: String {
        switch self {
        case .invalidToken:
            return "the bootstrap token is not of the form \"[a-z0-9]{6}.[a-z0-9]{16}\""
        case .invalidCAHash(let hash):
            return "invalid CA hash \(hash.debugDescription): expected \"sha256:\" followed by 64 hex digits"
        case .invalidNodeName(let name, let reason):
            return "invalid node name \(name.debugDescription): \(reason)"
        case .discoveryFailed(let server, let reason):
            return "cannot fetch the cluster info from the bootstrap server \(server): \(reason)"
        case .caHashMismatch(let expected, let actual):
            return "cluster CA found in cluster-info does not match the given hash \(expected.debugDescription) "
                + "(the CA's hash is \(actual.debugDescription)); the bootstrap token was not sent"
        case .tokenRejected(let server, let message):
            return "the bootstrap token was refused by the control plane at \(server): \(message) "
                + "(the token may be wrong, expired or deleted; create one with \"controlplane token create\")"
        case .certificateRequestFailed(let server, let reason):
            return "the certificate signing request to \(server) failed: \(reason)"
        case .invalidIssuedCertificate(let reason):
            return "the control plane returned an unusable certificate: \(reason)"
        }
    }
}
