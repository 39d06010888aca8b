import Foundation
import KubeAPI
import Wire

/// `kubectl describe serviceaccount`, a port of kubectl's `describeServiceAccount`: name, namespace, labels and
/// annotations, then the account's image pull secrets, mountable secrets (`secrets`) and token Secrets (those of its
/// namespace of type `kubernetes.io/service-account-token` annotated with its name and uid), each `<none>` when
/// empty and a named secret the namespace lacks marked `(not found)`; then its events.
enum ServiceAccountDescriber {
    /// Describes `account`; `secrets` are the Secrets of its namespace (nil: they could not be listed, so none is
    /// reported missing); `events` its related events (nil: no Events section).
    static func describe(_ account: JSONValue, secrets: [JSONValue]?, events: [JSONValue]?, now: Date) -> String {
        let a = JSONFields(account)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(a.name)\n")
        w.write(0, "Namespace:\t\(a.namespace)\n")
        w.labels("Labels", a.labels)
        w.annotations("Annotations", a.stringMap("metadata", "annotations"))
        let uid = a.string("metadata", "uid") ?? ""
        var tokens: [String] = []
        var existing: Set<String> = []
        for secret in (secrets ?? []).map(JSONFields.init) {
            if secret.string("type") == ServiceAccount.tokenSecretType,
                secret.string("metadata", "annotations", ServiceAccount.nameAnnotation) == a.name,
                (secret.string("metadata", "annotations", ServiceAccount.uidAnnotation) ?? "") == uid
            {
                tokens.append(secret.name)
            }
            existing.insert(secret.name)
        }
        let names = { (key: String) in a.array(key).compactMap { $0["name"]?.stringValue } }
        var missing: Set<String> = []
        if secrets != nil {
            missing = Set((names("secrets") + names("imagePullSecrets")).filter { !existing.contains($0) })
        }
        // kubectl sorts the three headers as strings; the padding is part of them.
        let sections = [
            ("Image pull secrets:", names("imagePullSecrets")), ("Mountable secrets: ", names("secrets")),
            ("Tokens:            ", tokens),
        ]
        for (header, list) in sections {
            guard !list.isEmpty else {
                w.write(0, "\(header)\t<none>\n")
                continue
            }
            var prefix = header
            for name in list {
                w.write(0, "\(prefix)\t\(name)\(missing.contains(name) ? " (not found)" : "")\n")
                prefix = String(repeating: " ", count: header.count)
            }
        }
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }
}
