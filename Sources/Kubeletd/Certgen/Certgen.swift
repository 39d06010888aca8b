import Foundation
import KubeAPI
import Wire

/// What `kube-webhook-certgen` does, against a ``CertgenAPI``: `create` makes a CA and a serving certificate and
/// stores them in a Secret (unless it exists), `patch` puts the Secret's CA into the `caBundle` of a webhook
/// configuration's webhooks. Returns the lines the program logs; throws ``Failure`` (exit 1) otherwise.
enum Certgen {
    /// Why a command failed: the message the program logs before exiting with 1.
    struct Failure: Error, Hashable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Runs `command` at time `now`.
    static func run(_ command: CertgenCommand, api: any CertgenAPI, now: Date) async throws -> [String] {
        switch command {
        case .create(let create): return try await run(create, api: api, now: now)
        case .patch(let patch): return try await run(patch, api: api)
        }
    }

    private static func run(_ create: CertgenCommand.Create, api: any CertgenAPI, now: Date) async throws -> [String] {
        if try await api.get(.secret, namespace: create.namespace, name: create.secretName) != nil {
            return ["secret already exists"]
        }
        guard !create.hosts.isEmpty else { throw Failure(message: "no host names given (--host)") }
        let ca = try ClusterPKI.createCA(now: now)
        let serving = try ca.issueServingCertificate(commonName: create.hosts[0], hosts: create.hosts, now: now)
        func encoded(_ pem: String) -> JSONValue { .string(Data(pem.utf8).base64EncodedString()) }
        let secret: JSONValue = [
            "apiVersion": "v1", "kind": "Secret",
            "metadata": ["name": .string(create.secretName), "namespace": .string(create.namespace)],
            "data": .object([
                create.caName: encoded(ca.caCertificatePEM), create.certName: encoded(serving.certificatePEM),
                create.keyName: encoded(serving.privateKeyPEM),
            ]),
        ]
        try await api.create(.secret, secret, namespace: create.namespace)
        return ["creating new secret", "created secret \(create.namespace)/\(create.secretName)"]
    }

    private static func run(_ patch: CertgenCommand.Patch, api: any CertgenAPI) async throws -> [String] {
        guard let secret = try await api.get(.secret, namespace: patch.namespace, name: patch.secretName) else {
            throw Failure(message: "no secret with '\(patch.secretName)' in '\(patch.namespace)'")
        }
        guard let caBundle = secret["data"]?[patch.caName]?.stringValue, !caBundle.isEmpty else {
            throw Failure(message: "secret \(patch.namespace)/\(patch.secretName) has no '\(patch.caName)'")
        }
        var lines: [String] = []
        var kinds: [ResourceKind] = []
        if patch.patchValidating { kinds.append(.validatingWebhookConfiguration) }
        if patch.patchMutating { kinds.append(.mutatingWebhookConfiguration) }
        for kind in kinds {
            try await patchConfiguration(kind, patch: patch, caBundle: caBundle, api: api)
            lines.append("patched \(kind.singular) \(patch.webhookName)")
        }
        return lines
    }

    /// Sets the CA (and failure policy) of every webhook of configuration `patch.webhookName` of `kind`, trying
    /// again on a conflicting update.
    private static func patchConfiguration(
        _ kind: ResourceKind, patch: CertgenCommand.Patch, caBundle: String, api: any CertgenAPI
    ) async throws {
        for attempt in 1...5 {
            guard let configuration = try await api.get(kind, namespace: nil, name: patch.webhookName) else {
                throw Failure(message: "failed getting \(kind.singular) \(patch.webhookName): not found")
            }
            let patched = patched(configuration, caBundle: caBundle, failurePolicy: patch.failurePolicy)
            do {
                try await api.update(kind, patched, namespace: nil, name: patch.webhookName)
                return
            } catch let status as Status where status.code == 409 && attempt < 5 {
                continue
            }
        }
    }

    /// `configuration` with `clientConfig.caBundle` (base64 text, as stored) and, when given, `failurePolicy` set
    /// on each of its webhooks. Pure.
    static func patched(_ configuration: JSONValue, caBundle: String, failurePolicy: String?) -> JSONValue {
        guard var object = configuration.objectValue else { return configuration }
        let webhooks = (object["webhooks"]?.arrayValue ?? []).map { webhook -> JSONValue in
            guard var fields = webhook.objectValue else { return webhook }
            var clientConfig = fields["clientConfig"]?.objectValue ?? [:]
            clientConfig["caBundle"] = .string(caBundle)
            fields["clientConfig"] = .object(clientConfig)
            if let failurePolicy { fields["failurePolicy"] = .string(failurePolicy) }
            return .object(fields)
        }
        object["webhooks"] = .array(webhooks)
        return .object(object)
    }
}
