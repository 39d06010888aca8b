import Foundation
import KubeAPI
import NIOCore
import Testing
import Wire

/// The `warning` message: what a service records while it handles a request reaches the client before the answer,
/// for that request only.
@Suite struct WireWarningsTests {
    /// Warns with the request's name, twice, when it has a `fieldValidation`.
    struct WarningService: WireService {
        func handle(_ request: Request, from peer: PeerIdentity) async throws -> JSONValue? {
            if request.fieldValidation != nil { WireWarnings.record(["first \(request.name ?? "")", "second"]) }
            return .string(request.name ?? "")
        }

        func watch(_ request: Request, from peer: PeerIdentity, send: @escaping @Sendable (WatchEvent) async -> Void)
            async throws {}
    }

    @Test func warnings_reachTheClientBeforeTheAnswer() async throws {
        try await WireConnectionTests.withServer(WarningService()) { port in
            try await WireConnectionTests.connect(port) { client in
                var warned = Request(verb: .create, kind: "ConfigMap", name: "a")
                warned.fieldValidation = "Warn"
                let (object, warnings) = try await client.sendReportingWarnings(warned)
                #expect(object == "a" && warnings == ["first a", "second"])
                let (plain, none) = try await client.sendReportingWarnings(Request(verb: .create, kind: "ConfigMap", name: "b"))
                #expect(plain == "b" && none.isEmpty)
                // A caller that does not ask for them is answered as before.
                #expect(try await client.send(warned) == "a")
            }
        }
    }

    @Test func warningMessage_roundTrips() throws {
        let message = Message.warning(id: 7, text: "unknown field \"spec.foo\"")
        let encoded = try MessageCodec.encode(message)
        let json = try JSONValue(jsonData: Data(String(buffer: encoded).utf8))
        #expect(json == ["type": "warning", "id": 7, "text": "unknown field \"spec.foo\""])
        #expect(try MessageCodec.decode(encoded) == message)
        var request = Request(verb: .create, kind: "ConfigMap")
        request.fieldValidation = "Ignore"
        let decoded = try MessageCodec.decode(try MessageCodec.encode(.request(id: 1, request)))
        #expect(decoded == .request(id: 1, request))
    }

    @Test func recordingOutsideARequest_doesNothing() {
        WireWarnings.record(["lost"])
        let sink = WireWarnings.Sink()
        WireWarnings.$sink.withValue(sink) { WireWarnings.record(["kept"]) }
        #expect(sink.texts == ["kept"])
    }
}
