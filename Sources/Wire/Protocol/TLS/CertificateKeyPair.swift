/// A PEM certificate together with the PEM private key it was issued for.
import KubeAPI

public struct CertificateKeyPair: Sendable, Equatable {
    /// The certificate, `CERTIFICATE` PEM.
    public var certificatePEM: String
    /// The private key, `PRIVATE KEY` (PKCS#8) PEM.
    public var privateKeyPEM: String

    /// Pairs a certificate with its private key.
    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }
}

/// A PEM certificate signing request together with the PEM private key that signed it.
public struct CertificateSigningRequestKeyPair: Sendable, Equatable {
    /// The request, `CERTIFICATE REQUEST` PEM.
    public var csrPEM: String
    /// The private key, `PRIVATE KEY` (PKCS#8) PEM. It never leaves the requester.
    public var privateKeyPEM: String

    /// Pairs a certificate signing request with its private key.
    public init(csrPEM: String, privateKeyPEM: String) {
        self.csrPEM = csrPEM
        self.privateKeyPEM = privateKeyPEM
    }
}
