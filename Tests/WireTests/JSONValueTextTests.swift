import Foundation
import NIOCore
import Testing

@testable import KubeAPI
@testable import Wire

/// JSON text both ways: numbers read as JSONDecoder read them, compact sorted output, escaping that round-trips.
@Suite struct JSONValueTextTests {
    func parse(_ text: String) throws -> JSONValue { try JSONValue(jsonData: Data(text.utf8)) }
    func text(_ value: JSONValue) throws -> String { String(decoding: try value.jsonData(), as: UTF8.self) }

    @Test func numbers_areIntegersWhenIntegralAndInRange_elseDoubles() throws {
        #expect(try parse("[3, -5, 1.0, 1e2, -0, 0.1, 12345678901234567890, 9007199254740993, true, false, null]") == [
            .int(3), .int(-5), .int(1), .int(100), .int(0), .double(0.1), .double(1.2345678901234567e19),
            .int(9007199254740993), .bool(true), .bool(false), .null,
        ])
    }

    @Test func output_isCompact_sortedByBytes_andRoundTrips() throws {
        let value: JSONValue = [
            "b": [1, 2.5, "x"], "a": ["z": .null, "B": true], "text": "quote \" backslash \\ newline \n tab \t \u{01} é 😀 </>",
        ]
        let written = try text(value)
        #expect(written.hasPrefix(#"{"a":{"B":true,"z":null},"b":[1,2.5,"x"],"text":"quote \" backslash \\ newline \n tab \t \u0001"#))
        #expect(try parse(written) == value)
    }

    @Test func keys_areOrderedByTheirUTF8Bytes_prefixesFirst_andPlainStringsAreCopiedVerbatim() throws {
        // Byte order, not Swift's String order: "B" (0x42) < "a", a prefix before its extensions, "é" (0xC3 0xA9)
        // after every ASCII key, "ée" after "é"; the empty key first.
        let value: JSONValue = ["z": 1, "é": 2, "ab": 3, "a": 4, "B": 5, "": 6, "ée": 7, "a\u{7F}": 8]
        #expect(try text(value) == #"{"":6,"B":5,"a":4,"ab":3,"a\#u{7F}":8,"z":1,"é":2,"ée":7}"#)
        #expect(JSONValueText.utf8Precedes("a", "ab") && !JSONValueText.utf8Precedes("ab", "a"))
        #expect(!JSONValueText.utf8Precedes("a", "a") && JSONValueText.utf8Precedes("", "a"))
        #expect(try text(["k": "plain text, no escapes: é 😀"]) == #"{"k":"plain text, no escapes: é 😀"}"#)
    }

    @Test func invalidText_throws() {
        // (Foundation's parser, like JSONDecoder's, tolerates a trailing comma; these it refuses.)
        for bad in ["{", "{\"a\":}", "[01]", "[1 2]", "nul", ""] {
            #expect(throws: (any Error).self, "\(bad)") { try parse(bad) }
        }
    }

    @Test func messages_roundTripThroughTheCodec() throws {
        var request = Request(verb: .create, kind: "Pod", namespace: "default")
        request.object = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p"], "spec": ["x": 1.5]]
        let message = Message.request(id: 7, request)
        let decoded = try MessageCodec.decode(try MessageCodec.encode(message))
        guard case .request(let id, let back) = decoded else {
            Issue.record("decoded \(decoded)")
            return
        }
        #expect(id == 7 && back.object == request.object && back.kind == "Pod")
        #expect(throws: WireError.malformedMessage("invalid JSON")) {
            try MessageCodec.decode(ByteBuffer(string: "{not json"))
        }
    }
}
