import Foundation
import KubeAPI
import Logging
import NIOSSL

/// The joining node's side of bootstrap, as `kubeadm join --token T --discovery-token-ca-cert-hash H` does it.
///
/// 1. Discovery: connect to the bootstrap port without verifying the server and without a certificate, `get`
///    the ``ClusterInfo``, and check its CA against the pinned hash. On a mismatch, stop: nothing secret was sent.
/// 2. Certificate: generate a P-256 key locally, reconnect verifying the server against that CA, and `create` a
///    ``NodeCertificateSigningRequest`` with the token. The answer carries the node's certificate.
///
/// Nothing is stored here; save the result with ``JoinedCredentials/save(to:)``.
public enum JoinClient {
    /// The name the client gives in its hello.
    public static let agent = "kubeletd-join/\(WireVersion.softwareVersion)"
    /// The name the server certificate is verified for: every serving certificate of the cluster carries it, and
    /// the CA itself is pinned by its hash.
    static let verifiedServerName = "localhost"

    /// Joins the cluster through the bootstrap port at `bootstrapServer`.
    ///
    /// - Parameters:
    ///   - bootstrapServer: The control plane's bootstrap listener (`--bootstrap-port`, default 6444).
    ///   - token: The bootstrap token, `id.secret`.
    ///   - caHash: The pinned CA hash, `sha256:<hex>` (the control plane writes it to `<data-dir>/ca.hash`).
    ///   - nodeName: The node's name (a DNS-1123 subdomain); the certificate will name `system:node:<nodeName>`.
    ///   - now: The current time, to check the issued certificate is valid.
    ///   - timeout: How long each of the two requests may take.
    /// - Returns: The CA, the node's certificate and key, and the main API address.
    /// - Throws: ``JoinError``: ``JoinError/caHashMismatch(expected:actual:)`` for a wrong hash (the token was not
    ///   sent), ``JoinError/tokenRejected(server:message:)`` for a refused token, and the other cases for the rest.
    public static func join(
        bootstrapServer: ServerAddress,
        token: String,
        caHash: String,
        nodeName: String,
        now: Date,
        timeout: Duration = .seconds(10),
        logger: Logger
    ) async throws -> JoinedCredentials {
        let pin = try validateInputs(token: token, caHash: caHash, nodeName: nodeName)
        let info = try await discover(bootstrapServer, timeout: timeout)
        let actual: String
        do {
            actual = try ClusterPKI.caHash(certificatePEM: info.caCertificate)
        } catch {
            throw JoinError.discoveryFailed(
                server: bootstrapServer.hostPort, reason: "invalid CA certificate: \(error)")
        }
        guard actual == pin else { throw JoinError.caHashMismatch(expected: caHash, actual: actual) }
        logger.debug("cluster CA verified against the pinned hash", metadata: ["server": "\(info.server)"])

        let apiServer = try apiAddress(info.server, bootstrapServer: bootstrapServer)
        let request = try ClusterPKI.makeCertificateSigningRequest(
            commonName: PeerIdentity.nodeCommonNamePrefix + nodeName, organizations: [PeerIdentity.nodesOrganization])
        let certificatePEM = try await requestCertificate(
            bootstrapServer, caPEM: info.caCertificate, nodeName: nodeName, csrPEM: request.csrPEM, token: token,
            timeout: timeout)
        let credentials = JoinedCredentials(
            caPEM: info.caCertificate, certificatePEM: certificatePEM, privateKeyPEM: request.privateKeyPEM,
            apiServer: apiServer)
        try credentials.validate(nodeName: nodeName, now: now)
        logger.info("joined the cluster", metadata: ["node": "\(nodeName)", "server": "\(apiServer.hostPort)"])
        return credentials
    }

    // MARK: - Steps

    /// Checks the arguments before anything is sent; returns the normalised (lowercase) pin.
    static func validateInputs(token: String, caHash: String, nodeName: String) throws -> String {
        guard (try? BootstrapToken.parse(token)) != nil else { throw JoinError.invalidToken }
        let pin = caHash.lowercased()
        let hex = pin.dropFirst("sha256:".count)
        guard pin.hasPrefix("sha256:"), hex.count == 64, hex.allSatisfy(\.isHexDigit) else {
            throw JoinError.invalidCAHash(caHash)
        }
        if let reason = Validation.isDNS1123Subdomain(nodeName).first {
            throw JoinError.invalidNodeName(nodeName, reason: reason)
        }
        return pin
    }

    /// Step 1: the cluster info, over a connection that verifies nothing and sends no secret.
    static func discover(_ server: ServerAddress, timeout: Duration) async throws -> ClusterInfo {
        do {
            let answer = try await WireClient.withConnection(
                host: server.host, port: server.port, tls: .clusterDiscovery(), serverHostname: verifiedServerName,
                agent: agent
            ) { client in
                try await client.send(Request(verb: .get, kind: ClusterInfo.kind), timeout: timeout)
            }
            guard let answer else { throw WireError.malformedMessage("the answer carries no ClusterInfo") }
            return try answer.decode(as: ClusterInfo.self)
        } catch {
            throw JoinError.discoveryFailed(server: server.hostPort, reason: "\(error)")
        }
    }

    /// Step 2: the node certificate, over a connection that verifies the server against the pinned CA.
    static func requestCertificate(
        _ server: ServerAddress,
        caPEM: String,
        nodeName: String,
        csrPEM: String,
        token: String,
        timeout: Duration
    ) async throws -> String {
        var create = Request(verb: .create, kind: NodeCertificateSigningRequest.kind)
        create.object = NodeCertificateSigningRequest.object(nodeName: nodeName, csrPEM: csrPEM, token: token)
        let request = create
        let answer: JSONValue?
        do {
            let tls = try TLSConfiguration.clusterClientWithoutCertificate(caPEM: caPEM)
            answer = try await WireClient.withConnection(
                host: server.host, port: server.port, tls: tls, serverHostname: verifiedServerName, agent: agent
            ) { client in
                try await client.send(request, timeout: timeout)
            }
        } catch let status as Status where status.reason == .unauthorized {
            throw JoinError.tokenRejected(server: server.hostPort, message: status.description)
        } catch {
            throw JoinError.certificateRequestFailed(server: server.hostPort, reason: "\(error)")
        }
        guard let answer, let certificate = NodeCertificateSigningRequest.issuedCertificate(in: answer) else {
            throw JoinError.invalidIssuedCertificate("the answer carries no status.certificate")
        }
        return certificate
    }

    /// The API address from the cluster info; a wildcard host (`0.0.0.0`, `::`) means "the host you reached me at".
    static func apiAddress(_ text: String, bootstrapServer: ServerAddress) throws -> ServerAddress {
        let address: ServerAddress
        do {
            address = try ServerAddress(parsing: text)
        } catch {
            throw JoinError.discoveryFailed(
                server: bootstrapServer.hostPort, reason: "invalid server address: \(error)")
        }
        let wildcards: Set<String> = ["0.0.0.0", "::", ""]
        guard wildcards.contains(address.host) else { return address }
        return ServerAddress(host: bootstrapServer.host, port: address.port)
    }
}
