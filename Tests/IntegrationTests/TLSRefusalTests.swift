import Foundation
import KubeAPI
import TestSupport
import Testing
import Wire

/// The transport rules of PROTOCOL.md section 1, checked with a foreign TLS peer (`openssl s_client`): TLS 1.3 only,
/// a client certificate from the cluster CA required, identity taken from that certificate.
///
/// Each s_client run sends a hello frame and then a junk frame: a server that accepted the connection answers the
/// hello, then refuses the junk and closes, so s_client ends by itself. A refused peer never sees the hello answer.
@Suite(.serialized)
struct TLSRefusalTests {
    @Test("the admin certificate over TLS 1.3 is accepted and answered")
    func adminCertificateAccepted() async throws {
        try await withControlPlane { cp in
            let result = try await OpenSSLClient.exchange(with: cp, ["-tls1_3"] + OpenSSLClient.admin(cp))
            let output = result.stdout + result.stderr
            #expect(output.contains("TLSv1.3"), "\(result)")
            #expect(OpenSSLClient.sawServerHello(result), "no hello answer: \(result)")
            #expect(result.stdout.contains("\"identity\":\"kubernetes-admin\""), "\(result)")
        }
    }

    @Test("no client certificate: refused")
    func noClientCertificate() async throws {
        try await withControlPlane { cp in
            let result = try await OpenSSLClient.exchange(with: cp, ["-tls1_3"])
            #expect(!OpenSSLClient.sawServerHello(result), "a peer without certificate got an answer: \(result)")
            try await expectStillServing(cp)
        }
    }

    @Test("a certificate from another CA, even with the admin's subject: refused")
    func foreignCertificate() async throws {
        try await withControlPlane { cp in
            let directory = try OpenSSLClient.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let key = directory.appendingPathComponent("foreign.key")
            let certificate = directory.appendingPathComponent("foreign.crt")
            let made = try await OpenSSLClient.openssl([
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
                "-subj", "/CN=kubernetes-admin/O=system:masters", "-keyout", key.path, "-out", certificate.path,
            ])
            try #require(made.status == 0, "\(made)")
            let result = try await OpenSSLClient.exchange(
                with: cp, ["-tls1_3", "-cert", certificate.path, "-key", key.path])
            #expect(!OpenSSLClient.sawServerHello(result), "a foreign certificate got an answer: \(result)")
            try await expectStillServing(cp)
        }
    }

    @Test("TLS 1.2 only: refused, even with the admin certificate")
    func tls12Refused() async throws {
        try await withControlPlane { cp in
            let result = try await OpenSSLClient.exchange(with: cp, ["-tls1_2"] + OpenSSLClient.admin(cp))
            #expect(!OpenSSLClient.sawServerHello(result), "a TLS 1.2 peer got an answer: \(result)")
            #expect(!result.stdout.contains("TLSv1.2, Cipher is"), "a TLS 1.2 session was established: \(result)")
            try await expectStillServing(cp)
        }
    }

    @Test("identity comes from the certificate: another subject from the cluster CA is that user, and forbidden")
    func identityFromCertificate() async throws {
        try await withControlPlane { cp in
            let directory = try OpenSSLClient.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let key = directory.appendingPathComponent("jane.key")
            let request = directory.appendingPathComponent("jane.csr")
            let certificate = directory.appendingPathComponent("jane.crt")
            let extensions = directory.appendingPathComponent("client.ext")
            try "extendedKeyUsage=clientAuth\n".write(to: extensions, atomically: true, encoding: .utf8)
            let csr = try await OpenSSLClient.openssl([
                "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=jane/O=developers", "-keyout", key.path, "-out", request.path,
            ])
            try #require(csr.status == 0, "\(csr)")
            let data = cp.dataDirectory
            let signed = try await OpenSSLClient.openssl([
                "x509", "-req", "-in", request.path, "-CA", data.appendingPathComponent("ca.crt").path,
                "-CAkey", data.appendingPathComponent("ca.key").path, "-CAcreateserial", "-days", "1",
                "-extfile", extensions.path, "-out", certificate.path,
            ])
            try #require(signed.status == 0, "\(signed)")
            let seen = try await PythonWireClient.whoami(certificate: certificate, key: key, against: cp)
            #expect(seen[path: ["hello", "identity"]]?.stringValue == "jane", "\(seen)")
            #expect(seen[path: ["answer", "type"]]?.stringValue == "error", "\(seen)")
            #expect(seen[path: ["answer", "status", "code"]]?.intValue == 403, "\(seen)")
            #expect(seen[path: ["answer", "status", "reason"]]?.stringValue == "Forbidden", "\(seen)")
            #expect(
                seen[path: ["answer", "status", "message"]]?.stringValue
                    == "namespaces \"default\" is forbidden: User \"jane\" cannot get resource \"namespaces\" in API group \"\" at the cluster scope",
                "\(seen)")
        }
    }

    /// After a refused handshake the server still serves well-behaved peers.
    private func expectStillServing(_ cp: TestControlPlane) async throws {
        let result = try await OpenSSLClient.exchange(with: cp, ["-tls1_3"] + OpenSSLClient.admin(cp))
        #expect(OpenSSLClient.sawServerHello(result), "a good client was refused afterwards: \(result)")
    }
}

/// `openssl` as a foreign TLS peer, always bounded by `timeout`.
enum OpenSSLClient {
    /// The hello frame, then a one-byte junk frame that makes an accepting server answer with an error and close.
    static let input: String = {
        let hello = #"{"type":"hello","protocolVersion":1,"agent":"openssl"}"#
        return frame(hello) + frame("x")
    }()

    /// A frame as text, for s_client's stdin. Only for payloads under 128 bytes, whose length bytes are ASCII.
    static func frame(_ payload: String) -> String {
        let count = payload.utf8.count
        precondition(count < 128, "frame(_:) builds only short frames")
        let prefix = [24, 16, 8, 0].map { Character(Unicode.Scalar(UInt8((count >> $0) & 0xFF))) }
        return String(prefix) + payload
    }

    /// `-cert`/`-key` for the admin certificate in the control plane's data directory.
    static func admin(_ cp: TestControlPlane) -> [String] {
        ["-cert", cp.dataDirectory.appendingPathComponent("admin.crt").path,
         "-key", cp.dataDirectory.appendingPathComponent("admin.key").path]
    }

    /// Connects with s_client (trusting the cluster CA, SNI `localhost`), sends ``input`` and reads until the server
    /// closes or the handshake fails.
    static func exchange(with cp: TestControlPlane, _ arguments: [String]) async throws -> CommandResult {
        try await runCommand(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["timeout", "20", "openssl", "s_client", "-connect", "127.0.0.1:\(cp.port)", "-servername", "localhost",
             "-CAfile", cp.dataDirectory.appendingPathComponent("ca.crt").path, "-ign_eof"] + arguments,
            stdin: input)
    }

    /// Whether the server's hello came back (it names the identity the server authenticated).
    static func sawServerHello(_ result: CommandResult) -> Bool {
        result.stdout.contains("\"type\":\"hello\"") && result.stdout.contains("\"identity\"")
    }

    static func openssl(_ arguments: [String]) async throws -> CommandResult {
        try await runCommand(URL(fileURLWithPath: "/usr/bin/env"), ["timeout", "30", "openssl"] + arguments)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kcluster-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
