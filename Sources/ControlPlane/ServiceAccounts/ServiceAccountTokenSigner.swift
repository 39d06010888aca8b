import Crypto
import Foundation
import KubeAPI
import Wire

/// The control plane's ServiceAccount token key: an ECDSA P-256 key that signs tokens (JWS `ES256`) and verifies
/// them. Kept as `sa.key` (PEM, mode 0600) beside the PKI files in the data directory, so tokens outlive a restart
/// of the control plane, as Kubernetes' `--service-account-key-file`.
struct ServiceAccountTokenSigner: Sendable {
    /// The key's file name in the data directory.
    static let keyFileName = "sa.key"

    private let key: P256.Signing.PrivateKey
    /// The `kid` of the tokens: base64url of the SHA-256 of the public key's DER encoding, as Kubernetes derives it.
    let keyID: String

    init(key: P256.Signing.PrivateKey) {
        self.key = key
        keyID = JSONWebToken.base64URL(SHA256.hash(data: key.publicKey.derRepresentation))
    }

    /// A signer with a fresh key that is kept nowhere (for in-process servers and tests).
    static func ephemeral() -> ServiceAccountTokenSigner {
        ServiceAccountTokenSigner(key: P256.Signing.PrivateKey())
    }

    /// Loads `sa.key` from `dataDir`, creating it on first start.
    /// - Throws: ``PKIError`` when the file cannot be read, written or parsed.
    static func loadOrCreate(dataDir: URL) throws -> ServiceAccountTokenSigner {
        let url = dataDir.appendingPathComponent(keyFileName)
        if let pem = try SecureFile.read(url) {
            do {
                return ServiceAccountTokenSigner(key: try P256.Signing.PrivateKey(pemRepresentation: pem))
            } catch {
                throw PKIError.invalidPEM(what: "service account key \(url.path)", reason: "\(error)")
            }
        }
        let key = P256.Signing.PrivateKey()
        try SecureFile.write(key.pemRepresentation, to: url, mode: SecureFile.privateMode)
        return ServiceAccountTokenSigner(key: key)
    }

    /// The compact JWS of `claims`.
    /// - Throws: what signing throws (CryptoKit's errors; not expected with a valid key).
    func sign(_ claims: JSONValue) throws -> String {
        var token = JSONWebToken(header: ["alg": "ES256", "kid": .string(keyID)], claims: claims)
        token.signature = Array(try key.signature(for: Data(token.signingInput.utf8)).rawRepresentation)
        return token.compact
    }

    /// The claims of `text` when it is a token this key signed (`ES256`, a valid signature), else nil.
    func verify(_ text: String) -> JSONValue? {
        guard let token = try? JSONWebToken(compact: text), token.header["alg"]?.stringValue == "ES256",
            let signature = try? P256.Signing.ECDSASignature(rawRepresentation: token.signature),
            key.publicKey.isValidSignature(signature, for: Data(token.signingInput.utf8))
        else { return nil }
        return token.claims
    }
}
