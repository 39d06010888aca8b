import KubeAPI
import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A transport error (socket, TLS, channel) in the words Go's net and crypto/tls packages use, which kubectl
/// prints after `Unable to connect to the server: `: `EOF`, `connect: connection refused`, `i/o timeout`,
/// `remote error: tls: bad certificate`. The single place where NIO's and NIOSSL's error enums become text, so
/// that none of their internal names (`uncleanShutdown`, `handshakeFailed(...)`) reaches a user. Pure.
public enum TransportErrorText {
    public static func text(_ error: any Error) -> String {
        switch error {
        case let wire as WireError: wire.description
        case let status as Status: status.description
        case let lost as ConnectionLost: lost.reason
        default: transportText(error) ?? "connection error"
        }
    }

    /// The words for an error of the transport libraries (NIO, NIOSSL); nil for any other error.
    public static func transportText(_ error: any Error) -> String? {
        switch error {
        case let io as IOError: errnoText(io.errnoCode)
        case let attempts as NIOConnectionError:
            attempts.connectionErrors.last.map { text($0.error) } ?? "no such host"
        case let ssl as NIOSSLError: tlsText(ssl)
        case let channel as ChannelError: channelText(channel)
        default: nil
        }
    }

    private static func errnoText(_ code: Int32) -> String {
        switch code {
        case ECONNREFUSED: "connect: connection refused"
        case ECONNRESET: "read: connection reset by peer"
        case EPIPE: "write: broken pipe"
        case ETIMEDOUT: "i/o timeout"
        case EHOSTUNREACH: "connect: no route to host"
        case ENETUNREACH: "connect: network is unreachable"
        default: String(cString: strerror(code)).lowercased()
        }
    }

    private static func tlsText(_ error: NIOSSLError) -> String {
        switch error {
        case .uncleanShutdown: return "EOF"
        case .handshakeFailed(let inner):
            let detail = "\(inner)"
            if detail.contains("CERTIFICATE_VERIFY_FAILED") {
                return "tls: failed to verify certificate: x509: certificate signed by unknown authority"
            }
            if detail.contains("ALERT") { return "remote error: tls: bad certificate" }
            return "tls: handshake failure"
        default: return "tls: internal error"
        }
    }

    private static func channelText(_ error: ChannelError) -> String {
        switch error {
        case .connectTimeout: "i/o timeout"
        case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed: "EOF"
        default: "use of closed network connection"
        }
    }
}
