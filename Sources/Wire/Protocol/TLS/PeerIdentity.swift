import KubeAPI
import NIOSSL
import SwiftASN1
import X509

/// Who is on the other end of a TLS connection, read from the subject of its verified certificate.
///
/// Identity always comes from the certificate, never from anything the peer says in a message.
/// Kubernetes conventions apply: organisation `system:masters` is an administrator, and common
/// name `system:node:NAME` is the node `NAME`.
public struct PeerIdentity: Sendable, Hashable, CustomStringConvertible {
    /// The organisation that grants full administrative access.
    public static let adminOrganization = "system:masters"
    /// The common-name prefix of node identities.
    public static let nodeCommonNamePrefix = "system:node:"
    /// The organisation node certificates carry.
    public static let nodesOrganization = "system:nodes"

    /// The subject common name (CN), e.g. `kubernetes-admin` or `system:node:n1`.
    public var commonName: String
    /// The subject organisations (O), e.g. `["system:masters"]`.
    public var organizations: [String]

    /// An identity with the given subject fields.
    public init(commonName: String, organizations: [String]) {
        self.commonName = commonName
        self.organizations = organizations
    }

    /// Reads the identity from a parsed certificate's subject.
    ///
    /// - Throws: ``PKIError/invalidPEM(what:reason:)`` if the subject has no common name.
    public init(certificate: Certificate) throws {
        guard let commonName = certificate.subject.clusterCommonName, !commonName.isEmpty else {
            throw PKIError.invalidPEM(what: "peer certificate", reason: "subject has no common name")
        }
        self.init(commonName: commonName, organizations: certificate.subject.clusterOrganizations)
    }

    /// Reads the identity from a peer certificate as NIOSSL hands it out (e.g. `channel.nioSSL_peerCertificate()`).
    ///
    /// - Throws: ``PKIError/invalidPEM(what:reason:)`` if the certificate cannot be parsed or has no common name.
    public init(certificate: NIOSSLCertificate) throws {
        let parsed: Certificate
        do {
            parsed = try Certificate(derEncoded: try certificate.toDERBytes())
        } catch {
            throw PKIError.invalidPEM(what: "peer certificate", reason: String(describing: error))
        }
        try self.init(certificate: parsed)
    }

    /// Whether the peer is a cluster administrator (organisation `system:masters`).
    public var isAdmin: Bool {
        organizations.contains(Self.adminOrganization)
    }

    /// The node name for node identities (CN `system:node:NAME` with a non-empty `NAME`), else `nil`.
    public var nodeName: String? {
        guard commonName.hasPrefix(Self.nodeCommonNamePrefix) else { return nil }
        let name = String(commonName.dropFirst(Self.nodeCommonNamePrefix.count))
        return name.isEmpty ? nil : name
    }

    /// The common name.
    public var description: String {
        commonName
    }
}
