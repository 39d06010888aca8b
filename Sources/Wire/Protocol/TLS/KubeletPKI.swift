import Foundation
import KubeAPI
import NIOSSL
import SwiftASN1
import X509

/// The certificates of the control plane ↔ kubelet link (`kctl logs`, `kctl exec`), as kubeadm sets them up:
///
/// - the control plane dials each kubelet with a client certificate of its own, `CN=kube-apiserver-kubelet-client`,
///   `O=system:masters`, issued by the cluster CA at first start and kept in its data directory as
///   `apiserver-kubelet-client.crt` / `.key`; a kubelet serves only this identity;
/// - a kubelet serves with its node certificate (`CN=system:node:NAME`): there is no separate kubelet serving
///   certificate. The control plane checks that the certificate chains to the cluster CA, is valid now and names
///   the node it meant to reach (``verifyKubeletServer(_:caPEM:nodeName:now:)``); that name check replaces the
///   host name check of ordinary TLS, since node certificates carry no host names.
public enum KubeletPKI {
    /// The client certificate's common name.
    public static let clientCommonName = "kube-apiserver-kubelet-client"
    /// The client certificate's organisation.
    public static let clientOrganization = PeerIdentity.adminOrganization
    /// The client certificate's file in the control plane's data directory.
    public static let clientCertificateFile = "apiserver-kubelet-client.crt"
    /// Its private key (mode 0600).
    public static let clientKeyFile = "apiserver-kubelet-client.key"
    /// The kubelet's default port.
    public static let defaultPort = 10250

    /// Whether `peer` is the control plane's kubelet client: the only identity a kubelet serves.
    public static func isKubeletClient(_ peer: PeerIdentity) -> Bool {
        peer.commonName == clientCommonName && peer.organizations.contains(clientOrganization)
    }

    /// Loads the kubelet client certificate from `dataDir`, issuing it from `ca` when it is missing, not from this
    /// CA, not for its key, not the right identity, or expiring within ``ClusterPKI/renewBefore``.
    ///
    /// - Returns: The pair, and whether it was (re)issued.
    public static func loadOrCreateClient(dataDir: URL, ca: ClusterPKI, now: Date) throws
        -> (pair: CertificateKeyPair, issued: Bool)
    {
        let certificateURL = dataDir.appendingPathComponent(clientCertificateFile)
        let keyURL = dataDir.appendingPathComponent(clientKeyFile)
        if let certificatePEM = try SecureFile.read(certificateURL), let keyPEM = try SecureFile.read(keyURL),
            let certificate = try? ClusterPKI.parseCertificate(certificatePEM, what: clientCertificateFile),
            ClusterPKI.privateKey(keyPEM, matchesCertificate: certificatePEM), ca.issued(certificate),
            let identity = try? PeerIdentity(certificate: certificate), isKubeletClient(identity),
            now < certificate.notValidAfter - ClusterPKI.renewBefore
        {
            return (CertificateKeyPair(certificatePEM: certificatePEM, privateKeyPEM: keyPEM), false)
        }
        let pair = try ca.issueClientCertificate(
            commonName: clientCommonName, organizations: [clientOrganization], now: now)
        try SecureFile.write(pair.privateKeyPEM, to: keyURL, mode: SecureFile.privateMode)
        try SecureFile.write(pair.certificatePEM, to: certificateURL, mode: SecureFile.publicMode)
        return (pair, true)
    }

    /// The TLS configuration to dial kubelets with: `pair` as the client certificate, TLS 1.3, and no host name
    /// check (use it with ``kubeletServerCheck(caPEM:nodeName:onFailure:)``, which checks chain and node name).
    public static func clientTLS(_ pair: CertificateKeyPair, caPEM: String) throws -> TLSConfiguration {
        var configuration = try TLSConfiguration.clusterClient(
            certificatePEM: pair.certificatePEM, privateKeyPEM: pair.privateKeyPEM, caPEM: caPEM)
        configuration.certificateVerification = .noHostnameVerification
        return configuration
    }

    // MARK: - Verifying a kubelet

    /// Why a kubelet's certificate was refused.
    public struct VerificationFailure: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// Checks the certificate chain a kubelet presented (leaf first): the leaf must be issued by the cluster CA,
    /// valid at `now`, and name `system:node:<nodeName>`. Pure.
    ///
    /// - Throws: ``VerificationFailure`` saying what is wrong.
    public static func verifyKubeletServer(_ chainDER: [[UInt8]], caPEM: String, nodeName: String, now: Date) throws {
        guard let leafDER = chainDER.first else { throw VerificationFailure(description: "no certificate presented") }
        let leaf: Certificate
        let ca: Certificate
        do {
            leaf = try Certificate(derEncoded: leafDER)
            ca = try ClusterPKI.parseCertificate(caPEM, what: "CA certificate")
        } catch {
            throw VerificationFailure(description: "unparsable certificate: \(error)")
        }
        guard leaf.issuer == ca.subject, ca.publicKey.isValidSignature(leaf.signature, for: leaf) else {
            throw VerificationFailure(description: "certificate signed by unknown authority")
        }
        guard leaf.notValidBefore <= now, now < leaf.notValidAfter else {
            throw VerificationFailure(
                description: "certificate has expired or is not yet valid: current time \(Timestamp.format(now)) "
                    + "is outside \(Timestamp.format(leaf.notValidBefore))..\(Timestamp.format(leaf.notValidAfter))")
        }
        let identity = try? PeerIdentity(certificate: leaf)
        guard identity?.nodeName == nodeName else {
            throw VerificationFailure(
                description: "certificate is valid for \(identity?.commonName ?? "nobody"), not "
                    + "\(PeerIdentity.nodeCommonNamePrefix)\(nodeName)")
        }
    }

    /// A ``ServerCertificateCheck`` running ``verifyKubeletServer(_:caPEM:nodeName:now:)`` at connection time;
    /// `onFailure` hears why a certificate was refused.
    public static func kubeletServerCheck(
        caPEM: String, nodeName: String, onFailure: @escaping @Sendable (VerificationFailure) -> Void = { _ in }
    ) -> ServerCertificateCheck {
        { certificates in
            do {
                let chain = try certificates.map { try $0.toDERBytes() }
                try verifyKubeletServer(chain, caPEM: caPEM, nodeName: nodeName, now: Date())
                return .certificateVerified
            } catch let failure as VerificationFailure {
                onFailure(failure)
                return .failed
            } catch {
                onFailure(VerificationFailure(description: "\(error)"))
                return .failed
            }
        }
    }
}
