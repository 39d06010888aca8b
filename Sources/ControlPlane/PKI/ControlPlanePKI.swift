import Foundation
import KubeAPI
import SwiftASN1
import Wire
import X509

/// The control plane's certificates in its data directory: the cluster CA, the API serving
/// certificate and the admin client certificate for kctl.
///
/// Files (PEM): `ca.crt`, `ca.key`, `apiserver.crt`, `apiserver.key`, `admin.crt`, `admin.key`.
/// Keys are written with mode 0600, certificates 0644, each atomically (temporary file + rename).
public struct ControlPlanePKI: Sendable {
    /// The file names inside the data directory.
    public enum File: String, Sendable, CaseIterable {
        case caCertificate = "ca.crt"
        case caKey = "ca.key"
        case servingCertificate = "apiserver.crt"
        case servingKey = "apiserver.key"
        case adminCertificate = "admin.crt"
        case adminKey = "admin.key"
    }

    /// The admin client certificate's common name.
    public static let adminCommonName = "kubernetes-admin"
    /// The serving certificate's common name.
    public static let servingCommonName = "kcluster-apiserver"
    /// Certificates expiring sooner than this are reissued on start (``ClusterPKI/renewBefore``).
    public static let renewBefore = ClusterPKI.renewBefore

    /// The data directory the files live in.
    public let dataDirectory: URL
    /// The cluster CA, able to issue further certificates (e.g. sign node CSRs).
    public let ca: ClusterPKI
    /// The API serving certificate and key.
    public let serving: CertificateKeyPair
    /// The admin client certificate (`CN=kubernetes-admin`, `O=system:masters`) and key.
    public let admin: CertificateKeyPair
    /// What this start created or reissued, in order, for logging (e.g. `"created CA"`); empty if all was loaded.
    public let changes: [String]

    /// The CA certificate PEM.
    public var caCertificatePEM: String { ca.caCertificatePEM }
    /// The CA pin for joining nodes (see ``ClusterPKI/caHash``).
    public var caHash: String { ca.caHash }
    /// The serving certificate PEM.
    public var servingCertificatePEM: String { serving.certificatePEM }
    /// The serving private key PEM.
    public var servingPrivateKeyPEM: String { serving.privateKeyPEM }
    /// The admin client certificate PEM.
    public var adminCertificatePEM: String { admin.certificatePEM }
    /// The admin private key PEM.
    public var adminPrivateKeyPEM: String { admin.privateKeyPEM }

    /// The location of one of the PKI files in `dataDir`.
    public static func url(of file: File, in dataDir: URL) -> URL {
        dataDir.appendingPathComponent(file.rawValue)
    }

    /// Loads the PKI from `dataDir`, creating whatever is missing.
    ///
    /// On first start this creates the CA, the serving certificate and the admin certificate. Later
    /// starts load them; the serving certificate is reissued (same CA, new key) when it lacks a
    /// SubjectAlternativeName for one of `serverAddresses`, and either leaf is reissued when it is
    /// missing, not issued by this CA, not matching its key, or expiring within ``renewBefore``.
    ///
    /// - Parameters:
    ///   - dataDir: The directory (created 0700 if missing).
    ///   - serverAddresses: Addresses the server listens on or is reached at: IPv4, IPv6 (bracketed or not)
    ///     or DNS names. A wildcard (`0.0.0.0`, `::`) adds `hostName` instead of itself.
    ///     `localhost`, `127.0.0.1` and `::1` are always included.
    ///   - now: The current time.
    ///   - hostName: This host's name, used for wildcard addresses.
    /// - Throws: ``PKIError``, e.g. ``PKIError/incompleteDataDirectory(missing:)`` if only half of the CA is present.
    public static func loadOrCreate(
        dataDir: URL,
        serverAddresses: [String],
        now: Date,
        hostName: String = ProcessInfo.processInfo.hostName
    ) throws -> ControlPlanePKI {
        try SecureFile.createDirectory(dataDir, mode: SecureFile.privateDirectoryMode)
        var changes: [String] = []
        let ca = try loadOrCreateCA(dataDir: dataDir, now: now, changes: &changes)
        let hosts = requiredHosts(serverAddresses: serverAddresses, hostName: hostName)

        let servingPair: CertificateKeyPair
        let loadedServing = try loadLeaf(.servingCertificate, .servingKey, dataDir: dataDir, ca: ca, now: now)
        let missing = try loadedServing.map { try missingHosts(hosts, in: $0.certificate) } ?? hosts
        if let loadedServing, missing.isEmpty {
            servingPair = loadedServing.pair
        } else {
            // Keep names an earlier certificate from this CA had, so clients dialling them still verify.
            let previousPEM = try SecureFile.read(url(of: .servingCertificate, in: dataDir))
            let previous = previousPEM.flatMap { try? ClusterPKI.parseCertificate($0, what: "serving certificate") }
            let kept = previous.flatMap { ca.issued($0) ? try? subjectAlternativeNameStrings(of: $0) : nil } ?? []
            servingPair = try ca.issueServingCertificate(commonName: servingCommonName, hosts: hosts + kept, now: now)
            try store(servingPair, .servingCertificate, .servingKey, dataDir: dataDir)
            if loadedServing == nil {
                changes.append("issued serving certificate")
            } else {
                changes.append("reissued serving certificate for \(missing.joined(separator: ", "))")
            }
        }

        let adminPair: CertificateKeyPair
        if let admin = try loadLeaf(.adminCertificate, .adminKey, dataDir: dataDir, ca: ca, now: now),
            admin.certificate.subject.clusterCommonName == adminCommonName,
            admin.certificate.subject.clusterOrganizations.contains(PeerIdentity.adminOrganization)
        {
            adminPair = admin.pair
        } else {
            adminPair = try ca.issueClientCertificate(
                commonName: adminCommonName,
                organizations: [PeerIdentity.adminOrganization],
                now: now
            )
            try store(adminPair, .adminCertificate, .adminKey, dataDir: dataDir)
            changes.append("issued admin certificate")
        }
        return ControlPlanePKI(
            dataDirectory: dataDir,
            ca: ca,
            serving: servingPair,
            admin: adminPair,
            changes: changes
        )
    }

