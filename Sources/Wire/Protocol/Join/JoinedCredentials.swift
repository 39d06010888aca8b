import Foundation
import KubeAPI
import NIOSSL
import X509

/// What a node holds after joining: the cluster CA, its own client certificate and key, and the API address.
///
/// Saved in the node's directory so that a restarted kubeletd reuses its certificate instead of joining again:
/// `kubelet.crt`, `kubelet.key` (0600), `ca.crt` and `server` (`HOST:PORT`).
public struct JoinedCredentials: Sendable, Equatable, CustomStringConvertible {
    /// The file names inside the node's directory.
    public enum File: String, Sendable, CaseIterable {
        case certificate = "kubelet.crt"
        case privateKey = "kubelet.key"
        case caCertificate = "ca.crt"
        case server = "server"
    }

    /// The cluster CA certificate, PEM: the only root to trust the API server with.
    public var caPEM: String
    /// The node's client certificate (`CN=system:node:NAME`, `O=system:nodes`), PEM.
    public var certificatePEM: String
    /// The node's private key, PEM. It was generated on the node and never sent.
    public var privateKeyPEM: String
    /// The main API address to connect to with these credentials.
    public var apiServer: ServerAddress

    /// Credentials from their parts.
    public init(caPEM: String, certificatePEM: String, privateKeyPEM: String, apiServer: ServerAddress) {
        self.caPEM = caPEM
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.apiServer = apiServer
    }

    /// The client TLS configuration for the main API port (mutual TLS with the node certificate).
    ///
    /// - Throws: ``PKIError/invalidPEM(what:reason:)``.
    public func tlsConfiguration() throws -> TLSConfiguration {
        try .clusterClient(certificatePEM: certificatePEM, privateKeyPEM: privateKeyPEM, caPEM: caPEM)
    }

    // MARK: - Checks

    /// Checks the credentials are usable for `nodeName` at `now`: the certificate was issued by the CA, names
    /// `system:node:NAME` in `system:nodes`, belongs to the private key, and is valid at `now`.
    ///
    /// - Throws: ``JoinError/invalidIssuedCertificate(_:)`` saying what is wrong.
    public func validate(nodeName: String, now: Date) throws {
        func fail(_ reason: String) -> JoinError { .invalidIssuedCertificate(reason) }
        guard let ca = try? ClusterPKI.parseCertificate(caPEM, what: "CA certificate") else {
            throw fail("the CA certificate cannot be parsed")
        }
        guard let certificate = try? ClusterPKI.parseCertificate(certificatePEM, what: "node certificate") else {
            throw fail("the certificate cannot be parsed")
        }
        guard certificate.issuer == ca.subject, ca.publicKey.isValidSignature(certificate.signature, for: certificate)
        else { throw fail("it was not issued by the cluster CA") }
        guard ClusterPKI.privateKey(privateKeyPEM, matchesCertificate: certificatePEM) else {
            throw fail("it does not belong to the node's private key")
        }
        let identity = try? PeerIdentity(certificate: certificate)
        guard identity?.nodeName == nodeName, identity?.organizations.contains(PeerIdentity.nodesOrganization) == true
        else {
            throw fail("it names \(identity?.commonName.debugDescription ?? "nobody"), not system:node:\(nodeName)")
        }
        guard certificate.notValidBefore <= now, now < certificate.notValidAfter else {
            throw fail("it is valid from \(Timestamp.format(certificate.notValidBefore)) to "
                + "\(Timestamp.format(certificate.notValidAfter)), not at \(Timestamp.format(now))")
        }
    }

    /// Whether ``validate(nodeName:now:)`` passes.
    public func isValid(nodeName: String, now: Date) -> Bool {
        (try? validate(nodeName: nodeName, now: now)) != nil
    }

    /// The API address and the certificate's subject, never the private key.
    public var description: String {
        let subject = (try? ClusterPKI.parseCertificate(certificatePEM, what: "certificate"))
            .flatMap { try? PeerIdentity(certificate: $0) }?.commonName ?? "unparsable certificate"
        return "JoinedCredentials(apiServer: \(apiServer.hostPort), certificate: \(subject), privateKey: <redacted>)"
    }

    // MARK: - Files

    /// The location of one of the credential files in `directory`.
    public static func url(of file: File, in directory: URL) -> URL {
        directory.appendingPathComponent(file.rawValue)
    }

    /// Writes the four files into `directory` (created 0700 if missing), each atomically; the key with mode 0600.
    ///
    /// - Throws: ``PKIError/fileSystem(path:reason:)``.
    public func save(to directory: URL) throws {
        try SecureFile.createDirectory(directory, mode: SecureFile.privateDirectoryMode)
        try SecureFile.write(privateKeyPEM, to: Self.url(of: .privateKey, in: directory), mode: SecureFile.privateMode)
        try SecureFile.write(certificatePEM, to: Self.url(of: .certificate, in: directory), mode: SecureFile.publicMode)
        try SecureFile.write(caPEM, to: Self.url(of: .caCertificate, in: directory), mode: SecureFile.publicMode)
        try SecureFile.write(
            apiServer.hostPort + "\n", to: Self.url(of: .server, in: directory), mode: SecureFile.publicMode)
    }

    /// Reads credentials saved by ``save(to:)``; nil when `directory` holds none of the files (the node never
    /// joined). The content is not checked: call ``validate(nodeName:now:)``.
    ///
    /// - Throws: ``PKIError/incompleteDataDirectory(missing:)`` when only some files exist,
    ///   ``PKIError/fileSystem(path:reason:)`` when one cannot be read or `server` is not an address.
    public static func load(from directory: URL) throws -> JoinedCredentials? {
        var contents: [File: String] = [:]
        for file in File.allCases {
            contents[file] = try SecureFile.read(url(of: file, in: directory))
        }
        if contents.isEmpty { return nil }
        guard let certificate = contents[.certificate], let key = contents[.privateKey],
            let ca = contents[.caCertificate], let serverText = contents[.server]
        else {
            let missing = File.allCases.first { contents[$0] == nil } ?? .certificate
            throw PKIError.incompleteDataDirectory(missing: url(of: missing, in: directory).path)
        }
        let server: ServerAddress
        do {
            server = try ServerAddress(parsing: serverText.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            throw PKIError.fileSystem(path: url(of: .server, in: directory).path, reason: "\(error)")
        }
        return JoinedCredentials(caPEM: ca, certificatePEM: certificate, privateKeyPEM: key, apiServer: server)
    }
}
