import Foundation
import SwiftASN1
import TestSupport
import Testing
import Wire
import X509

@testable import ControlPlane

/// A fixed issuing time: 2026-01-01T00:00:00Z.
private let now = Date(timeIntervalSince1970: 1_767_225_600)

@Suite struct ControlPlanePKITests {
    private let dataDir: URL

    init() {
        dataDir = FileManager.default.temporaryDirectory
            .appendingPathComponent("kcluster-pki-\(UUID().uuidString)")
    }

    private func permissions(_ file: ControlPlanePKI.File) throws -> Int {
        let url = ControlPlanePKI.url(of: file, in: dataDir)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return try #require((attributes[.posixPermissions] as? NSNumber)?.intValue)
    }

    private func read(_ file: ControlPlanePKI.File) throws -> String {
        try String(contentsOf: ControlPlanePKI.url(of: file, in: dataDir), encoding: .utf8)
    }

    @Test func firstStart_writesAllFiles_keysPrivate() throws {
        defer { try? FileManager.default.removeItem(at: dataDir) }
        let pki = try ControlPlanePKI.loadOrCreate(
            dataDir: dataDir,
            serverAddresses: ["10.1.2.3"],
            now: now,
            hostName: "node-a"
        )
        for file in ControlPlanePKI.File.allCases {
            #expect(FileManager.default.fileExists(atPath: ControlPlanePKI.url(of: file, in: dataDir).path))
        }
        #expect(try permissions(.caKey) == 0o600)
        #expect(try permissions(.servingKey) == 0o600)
        #expect(try permissions(.adminKey) == 0o600)
        #expect(try permissions(.caCertificate) == 0o644)
        #expect(try read(.caCertificate) == pki.caCertificatePEM)
        #expect(try read(.adminKey) == pki.adminPrivateKeyPEM)
        #expect(pki.changes == ["created CA", "issued serving certificate", "issued admin certificate"])
        // No temporary files are left behind.
        let entries = try FileManager.default.contentsOfDirectory(atPath: dataDir.path)
        #expect(entries.sorted() == ControlPlanePKI.File.allCases.map(\.rawValue).sorted())

        let admin = try PeerIdentity(certificate: Certificate(pemEncoded: pki.adminCertificatePEM))
        #expect(admin == PeerIdentity(commonName: "kubernetes-admin", organizations: ["system:masters"]))
        let serving = try Certificate(pemEncoded: pki.servingCertificatePEM)
        #expect(pki.ca.issued(serving))
        #expect(try sanStrings(serving) == ["localhost", "127.0.0.1", "::1", "10.1.2.3"])
    }

    @Test func secondStart_loadsSameFiles() throws {
        defer { try? FileManager.default.removeItem(at: dataDir) }
        let first = try ControlPlanePKI.loadOrCreate(dataDir: dataDir, serverAddresses: ["10.1.2.3"], now: now)
        let second = try ControlPlanePKI.loadOrCreate(
            dataDir: dataDir,
            serverAddresses: ["10.1.2.3"],
            now: now + 86400
        )
        #expect(second.changes.isEmpty)
        #expect(second.caCertificatePEM == first.caCertificatePEM)
        #expect(second.caHash == first.caHash)
        #expect(second.serving == first.serving)
        #expect(second.admin == first.admin)
    }

    @Test func newAddress_reissuesServingCertificateFromSameCA() throws {
        defer { try? FileManager.default.removeItem(at: dataDir) }
        let first = try ControlPlanePKI.loadOrCreate(dataDir: dataDir, serverAddresses: ["10.1.2.3"], now: now)
        let second = try ControlPlanePKI.loadOrCreate(
            dataDir: dataDir,
            serverAddresses: ["10.1.2.3", "[fd00::5]", "cp.internal"],
            now: now
        )
        #expect(second.changes == ["reissued serving certificate for fd00::5, cp.internal"])
        #expect(second.caHash == first.caHash)
        #expect(second.admin == first.admin)
        #expect(second.serving != first.serving)
        let serving = try Certificate(pemEncoded: second.servingCertificatePEM)
        #expect(second.ca.issued(serving))
        #expect(try sanStrings(serving) == ["localhost", "127.0.0.1", "::1", "10.1.2.3", "fd00::5", "cp.internal"])
        #expect(try read(.servingCertificate) == second.servingCertificatePEM)
        #expect(try permissions(.servingKey) == 0o600)
        // An address dropped later keeps the earlier names (no reissue needed).
        let third = try ControlPlanePKI.loadOrCreate(dataDir: dataDir, serverAddresses: ["cp.internal"], now: now)
        #expect(third.changes.isEmpty)
    }

    @Test func wildcard_addsHostNameOnly() throws {
        #expect(
            ControlPlanePKI.requiredHosts(serverAddresses: ["0.0.0.0"], hostName: "Box-1")
                == ["localhost", "127.0.0.1", "::1", "box-1"]
        )
        #expect(
            ControlPlanePKI.requiredHosts(serverAddresses: ["[::]", "127.0.0.1", "0:0::1"], hostName: "h")
                == ["localhost", "127.0.0.1", "::1", "h"]
        )
    }

    @Test func expiringLeaves_areReissued() throws {
        defer { try? FileManager.default.removeItem(at: dataDir) }
        let first = try ControlPlanePKI.loadOrCreate(dataDir: dataDir, serverAddresses: [], now: now)
        let later = try ControlPlanePKI.loadOrCreate(dataDir: dataDir, serverAddresses: [], now: now + 340 * 86400)
        #expect(later.caHash == first.caHash)
        #expect(later.changes == ["issued serving certificate", "issued admin certificate"])
    }

    @Test func halfACA_isAnError() throws {
        defer { try? FileManager.default.removeItem(at: dataDir) }
        _ = try ControlPlanePKI.loadOrCreate(dataDir: dataDir, serverAddresses: [], now: now)
        let keyURL = ControlPlanePKI.url(of: .caKey, in: dataDir)
        try FileManager.default.removeItem(at: keyURL)
        #expect(throws: PKIError.incompleteDataDirectory(missing: keyURL.path)) {
            try ControlPlanePKI.loadOrCreate(dataDir: dataDir, serverAddresses: [], now: now)
        }
    }
}
