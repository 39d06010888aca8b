import KubeAPI
import NIOCore
import NIOSSL

/// Whether a cluster server demands a client certificate.
public enum ClusterClientCertificatePolicy: Sendable, Hashable {
    /// Every client must present a certificate signed by the cluster CA (mTLS).
    case required
    /// A client may connect without a certificate (a node bootstrapping with a token); one that presents a
    /// certificate must still present one signed by the cluster CA.
    case optional
}

extension TLSConfiguration {
    /// How long closing a connection waits for the peer's TLS close_notify (NIOSSL's default is 5 s). A live peer
    /// answers at once; a frozen or cut-off one never does, and waiting for it held up, for instance, the control
    /// plane's graceful shutdown by 5 s whenever a node was paused or partitioned.
    public static let closeNotifyWait: TimeAmount = .milliseconds(500)

    /// The control plane's server configuration: TLS 1.3 only, trusting only the cluster CA for client certificates.
    ///
    /// - Parameters:
    ///   - certificatePEM: The serving certificate (optionally followed by intermediates).
    ///   - privateKeyPEM: The serving certificate's private key.
    ///   - caPEM: The cluster CA certificate; the only root client certificates are verified against.
    ///   - clientCertificates: ``ClusterClientCertificatePolicy/required`` (default) for mTLS, or
    ///     ``ClusterClientCertificatePolicy/optional`` to also admit certificate-less bootstrap clients.
    /// - Throws: ``PKIError/invalidPEM(what:reason:)`` if any PEM cannot be loaded.
    public static func clusterServer(
        certificatePEM: String,
        privateKeyPEM: String,
        caPEM: String,
        clientCertificates: ClusterClientCertificatePolicy = .required
    ) throws -> TLSConfiguration {
        let chain = try loadCertificates(certificatePEM, what: "server certificate")
        let key = try loadPrivateKey(privateKeyPEM, what: "server private key")
        let roots = try loadCertificates(caPEM, what: "CA certificate")
        var configuration = TLSConfiguration.makeServerConfigurationWithMTLS(
            certificateChain: chain.map { .certificate($0) },
            privateKey: .privateKey(key),
            trustRoots: .certificates(roots)
        )
        switch clientCertificates {
        case .required:
            configuration.certificateVerification = .noHostnameVerification
        case .optional:
            configuration.certificateVerification = .optionalVerification
        }
        configuration.additionalTrustRoots = []
        configuration.sendCANameList = true
        configuration.minimumTLSVersion = .tlsv13
        configuration.maximumTLSVersion = .tlsv13
        configuration.shutdownTimeout = closeNotifyWait
        return configuration
    }

    /// A client configuration presenting a cluster client certificate: TLS 1.3 only, trusting only the
    /// cluster CA, with full verification (the server's certificate must name the host or IP dialled).
    ///
    /// - Throws: ``PKIError/invalidPEM(what:reason:)`` if any PEM cannot be loaded.
    public static func clusterClient(
        certificatePEM: String,
        privateKeyPEM: String,
        caPEM: String
    ) throws -> TLSConfiguration {
        var configuration = try clusterClientWithoutCertificate(caPEM: caPEM)
        configuration.certificateChain = try loadCertificates(certificatePEM, what: "client certificate")
            .map { .certificate($0) }
        configuration.privateKey = .privateKey(try loadPrivateKey(privateKeyPEM, what: "client private key"))
        return configuration
    }

    /// A client configuration without a client certificate (for bootstrap join): TLS 1.3 only,
    /// trusting only the cluster CA, with full verification.
    ///
    /// - Throws: ``PKIError/invalidPEM(what:reason:)`` if the CA PEM cannot be loaded.
    public static func clusterClientWithoutCertificate(caPEM: String) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates(try loadCertificates(caPEM, what: "CA certificate"))
        configuration.additionalTrustRoots = []
        configuration.certificateVerification = .fullVerification
        configuration.minimumTLSVersion = .tlsv13
        configuration.maximumTLSVersion = .tlsv13
        configuration.shutdownTimeout = closeNotifyWait
        return configuration
    }

    // MARK: - Loading

    private static func loadCertificates(_ pem: String, what: String) throws -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
        } catch {
            throw PKIError.invalidPEM(what: what, reason: String(describing: error))
        }
        guard !certificates.isEmpty else { throw PKIError.invalidPEM(what: what, reason: "no certificate found") }
        return certificates
    }

    private static func loadPrivateKey(_ pem: String, what: String) throws -> NIOSSLPrivateKey {
        do {
            return try NIOSSLPrivateKey(bytes: Array(pem.utf8), format: .pem)
        } catch {
            throw PKIError.invalidPEM(what: what, reason: String(describing: error))
        }
    }
}
