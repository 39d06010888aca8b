import Testing

@testable import Wire

/// A connection without ALPN is HTTP when its first byte starts a method name, frames otherwise.
@Suite struct ProtocolSnifferTests {
    @Test func aConnectionsFirstByte_tellsHTTPFromFrames() {
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"] {
            #expect(ProtocolSniffer<Int>.startsHTTP(Array(method.utf8)[0]))
        }
        #expect(!ProtocolSniffer<Int>.startsHTTP(0x00))  // a hello's length prefix
        #expect(!ProtocolSniffer<Int>.startsHTTP(UInt8(ascii: "{")))
    }
}
