import KubeAPI
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A connection to `host:port` that could not be made (refused, timed out, or no TLS handshake and hello), told in
/// kubectl's words: `The connection to the server H:P was refused - did you specify the right host or port?`,
/// `Unable to connect to the server: dial tcp H:P: i/o timeout`, `... : TLS handshake timeout`.
public struct ConnectionFailure: Error, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let underlying: any Error

    public init(host: String, port: Int, underlying: any Error) {
        self.host = host
        self.port = port
        self.underlying = underlying
    }

    public var description: String {
        let address = "\(host):\(port)"
        if Self.isRefused(underlying) {
            return "The connection to the server \(address) was refused - did you specify the right host or port?"
        }
        if Self.isConnectTimeout(underlying) { return "Unable to connect to the server: dial tcp \(address): i/o timeout" }
        if case WireError.timeout = underlying { return "Unable to connect to the server: TLS handshake timeout" }
        return "Unable to connect to the server: \(TransportErrorText.text(underlying))"
    }

    static func isRefused(_ error: any Error) -> Bool {
        if let io = error as? IOError { return io.errnoCode == ECONNREFUSED }
        if let attempts = error as? NIOConnectionError {
            return !attempts.connectionErrors.isEmpty && attempts.connectionErrors.allSatisfy { isRefused($0.error) }
        }
        return false
    }

    static func isConnectTimeout(_ error: any Error) -> Bool {
        if case ChannelError.connectTimeout = error { return true }
        if let attempts = error as? NIOConnectionError {
            return attempts.connectionErrors.contains { isConnectTimeout($0.error) }
        }
        return false
    }
}
