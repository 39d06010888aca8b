/// Failures of the connection layer itself (as opposed to API failures, which are ``Status`` values).
import KubeAPI

public enum WireError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A frame's length prefix announced more bytes than the cap allows.
    case frameTooLarge(length: Int, cap: Int)
    /// A frame's payload was not a valid message.
    case malformedMessage(String)
    /// A message arrived that is not allowed at this point (e.g. a request before the hello).
    case unexpectedMessage(String)
    /// The peers speak different protocol versions.
    case versionMismatch(local: Int, remote: Int)
    /// The connection closed while requests were pending.
    case connectionClosed
    /// A request got no response in time.
    case timeout(seconds: Double)

    public var description: String {
        switch self {
        case .frameTooLarge(let length, let cap):
            "frame of \(length) bytes exceeds the maximum frame size of \(cap) bytes"
        case .malformedMessage(let why): "malformed message: \(why)"
        case .unexpectedMessage(let why): "unexpected message: \(why)"
        case .versionMismatch(let local, let remote):
            "protocol version mismatch: this side speaks \(local), the peer speaks \(remote)"
        case .connectionClosed: "connection closed"
        case .timeout(let seconds): "request timed out after \(seconds)s"
        }
    }
}
