import Foundation
import KubeAPI
import NIOCore
import NIOEmbedded
import NIOSSL
import Testing
import Wire

/// A fixed issuing time, for tests that only load configurations (no handshake, so no validity check).
private let fixedNow = Date(timeIntervalSince1970: 1_767_225_600)

private struct Fixture {
    let ca: ClusterPKI
    let server: CertificateKeyPair
    let admin: CertificateKeyPair

    init(now: Date) throws {
        ca = try ClusterPKI.createCA(now: now)
        server = try ca.issueServingCertificate(commonName: "kcluster-apiserver", hosts: [], now: now)
        admin = try ca.issueClientCertificate(
            commonName: "kubernetes-admin",
            organizations: ["system:masters"],
            now: now
        )
    }

    func serverConfiguration(_ policy: ClusterClientCertificatePolicy = .required) throws -> TLSConfiguration {
        try .clusterServer(
            certificatePEM: server.certificatePEM,
            privateKeyPEM: server.privateKeyPEM,
            caPEM: ca.caCertificatePEM,
            clientCertificates: policy
        )
    }

    func clientConfiguration(_ pair: CertificateKeyPair) throws -> TLSConfiguration {
        try .clusterClient(
            certificatePEM: pair.certificatePEM,
            privateKeyPEM: pair.privateKeyPEM,
            caPEM: ca.caCertificatePEM
        )
    }
}

/// What an in-memory handshake between two `EmbeddedChannel`s produced.
private struct HandshakeOutcome {
    /// Whether either side reported an error.
    var failed: Bool
    /// Whether the server side reported an error (it refused the client).
    var serverFailed: Bool
    var serverSawPeer: PeerIdentity?
    var serverVersion: TLSVersion?
}

/// Runs a TLS handshake between a client and a server over two `EmbeddedChannel`s (no sockets).
private func handshake(
    client: TLSConfiguration,
    server: TLSConfiguration,
    serverHostname: String? = "localhost",
    serverIP: String = "127.0.0.1"
) throws -> HandshakeOutcome {
    let loop = EmbeddedEventLoop()
    let clientChannel = EmbeddedChannel(loop: loop)
    let serverChannel = EmbeddedChannel(loop: loop)
    let clientHandler = try NIOSSLClientHandler(
        context: NIOSSLContext(configuration: client),
        serverHostname: serverHostname
    )
    try clientChannel.pipeline.syncOperations.addHandler(clientHandler)
    try serverChannel.pipeline.syncOperations.addHandler(
        NIOSSLServerHandler(context: NIOSSLContext(configuration: server))
    )

    var failed = false
    var serverFailed = false

    /// Moves bytes between the channels until neither has anything left to send.
    func pump() throws {
        var moved = true
        while moved {
            moved = false
            loop.run()
            if let bytes = try clientChannel.readOutbound(as: ByteBuffer.self) {
                do {
                    try serverChannel.writeInbound(bytes)
                } catch {
                    serverFailed = true
                    throw error
                }
                moved = true
            }
            if let bytes = try serverChannel.readOutbound(as: ByteBuffer.self) {
                try clientChannel.writeInbound(bytes)
                moved = true
            }
            try clientChannel.throwIfErrorCaught()
            do {
                try serverChannel.throwIfErrorCaught()
            } catch {
                serverFailed = true
                throw error
            }
        }
    }

    do {
        clientChannel.connect(to: try SocketAddress(ipAddress: serverIP, port: 6443), promise: nil)
        serverChannel.pipeline.fireChannelActive()
        try pump()
    } catch {
        failed = true
    }
    let peer = try? serverChannel.pipeline.syncOperations.nioSSL_peerCertificate().map(PeerIdentity.init(certificate:))
    let version = try? serverChannel.pipeline.syncOperations.nioSSL_tlsVersion()
    // Close without waiting on a future: NIOSSL completes a close only after the peer's close_notify (delivered by
    // pumping) or its shutdown timeout (fired by advancing the embedded loop's virtual time).
    clientChannel.close(promise: nil)
    serverChannel.close(promise: nil)
    try? pump()
    loop.advanceTime(by: .seconds(60))
    return HandshakeOutcome(failed: failed, serverFailed: serverFailed, serverSawPeer: peer, serverVersion: version)
}

@Suite struct TLSConfigurationTests {
    // MARK: - Configuration

    @Test func clusterServer_isMTLS13Only_andLoads() throws {
        let fixture = try Fixture(now: fixedNow)
        let config = try fixture.serverConfiguration()
        #expect(config.minimumTLSVersion == .tlsv13)
        #expect(config.maximumTLSVersion == .tlsv13)
        #expect(config.certificateVerification == .noHostnameVerification)
        #expect(config.additionalTrustRoots.isEmpty)
        guard case .certificates(let roots) = config.trustRoots else {
            Issue.record("trust roots are not exactly the CA: \(String(describing: config.trustRoots))")
            return
        }
        #expect(
            try roots.map { try $0.toDERBytes() } == [
                try NIOSSLCertificate(
                    bytes: Array(fixture.ca.caCertificatePEM.utf8),
                    format: .pem
                ).toDERBytes()
            ]
        )
        _ = try NIOSSLContext(configuration: config)

