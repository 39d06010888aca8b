import Foundation
import KubeAPI

/// A kubeadm-style bootstrap token, `[a-z0-9]{6}.[a-z0-9]{16}` (`id.secret`), with its expiry and description.
///
/// A joining node presents the token to have its certificate signing request approved. The id is public (it names
/// the token in `controlplane token list`); the secret is what proves the holder was given the token.
/// Everything here is pure: time is a parameter and randomness comes from the caller's generator.
public struct BootstrapToken: Sendable, Hashable, Codable {
    /// The characters of ids and secrets.
    public static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
    /// Length of the id part.
    public static let idLength = 6
    /// Length of the secret part.
    public static let secretLength = 16
    /// The usages every token has (shown by `controlplane token list`, as kubeadm's default tokens).
    public static let usages = ["authentication", "signing"]

    /// The public part, e.g. `abcdef`.
    public var id: String
    /// The secret part, e.g. `0123456789abcdef`.
    public var secret: String
    /// When the token stops being accepted; nil for never.
    public var expires: Date?
    /// Free text shown by `controlplane token list`.
    public var description: String
    /// When the token was created.
    public var createdAt: Date

    /// A token from its parts.
    public init(id: String, secret: String, expires: Date?, description: String = "", createdAt: Date) {
        self.id = id
        self.secret = secret
        self.expires = expires
        self.description = description
        self.createdAt = createdAt
    }

    /// `id.secret`, the form nodes are given.
    public var token: String { "\(id).\(secret)" }

    /// Whether the token is no longer accepted at `now` (it expires at `expires`, inclusive).
    public func isExpired(now: Date) -> Bool {
        guard let expires else { return false }
        return now >= expires
    }

    /// Whether `secret` is this token's secret, compared in constant time.
    public func matches(secret candidate: String) -> Bool {
        let expected = Array(secret.utf8)
        let given = Array(candidate.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(expected, given) { difference |= a ^ b }
        return difference == 0
    }

    // MARK: - Parsing

    /// Splits `id.secret` into its parts, checking the format `[a-z0-9]{6}.[a-z0-9]{16}`.
    ///
    /// - Throws: ``BootstrapTokenError/invalidFormat(_:)``.
    public static func parse(_ text: String) throws -> (id: String, secret: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, isValidID(String(parts[0])),
            parts[1].count == secretLength, parts[1].allSatisfy(alphabet.contains)
        else { throw BootstrapTokenError.invalidFormat(text) }
        return (String(parts[0]), String(parts[1]))
    }

    /// Whether `text` is a well-formed token id, `[a-z0-9]{6}`.
    public static func isValidID(_ text: String) -> Bool {
        text.count == idLength && text.allSatisfy(alphabet.contains)
    }

    /// A fresh token with random id and secret.
    ///
    /// - Parameters:
    ///   - ttl: How long it is valid from `now`; nil (or zero) for never expiring, as kubeadm's `--ttl 0`.
    ///   - generator: The randomness; the default is the system's cryptographically secure generator.
    public static func generate<G: RandomNumberGenerator>(
        now: Date,
        ttl: TimeInterval?,
        description: String = "",
        using generator: inout G
    ) -> BootstrapToken {
        func random(_ count: Int) -> String {
            String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        }
        let expires = ttl.flatMap { $0 > 0 ? now + $0 : nil }
        return BootstrapToken(
            id: random(idLength), secret: random(secretLength), expires: expires, description: description,
            createdAt: now)
    }

    /// A fresh token from the system's secure random generator (see ``generate(now:ttl:description:using:)``).
    public static func generate(now: Date, ttl: TimeInterval?, description: String = "") -> BootstrapToken {
        var generator = SystemRandomNumberGenerator()
        return generate(now: now, ttl: ttl, description: description, using: &generator)
    }

    // MARK: - Codable (RFC 3339 times)

    private enum CodingKeys: String, CodingKey {
        case id, secret, expires, description, createdAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        secret = try container.decode(String.self, forKey: .secret)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        expires = try Self.decodeTime(container, .expires)
        guard let created = try Self.decodeTime(container, .createdAt) else {
            throw DecodingError.keyNotFound(
                CodingKeys.createdAt,
                .init(codingPath: container.codingPath, debugDescription: "createdAt is required"))
        }
        createdAt = created
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(secret, forKey: .secret)
        try container.encodeIfPresent(expires.map(Timestamp.format), forKey: .expires)
        try container.encode(description, forKey: .description)
        try container.encode(Timestamp.format(createdAt), forKey: .createdAt)
    }

    private static func decodeTime(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Date? {
        guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "\(text.debugDescription) is not an RFC 3339 time")
        }
        return date
    }
}

extension BootstrapToken: CustomDebugStringConvertible {
    /// The token with its secret redacted, so that printing or logging one never leaks it.
    public var debugDescription: String {
        "BootstrapToken(id: \(id), secret: <redacted>, expires: \(expires.map(Timestamp.format) ?? "never"), "
            + "description: \(description.debugDescription), createdAt: \(Timestamp.format(createdAt)))"
    }
}
