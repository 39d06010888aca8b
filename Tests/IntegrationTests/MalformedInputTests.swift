import Foundation
import KubeAPI
import TestSupport
import Testing
import Wire

/// A peer that breaks the protocol loses its own connection, after an error frame where PROTOCOL.md says so, while a
/// well-behaved connection opened before it keeps working, and new clients still get in.
///
/// The misbehaving side is `scripts/wire_client.py probe`, which writes raw frames over TLS.
@Suite(.serialized)
struct MalformedInputTests {
    /// The cap the control plane is started with for these tests.
    static let cap = 4096

    /// A misbehaviour answered by one connection-level error frame and a close.
    struct Refusal: Sendable, CustomTestStringConvertible {
        var scenario: String
        var code: Int64
        var reason: String
        var message: String
        var testDescription: String { scenario }
    }

    static let refusals: [Refusal] = [
        Refusal(scenario: "oversize", code: 413, reason: "RequestEntityTooLarge",
                message: "frame of 4097 bytes exceeds the maximum frame size of 4096 bytes"),
        Refusal(scenario: "invalid-json", code: 400, reason: "BadRequest", message: "malformed message: invalid JSON"),
        Refusal(scenario: "unknown-type", code: 400, reason: "BadRequest",
                message: "malformed message: type: unknown message type \"frobnicate\""),
        Refusal(scenario: "unknown-verb", code: 400, reason: "BadRequest", message: "malformed message: request.verb"),
        Refusal(scenario: "second-hello", code: 400, reason: "BadRequest",
                message: "unexpected message: a client may send only requests and cancels"),
        Refusal(scenario: "request-before-hello", code: 400, reason: "BadRequest",
                message: "unexpected message: the first message must be a hello"),
        Refusal(scenario: "version-mismatch", code: 400, reason: "BadRequest",
                message: "protocol version mismatch: this side speaks 1, the peer speaks 2"),
    ]

    @Test("a protocol violation gets an error frame without id, then only that connection closes",
          arguments: refusals)
    func refusedWithErrorFrame(_ refusal: Refusal) async throws {
        try await withControlPlane(arguments: ["--max-frame-bytes", String(Self.cap)]) { cp in
            let result = try await PythonWireClient.probe(refusal.scenario, against: cp, cap: Self.cap)
            let status = try #require(result.connectionError, "expected one error frame without id: \(result)")
            #expect(status["kind"]?.stringValue == "Status")
            #expect(status["status"]?.stringValue == "Failure")
            #expect(status["code"]?.intValue == refusal.code, "\(result)")
            #expect(status["reason"]?.stringValue == refusal.reason, "\(result)")
            #expect(status["message"]?.stringValue?.contains(refusal.message) == true, "\(result)")
            #expect(result.closed == true, "the server kept the connection open: \(result)")
            #expect(result.survivor?.stringValue == "default", "the other connection broke: \(result)")
            try await expectServing(cp)
        }
    }

    @Test("a frame of exactly the cap is accepted")
    func frameAtCapIsAccepted() async throws {
        try await withControlPlane(arguments: ["--max-frame-bytes", String(Self.cap)]) { cp in
            let result = try await PythonWireClient.probe("at-cap", against: cp, cap: Self.cap)
            let answer = try #require(result.frames.first, "\(result)")
            #expect(answer["type"]?.stringValue == "response", "\(result)")
            #expect(answer["id"]?.intValue == 1)
            #expect(answer[path: ["object", "metadata", "name"]]?.stringValue == "default")
            #expect(result.survivor?.stringValue == "default")
        }
    }

    @Test("a connection that ends inside a frame does not disturb the others")
    func truncatedFrame() async throws {
        try await withControlPlane { cp in
            let result = try await PythonWireClient.probe("truncated", against: cp)
            #expect(result.survivor?.stringValue == "default", "\(result)")
            #expect(cp.process.isRunning)
            try await expectServing(cp)
        }
    }

    @Test("a connection without a hello is closed after --hello-timeout, without an error frame")
    func helloTimeout() async throws {
        try await withControlPlane(arguments: ["--hello-timeout", "0.5"]) { cp in
            let result = try await PythonWireClient.probe("no-hello", against: cp)
            #expect(result.closed == true, "still open: \(result)")
            #expect(result.frames.isEmpty, "\(result)")
            let elapsed = try #require(result.elapsed)
            #expect(elapsed >= 0.4 && elapsed < 4, "closed after \(elapsed)s, expected about 0.5s")
            // The good connection said hello and outlived the timeout.
            #expect(result.survivor?.stringValue == "default", "\(result)")
            try await expectServing(cp)
        }
    }

    /// New connections still work: a fresh client says hello and reads the namespace `default`.
    private func expectServing(_ cp: TestControlPlane) async throws {
        let seen = try await PythonWireClient.whoami(
            certificate: cp.dataDirectory.appendingPathComponent("admin.crt"),
            key: cp.dataDirectory.appendingPathComponent("admin.key"), against: cp)
        #expect(seen[path: ["hello", "identity"]]?.stringValue == "kubernetes-admin", "\(seen)")
        #expect(seen[path: ["answer", "object", "metadata", "name"]]?.stringValue == "default", "\(seen)")
    }
}
