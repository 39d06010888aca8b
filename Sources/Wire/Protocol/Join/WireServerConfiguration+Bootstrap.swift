import KubeAPI
import NIOSSL

extension WireServerConfiguration {
    /// The identity of clients of the bootstrap listener that present no certificate, as Kubernetes names
    /// unauthenticated requests.
    public static let bootstrapAnonymousPeer = PeerIdentity(
        commonName: "system:anonymous", organizations: ["system:unauthenticated"])

    /// The default frame cap of the bootstrap listener: 64 KiB, ample for a certificate signing request, and small
    /// because anyone may connect.
    public static let bootstrapMaxFrameBytes = 64 * 1024

    /// The bootstrap listener's settings: TLS with
    /// ``TLSConfiguration/clusterBootstrapServer(certificatePEM:privateKeyPEM:caPEM:)``, and certificate-less
    /// clients identified as ``bootstrapAnonymousPeer``.
    ///
    /// - Parameters:
    ///   - host: Address to listen on.
    ///   - port: Port to listen on (`--bootstrap-port`, default 6444; 0 picks a free one).
    ///   - certificatePEM: The control plane's serving certificate.
    ///   - privateKeyPEM: Its private key.
    ///   - caPEM: The cluster CA certificate.
    ///   - maxFrameBytes: The largest frame accepted from clients.
    ///   - helloTimeout: How long a new connection has to send its hello.
    /// - Throws: ``PKIError/invalidPEM(what:reason:)`` if any PEM cannot be loaded.
    public static func bootstrap(
        host: String = "127.0.0.1",
        port: Int,
        certificatePEM: String,
        privateKeyPEM: String,
        caPEM: String,
        maxFrameBytes: Int = bootstrapMaxFrameBytes,
        helloTimeout: Duration = .seconds(5)
    ) throws -> WireServerConfiguration {
        let tls = try TLSConfiguration.clusterBootstrapServer(
            certificatePEM: certificatePEM, privateKeyPEM: privateKeyPEM, caPEM: caPEM)
        return WireServerConfiguration(
            host: host, port: port, tls: tls,
            maxFrameBytes: maxFrameBytes, helloTimeout: helloTimeout, anonymousPeer: bootstrapAnonymousPeer)
    }
}
