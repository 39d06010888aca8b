/// Failures while creating, loading or using the cluster's certificates and keys.
import KubeAPI

public enum PKIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A PEM document (named by `what`, e.g. "CA certificate") could not be parsed.
    case invalidPEM(what: String, reason: String)
    /// A key of an unsupported type was supplied (only ECDSA P-256 keys are issued; P-256/P-384/P-521 are accepted).
    case unsupportedKey(String)
    /// A certificate signing request whose signature does not verify with its own public key.
    case invalidCSRSignature
    /// A private key does not belong to the certificate it is paired with.
    case keyMismatch(what: String)
    /// A value is neither an IP address nor a DNS name usable in a certificate.
    case invalidSubjectAlternativeName(String)
    /// A data directory holds only part of a key pair, e.g. `ca.crt` without `ca.key`.
    case incompleteDataDirectory(missing: String)
    /// Reading or writing a PKI file failed.
    case fileSystem(path: String, reason: String)

    /// A one-line, human-readable message.
    public var description: String {
        switch self {
        case .invalidPEM(let what, let reason):
            return "invalid \(what) PEM: \(reason)"
        case .unsupportedKey(let reason):
            return "unsupported key: \(reason)"
        case .invalidCSRSignature:
            return "certificate signing request signature does not verify"
        case .keyMismatch(let what):
            return "private key does not match the \(what)"
        case .invalidSubjectAlternativeName(let value):
            return "\(value.debugDescription) is neither an IP address nor a DNS name"
        case .incompleteDataDirectory(let missing):
            return "PKI data directory is incomplete: \(missing) is missing"
        case .fileSystem(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}
