import KubeAPI
import NIOSSL

extension TLSConfiguration {
    /// The bootstrap listener's server configuration: the control plane's serving certificate, TLS 1.3 only, and
    /// client certificates optional, so that a node without credentials yet can connect (see
    /// ``ClusterClientCertificatePolicy/optional``).
    ///
    /// - Throws: ``PKIError/invalidPEM(what:reason:)`` if any PEM cannot be loaded.
    public static func clusterBootstrapServer(
        certificatePEM: String,
        privateKeyPEM: String,
        caPEM: String
    ) throws -> TLSConfiguration {
        try clusterServer(
            certificatePEM: certificatePEM, privateKeyPEM: privateKeyPEM, caPEM: caPEM, clientCertificates: .optional)
    }

    /// The first step of a join (discovery): TLS 1.3 only, no client certificate, and the server NOT verified.
    ///
    /// Nothing received over such a connection may be trusted until it is checked against a pin: the joining node
    /// compares the CA it is given with the CA hash it was told out of band, and sends no secret on this connection.
    static func clusterDiscovery() -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        configuration.minimumTLSVersion = .tlsv13
        configuration.maximumTLSVersion = .tlsv13
        return configuration
    }
}