    /// The hosts the serving certificate must name: `localhost`, `127.0.0.1`, `::1`, then each address
    /// (brackets stripped; wildcards replaced by `hostName`), without duplicates or unusable names.
    public static func requiredHosts(serverAddresses: [String], hostName: String) -> [String] {
        var hosts = ["localhost", "127.0.0.1", "::1"]
        for address in serverAddresses {
            var host = address.trimmingCharacters(in: .whitespaces)
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            if host.isEmpty || host == "0.0.0.0" || host == "::" { host = hostName }
            // An unusable host name (empty, odd characters) is skipped rather than failing the start.
            guard (try? ClusterPKI.generalName(for: host)) != nil else { continue }
            let normalized = IPAddressLiteral.bytes(host).flatMap(IPAddressLiteral.format) ?? host.lowercased()
            if !hosts.contains(normalized) { hosts.append(normalized) }
        }
        return hosts
    }

    // MARK: - Internals

    private static func loadOrCreateCA(dataDir: URL, now: Date, changes: inout [String]) throws -> ClusterPKI {
        let certificateURL = url(of: .caCertificate, in: dataDir)
        let keyURL = url(of: .caKey, in: dataDir)
        switch (try SecureFile.read(certificateURL), try SecureFile.read(keyURL)) {
        case (let certificate?, let key?):
            return try ClusterPKI(caCertificatePEM: certificate, caPrivateKeyPEM: key)
        case (nil, nil):
            let ca = try ClusterPKI.createCA(now: now)
            try SecureFile.write(ca.caPrivateKeyPEM, to: keyURL, mode: SecureFile.privateMode)
            try SecureFile.write(ca.caCertificatePEM, to: certificateURL, mode: SecureFile.publicMode)
            changes.append("created CA")
            return ca
        case (nil, _):
            throw PKIError.incompleteDataDirectory(missing: certificateURL.path)
        case (_, nil):
            throw PKIError.incompleteDataDirectory(missing: keyURL.path)
        }
    }

    /// A leaf from disk if it is usable: both files present, key matching, issued by `ca`, not expiring soon.
    private static func loadLeaf(
        _ certificateFile: File,
        _ keyFile: File,
        dataDir: URL,
        ca: ClusterPKI,
        now: Date
    ) throws -> (pair: CertificateKeyPair, certificate: Certificate)? {
        guard let certificatePEM = try SecureFile.read(url(of: certificateFile, in: dataDir)),
            let keyPEM = try SecureFile.read(url(of: keyFile, in: dataDir)),
            let certificate = try? ClusterPKI.parseCertificate(certificatePEM, what: certificateFile.rawValue),
            ClusterPKI.privateKey(keyPEM, matchesCertificate: certificatePEM),
            ca.issued(certificate),
            now < certificate.notValidAfter - renewBefore
        else { return nil }
        return (CertificateKeyPair(certificatePEM: certificatePEM, privateKeyPEM: keyPEM), certificate)
    }

    private static func store(_ pair: CertificateKeyPair, _ certificateFile: File, _ keyFile: File, dataDir: URL) throws
    {
        try SecureFile.write(pair.privateKeyPEM, to: url(of: keyFile, in: dataDir), mode: SecureFile.privateMode)
        try SecureFile.write(
            pair.certificatePEM,
            to: url(of: certificateFile, in: dataDir),
            mode: SecureFile.publicMode
        )
    }

    /// The hosts of `hosts` that `certificate` has no SubjectAlternativeName for.
    private static func missingHosts(_ hosts: [String], in certificate: Certificate) throws -> [String] {
        let present = Set(try certificate.extensions.subjectAlternativeNames ?? SubjectAlternativeNames())
        return try hosts.filter { !present.contains(try ClusterPKI.generalName(for: $0)) }
    }

    /// The SubjectAlternativeNames of `certificate` as text (DNS names and IP addresses only).
    static func subjectAlternativeNameStrings(of certificate: Certificate) throws -> [String] {
        let names = try certificate.extensions.subjectAlternativeNames ?? SubjectAlternativeNames()
        return names.compactMap { name in
            switch name {
            case .dnsName(let dnsName):
                return dnsName
            case .ipAddress(let octets):
                return IPAddressLiteral.format(Array(octets.bytes))
            default:
                return nil
            }
        }
    }
}
