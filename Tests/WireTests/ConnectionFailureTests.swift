import KubeAPI
import NIOCore
import NIOSSL
import Testing
import Wire

#if canImport(Glibc)
    import Glibc
#endif

/// Connection failures in kubectl's words.
@Suite struct ConnectionFailureTests {
    func text(_ error: any Error) -> String {
        ConnectionFailure(host: "127.0.0.1", port: 6443, underlying: error).description
    }

    @Test func refused_timedOut_handshake_andOther() {
        #expect(text(IOError(errnoCode: ECONNREFUSED, reason: "connect"))
            == "The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?")
        #expect(text(ChannelError.connectTimeout(.seconds(5)))
            == "Unable to connect to the server: dial tcp 127.0.0.1:6443: i/o timeout")
        #expect(text(WireError.timeout(seconds: 10)) == "Unable to connect to the server: TLS handshake timeout")
        #expect(text(WireError.connectionClosed) == "Unable to connect to the server: connection closed")
    }

    @Test func transportErrors_inGosWords_neverTheLibrarysNames() {
        #expect(TransportErrorText.text(NIOSSLError.uncleanShutdown) == "EOF")
        #expect(TransportErrorText.text(IOError(errnoCode: ECONNRESET, reason: "read")) == "read: connection reset by peer")
        #expect(TransportErrorText.text(ChannelError.ioOnClosedChannel) == "EOF")
        #expect(text(NIOSSLError.uncleanShutdown) == "Unable to connect to the server: EOF")
        #expect(TransportErrorText.transportText(WireError.connectionClosed) == nil, "not a transport library's")
    }

    @Test func aBrokenConnection_isLost() {
        let lost = ConnectionLost(host: "127.0.0.1", port: 6443, underlying: NIOSSLError.uncleanShutdown)
        #expect(lost.description == "the connection to the server 127.0.0.1:6443 was lost")
        #expect(lost.reason == "EOF")
    }
}
