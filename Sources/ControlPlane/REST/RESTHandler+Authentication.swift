import Foundation
import KubeAPI
import Wire

extension RESTHandler {
    /// Who makes a request: the identity of the connection's verified client certificate (which wins, as in
    /// Kubernetes, where the x509 authenticator runs first); without one, the identity of a valid bearer token in
    /// `authorization`; else nil, which is answered 401 Unauthorized (an invalid or expired token too).
    func authenticate(certificate: PeerIdentity?, authorization: String?) async -> PeerIdentity? {
        if let certificate { return certificate }
        guard let token = authorization.flatMap(Self.bearerToken) else { return nil }
        return try? await api.authenticate(bearerToken: token)
    }

    /// The token of an `Authorization: Bearer <token>` header (the scheme in any case), nil for other schemes or
    /// an empty token.
    static func bearerToken(_ header: String) -> String? {
        let parts = header.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
