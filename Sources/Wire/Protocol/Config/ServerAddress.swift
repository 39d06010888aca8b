import Foundation
import KubeAPI

/// Where a control plane listens: a host (DNS name, IPv4 or IPv6 literal) and a TCP port.
///
/// Written in kubeconfigs as `https://HOST:PORT` (`https://[::1]:6443` for IPv6), which kubectl reads too: the port
/// serves the frame protocol and, chosen by TLS ALPN, the Kubernetes REST API. Parsing also accepts the older
/// `wire://HOST:PORT`, the bare forms `HOST:PORT`, `[V6]:PORT`, and a host without a port (``defaultPort``).
public struct ServerAddress: Sendable, Hashable, CustomStringConvertible {
    /// The URL scheme of cluster server addresses.
    public static let scheme = "https"
    /// The schemes parsing accepts: ``scheme`` and the frame protocol's own, written by earlier versions.
    public static let acceptedSchemes: Set<String> = [scheme, "wire"]
    /// The port used when an address names none.
    public static let defaultPort = 6443

    /// The host, without brackets: `localhost`, `10.0.0.1`, `::1`.
    public var host: String
    /// The TCP port.
    public var port: Int

    /// An address from its parts; `host` may be given with or without IPv6 brackets.
    public init(host: String, port: Int) {
        if host.hasPrefix("["), host.hasSuffix("]") {
            self.host = String(host.dropFirst().dropLast())
        } else {
            self.host = host
        }
        self.port = port
    }

    /// Parses `https://HOST:PORT`, `wire://HOST:PORT`, `HOST:PORT`, `[V6]:PORT`, `HOST` or a bare IPv6 literal.
    ///
    /// - Throws: ``KubeconfigError/invalidServer(_:reason:)`` for another scheme, a malformed host or a bad port.
    public init(parsing text: String) throws {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if let schemeEnd = rest.range(of: "://") {
            let scheme = rest[..<schemeEnd.lowerBound]
            guard Self.acceptedSchemes.contains(scheme.lowercased()) else {
                throw KubeconfigError.invalidServer(text, reason: "unsupported scheme \"\(scheme)\", expected \"https\"")
            }
            rest = rest[schemeEnd.upperBound...]
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty else { throw KubeconfigError.invalidServer(text, reason: "missing host") }

        let host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                throw KubeconfigError.invalidServer(text, reason: "missing \"]\" after IPv6 address")
            }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else {
                    throw KubeconfigError.invalidServer(text, reason: "expected \":PORT\" after \"]\"")
                }
                portText = after.dropFirst()
            }
            guard IPAddressLiteral.isIPv6(String(host)) else {
                throw KubeconfigError.invalidServer(text, reason: "\"\(host)\" is not an IPv6 address")
            }
        } else if IPAddressLiteral.isIPv6(String(rest)) {
            host = rest
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
            guard !host.contains(":") else {
                throw KubeconfigError.invalidServer(text, reason: "IPv6 addresses must be written as [ADDRESS]:PORT")
            }
        } else {
            host = rest
        }
        guard !host.isEmpty, !host.contains(where: { $0 == "/" || $0 == "@" || $0.isWhitespace }) else {
            throw KubeconfigError.invalidServer(text, reason: "invalid host \"\(host)\"")
        }
        var port = Self.defaultPort
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw KubeconfigError.invalidServer(text, reason: "invalid port \"\(portText)\"")
            }
            port = value
        }
        self.init(host: String(host), port: port)
    }

    /// `HOST:PORT`, with brackets around an IPv6 host.
    public var hostPort: String {
        IPAddressLiteral.isIPv6(host) ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// `https://HOST:PORT`, the form kubeconfigs store.
    public var description: String {
        "\(Self.scheme)://\(hostPort)"
    }
}
