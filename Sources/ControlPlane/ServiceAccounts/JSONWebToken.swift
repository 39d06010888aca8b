import Foundation
import KubeAPI

/// The compact form of a JSON Web Token (RFC 7519): `base64url(header).base64url(claims).base64url(signature)`.
/// Pure: this only splits and joins; ``ServiceAccountTokenSigner`` signs and verifies.
struct JSONWebToken: Sendable, Equatable {
    /// The header: `{"alg":"ES256","kid":"..."}`.
    var header: JSONValue
    /// The claims.
    var claims: JSONValue
    /// The signature over ``signingInput``.
    var signature: [UInt8]
    /// `base64url(header).base64url(claims)`, exactly as it was read or built (what the signature covers).
    var signingInput: String

    /// Why a token cannot be read.
    enum Malformed: Error, Equatable {
        case notThreeParts
        case badBase64
        case notJSONObject
    }

    /// A token to be signed: the header and claims encoded, no signature yet.
    init(header: JSONValue, claims: JSONValue) {
        self.header = header
        self.claims = claims
        self.signature = []
        self.signingInput = Self.base64URL(header.canonicalJSON) + "." + Self.base64URL(claims.canonicalJSON)
    }

    /// Reads a compact token.
    /// - Throws: ``Malformed``.
    init(compact text: String) throws {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw Malformed.notThreeParts }
        guard let headerBytes = Self.decodeBase64URL(parts[0]), let claimBytes = Self.decodeBase64URL(parts[1]),
            let signature = Self.decodeBase64URL(parts[2])
        else { throw Malformed.badBase64 }
        guard let header = try? JSONValue(jsonData: Data(headerBytes)), header.objectValue != nil,
            let claims = try? JSONValue(jsonData: Data(claimBytes)), claims.objectValue != nil
        else { throw Malformed.notJSONObject }
        self.header = header
        self.claims = claims
        self.signature = signature
        self.signingInput = "\(parts[0]).\(parts[1])"
    }

    /// The compact text: the signing input and the signature.
    var compact: String { signingInput + "." + Self.base64URL(signature) }

    /// Base64url without padding (RFC 7515, section 2).
    static func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The bytes of base64url text (padding optional), nil when it is not base64url.
    static func decodeBase64URL(_ text: Substring) -> [UInt8]? {
        guard text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), text.allSatisfy(\.isASCII) else {
            return nil
        }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map { Array($0) }
    }
}