        let optional = try fixture.serverConfiguration(.optional)
        #expect(optional.certificateVerification == .optionalVerification)
        _ = try NIOSSLContext(configuration: optional)
    }

    @Test func clusterClient_isTLS13Only_fullVerification_andLoads() throws {
        let fixture = try Fixture(now: fixedNow)
        let config = try fixture.clientConfiguration(fixture.admin)
        #expect(config.minimumTLSVersion == .tlsv13)
        #expect(config.maximumTLSVersion == .tlsv13)
        #expect(config.certificateVerification == .fullVerification)
        #expect(config.certificateChain.count == 1)
        #expect(config.privateKey != nil)
        _ = try NIOSSLContext(configuration: config)

        let bare = try TLSConfiguration.clusterClientWithoutCertificate(caPEM: fixture.ca.caCertificatePEM)
        #expect(bare.minimumTLSVersion == .tlsv13)
        #expect(bare.maximumTLSVersion == .tlsv13)
        #expect(bare.certificateVerification == .fullVerification)
        #expect(bare.certificateChain.isEmpty)
        #expect(bare.privateKey == nil)
        _ = try NIOSSLContext(configuration: bare)
    }

    @Test func badPEM_throwsPKIError() throws {
        let fixture = try Fixture(now: fixedNow)
        #expect(throws: PKIError.self) {
            try TLSConfiguration.clusterServer(
                certificatePEM: "nope",
                privateKeyPEM: fixture.server.privateKeyPEM,
                caPEM: fixture.ca.caCertificatePEM
            )
        }
        #expect(throws: PKIError.self) {
            try TLSConfiguration.clusterClient(
                certificatePEM: fixture.admin.certificatePEM,
                privateKeyPEM: "nope",
                caPEM: fixture.ca.caCertificatePEM
            )
        }
        #expect(throws: PKIError.self) { try TLSConfiguration.clusterClientWithoutCertificate(caPEM: "") }
        // A key that does not belong to the certificate is refused when the context is built.
        let mismatched = try TLSConfiguration.clusterServer(
            certificatePEM: fixture.server.certificatePEM,
            privateKeyPEM: fixture.admin.privateKeyPEM,
            caPEM: fixture.ca.caCertificatePEM
        )
        #expect(throws: (any Error).self) { try NIOSSLContext(configuration: mismatched) }
    }

    // MARK: - In-memory handshakes
    //
    // BoringSSL checks certificate validity against the wall clock during a handshake, so these
    // certificates are issued at the current time; nothing here waits on or measures time.

    @Test func handshake_caSignedClient_succeedsWithTLS13_andServerSeesIdentity() throws {
        let fixture = try Fixture(now: Date())
        let outcome = try handshake(
            client: fixture.clientConfiguration(fixture.admin),
            server: fixture.serverConfiguration()
        )
        #expect(!outcome.failed)
        #expect(outcome.serverVersion == .tlsv13)
        #expect(
            outcome.serverSawPeer == PeerIdentity(commonName: "kubernetes-admin", organizations: ["system:masters"])
        )
        #expect(outcome.serverSawPeer?.isAdmin == true)
    }

    @Test func handshake_clientWithoutCertificate_isRefusedUnlessOptional() throws {
        let fixture = try Fixture(now: Date())
        let bare = try TLSConfiguration.clusterClientWithoutCertificate(caPEM: fixture.ca.caCertificatePEM)
        let refused = try handshake(client: bare, server: fixture.serverConfiguration(.required))
        #expect(refused.serverFailed)
        #expect(refused.serverSawPeer == nil)
        let admitted = try handshake(client: bare, server: fixture.serverConfiguration(.optional))
        #expect(!admitted.failed)
        #expect(admitted.serverSawPeer == nil)
    }

    @Test func handshake_clientFromAnotherCA_isRefused() throws {
        let fixture = try Fixture(now: Date())
        let stranger = try ClusterPKI.createCA(now: Date())
            .issueClientCertificate(commonName: "kubernetes-admin", organizations: ["system:masters"], now: Date())
        let outcome = try handshake(
            client: fixture.clientConfiguration(stranger),
            server: fixture.serverConfiguration(.optional)
        )
        // The server refuses the chain (BoringSSL still records the rejected certificate, so don't check the peer).
        #expect(outcome.serverFailed)
    }

    @Test func handshake_clientVerifiesServerNameOrIP() throws {
        let fixture = try Fixture(now: Date())
        let client = try fixture.clientConfiguration(fixture.admin)
        let server = try fixture.serverConfiguration()
        // NIOSSL accepts a match of either the SNI name (DNS SANs) or the dialled IP (IP SANs).
        let byIP = try handshake(client: client, server: server, serverHostname: nil, serverIP: "127.0.0.1")
        #expect(!byIP.failed)
        let byName = try handshake(client: client, server: server, serverHostname: "localhost", serverIP: "192.0.2.10")
        #expect(!byName.failed)
        let neither = try handshake(
            client: client,
            server: server,
            serverHostname: "elsewhere.example",
            serverIP: "192.0.2.10"
        )
        #expect(neither.failed)
    }

    // MARK: - Peer identity

    @Test func peerIdentity_fromNIOSSLCertificate() throws {
        let fixture = try Fixture(now: fixedNow)
        let nodeCert = try fixture.ca.issueClientCertificate(
            commonName: "system:node:n7",
            organizations: ["system:nodes"],
            now: fixedNow
        )
        let identity = try PeerIdentity(
            certificate: NIOSSLCertificate(
                bytes: Array(nodeCert.certificatePEM.utf8),
                format: .pem
            )
        )
        #expect(identity.commonName == "system:node:n7")
        #expect(identity.organizations == ["system:nodes"])
        #expect(identity.nodeName == "n7")
        #expect(!identity.isAdmin)
        #expect(identity.description == "system:node:n7")
        #expect(PeerIdentity(commonName: "system:node:", organizations: []).nodeName == nil)
        #expect(PeerIdentity(commonName: "kubernetes-admin", organizations: ["system:masters"]).nodeName == nil)
    }
}
