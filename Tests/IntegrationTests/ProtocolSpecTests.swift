import Foundation
import KubeAPI
import TestSupport
import Testing
import Wire

/// docs/PROTOCOL.md is the contract: an independent client written from it alone works against the real server,
/// and the document names everything the implementation puts on the wire.
@Suite(.serialized)
struct ProtocolSpecTests {
    /// The number of checks `wire_client.py conformance` runs; a check that silently disappears fails the test.
    static let conformanceChecks = 14
    /// The watch window the control plane runs with, small enough for the client to provoke Gone.
    static let watchWindow = 40

    @Test("the Python client written from PROTOCOL.md passes every check against a real control plane")
    func pythonClientConformance() async throws {
        try await withControlPlane(arguments: ["--watch-window", String(Self.watchWindow)]) { cp in
            let result = try await PythonWireClient.run(
                ["conformance", "--watch-window", String(Self.watchWindow)], against: cp)
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(result.status == 0, "\(result)")
            #expect(lines.last == "python client: \(Self.conformanceChecks) passed, 0 failed", "\(result)")
            #expect(!lines.contains { $0.contains("skipped") }, "\(result)")
        }
    }

    // MARK: - The document against the code

    static func protocolDocument() throws -> String {
        try String(contentsOf: repositoryRoot().appendingPathComponent("docs/PROTOCOL.md"), encoding: .utf8)
    }

    @Test("PROTOCOL.md documents every request field, verb, patch type, message type and event type")
    func documentNamesEverything() throws {
        let document = try Self.protocolDocument()
        var request = Request(verb: .get, kind: "Pod")
        request.labelSelector = ""
        let fields = Mirror(reflecting: request).children.compactMap(\.label)
        #expect(fields.count >= 16, "Request has fewer fields than expected: \(fields)")
        var names = fields + Verb.allCases.map(\.rawValue) + PatchType.allCases.map(\.rawValue)
        names += ["hello", "request", "response", "error", "event", "cancel", "protocolVersion", "agent", "identity"]
        names += ["ADDED", "MODIFIED", "DELETED", "BOOKMARK"]
        for name in names {
            #expect(document.contains("`\(name)`"), "PROTOCOL.md does not mention `\(name)`")
        }
        #expect(document.contains("# The kcluster wire protocol, version \(WireVersion.protocolVersion)"))
        #expect(document.contains("\(MessageCodec.defaultMaxFrameBytes)"), "the default frame cap")
    }

    @Test("PROTOCOL.md's code table lists every status the server builds")
    func documentListsStatuses() throws {
        let document = try Self.protocolDocument()
        let statuses: [Status] = [
            .badRequest("x"), .forbidden("x"), .notFound(.pod, name: "x"), .alreadyExists(.pod, name: "x"),
            .conflict(.pod, name: "x"), .gone("x"), .invalid(.pod, name: "x", errors: [.required("spec")]),
            .internalError("x"), .timeout("x"),
            Status(code: 405, reason: .methodNotAllowed, message: "x"),
            Status(code: 413, reason: .requestEntityTooLarge, message: "x"),
            Status(code: 406, reason: .notAcceptable, message: "x"),
        ]
        for status in statuses {
            let row = "| \(status.code)  | `\(status.reason?.rawValue ?? "")`"
            #expect(document.contains(row), "no table row starting with \(row)")
        }
    }

    @Test("the hex frame example in PROTOCOL.md is a correct frame of the JSON it shows")
    func hexExampleIsAFrame() throws {
        let lines = try Self.protocolDocument().split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.contains("so the frame is") })
        let hexLines = lines[(start + 1)...].drop { $0.trimmingCharacters(in: .whitespaces).isEmpty }
            .prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let bytes = try hexLines.flatMap { line in
            try line.split(separator: " ").map { pair in
                try #require(UInt8(pair, radix: 16), "not a hex byte: \(pair)")
            }
        }
        try #require(bytes.count > 4)
        let length = bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        #expect(length == bytes.count - 4, "the prefix says \(length), the payload has \(bytes.count - 4) bytes")
        let payload = String(decoding: bytes.dropFirst(4), as: UTF8.self)
        #expect(payload == #"{"type":"hello","protocolVersion":1,"agent":"demo/1"}"#)
        let message = try JSONDecoder().decode(Message.self, from: Data(payload.utf8))
        #expect(message == .hello(Hello(protocolVersion: 1, agent: "demo/1")))
    }
}
