import Foundation
import KubeAPI

/// Paged lists (`limit` and `continue`), as Kubernetes pages them: a list answers at most `limit` items (or Table
/// rows), in key order (namespace, then name), with `metadata.continue` (an opaque token) and
/// `metadata.remainingItemCount` when more remain; the next request sends the token and gets the next page, every
/// page as of the first page's resourceVersion. Pure.
///
/// Kubernetes serves a continuation from an etcd snapshot at the token's resourceVersion, and answers `410 Expired`
/// once that revision is compacted. Here a continuation is served from the current list when the rest of the list
/// is exactly as it was (the token carries a digest of the remaining keys and resourceVersions), which is then the
/// snapshot; when it changed the token has expired: `410 Expired` with Kubernetes' text, and in the Status's
/// `metadata.continue` a token that continues from the same key in the current list (Kubernetes' "inconsistent
/// continuation"). client-go's pager answers a 410 by listing again in full.
enum RESTPaging {
    /// What a continue token holds (base64 of `{"v":"meta.k8s.io/v1","rv":N,"start":"ns/name","remaining":"..."}`).
    struct Token: Sendable, Equatable {
        /// The resourceVersion the pages are as of.
        var resourceVersion: Int64
        /// The key of the last entry served: the next page starts after it.
        var start: String
        /// The digest of the entries after `start` when the token was made.
        var remaining: String
    }

    /// Kubernetes' text for a continue token too old to continue consistently.
    static let expiredMessage = "The provided continue parameter is too old to display a consistent list result. "
        + "You can start a new list without the continue parameter, or use the continue token in this response to "
        + "retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list "
        + "- objects that were created, modified, or deleted between the time the first chunk was returned and now "
        + "may show up in the list."

    /// The page of `list` (a `...List` or a Table, as the API server answered it) that `limit` and `continue` ask for;
    /// `list` itself when neither is given, or when its entries cannot be keyed (Table rows without objects).
    /// - Throws: 400 for a `limit` or `continue` that does not parse; `410 Expired` for a token whose rest of the list
    ///   changed since.
    static func page(_ list: JSONValue, limit: String?, continue text: String?) throws -> JSONValue {
        let limit = try limit.flatMap { value -> Int? in
            guard !value.isEmpty else { return nil }
            guard let number = Int(value), number >= 0 else { throw RESTErrors.badQuery("limit", value) }
            return number == 0 ? nil : number
        }
        let token = try text.flatMap { $0.isEmpty ? nil : try decode($0) }
        guard limit != nil || token != nil else { return list }
        let field = list["kind"] == "Table" ? "rows" : "items"
        let entries = list[field]?.arrayValue ?? []
        let keyed = entries.map { entry in (entry: entry, key: key(of: entry), version: version(of: entry)) }
        guard keyed.allSatisfy({ $0.key != nil }) else { return list }
        var rest = keyed.sorted { precedes($0.key ?? "", $1.key ?? "") }
        var asOf = list[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        if let token {
            rest = rest.filter { precedes(token.start, $0.key ?? "") }
            let now = digest(rest.map { ($0.key ?? "", $0.version) })
            guard now == token.remaining else {
                var status = Status(code: 410, reason: StatusReason(rawValue: "Expired"), message: expiredMessage)
                status.metadata?.`continue` = encode(Token(
                    resourceVersion: Int64(asOf) ?? token.resourceVersion, start: token.start, remaining: now))
                throw status
            }
            asOf = String(token.resourceVersion)
        }
        var page = list
        page[path: ["metadata", "resourceVersion"]] = .string(asOf)
        if let limit, rest.count > limit {
            let served = rest.prefix(limit)
            let remaining = rest.dropFirst(limit)
            page[field] = .array(served.map(\.entry))
            page[path: ["metadata", "continue"]] = .string(encode(Token(
                resourceVersion: Int64(asOf) ?? 0, start: served.last?.key ?? "",
                remaining: digest(remaining.map { ($0.key ?? "", $0.version) }))))
            page[path: ["metadata", "remainingItemCount"]] = .int(Int64(remaining.count))
        } else {
            page[field] = .array(rest.map(\.entry))
        }
        return page
    }

    /// The token as sent to clients.
    static func encode(_ token: Token) -> String {
        let value: JSONValue = [
            "v": "meta.k8s.io/v1", "rv": .int(token.resourceVersion), "start": .string(token.start),
            "remaining": .string(token.remaining),
        ]
        return Data(value.canonicalJSON).base64EncodedString()
    }

    /// The token a client sent.
    /// - Throws: 400 `continue key is not valid: ...` for anything this server did not make.
    static func decode(_ text: String) throws -> Token {
        guard let data = Data(base64Encoded: text), let value = try? JSONValue(jsonData: data),
            value["v"] == "meta.k8s.io/v1", let resourceVersion = value["rv"]?.intValue,
            let start = value["start"]?.stringValue, let remaining = value["remaining"]?.stringValue
        else {
            throw Status.badRequest("continue key is not valid: \(text)")
        }
        return Token(resourceVersion: resourceVersion, start: start, remaining: remaining)
    }

    /// `namespace/name` of a list item, or of a Table row's object.
    private static func key(of entry: JSONValue) -> String? {
        let metadata = entry["metadata"] ?? entry[path: ["object", "metadata"]]
        guard let name = metadata?["name"]?.stringValue else { return nil }
        return (metadata?["namespace"]?.stringValue ?? "") + "/" + name
    }

    private static func version(of entry: JSONValue) -> String {
        (entry["metadata"] ?? entry[path: ["object", "metadata"]])?["resourceVersion"]?.stringValue ?? ""
    }

    /// Key order: UTF-8 bytes, as the store sorts.
    private static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// FNV-1a (64 bits) over the keys and resourceVersions, in order, as hex.
    private static func digest(_ entries: [(key: String, version: String)]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (key, version) in entries {
            for byte in Array(key.utf8) + [0] + Array(version.utf8) + [0xFF] {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        return String(hash, radix: 16) + "-" + String(entries.count)
    }
}
