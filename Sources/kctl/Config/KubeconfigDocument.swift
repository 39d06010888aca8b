import Foundation
import KubeAPI
import Wire

/// A kubeconfig file as `kctl config` reads, edits and prints it: the whole YAML tree, so that fields kctl has no
/// use for (tokens, `exec`, extensions...) survive `use-context` or `set-context` untouched.
///
/// Printing (``yaml``) follows kubectl's serialisation: keys in go-yaml's order, the `clusters`, `contexts` and
/// `users` entries sorted by name (kubectl keeps them in maps), empty lists as `null`, and `apiVersion`, `kind`,
/// `preferences` and `current-context` always present. Pure but for ``load(from:)`` and ``write(to:)``.
public struct KubeconfigDocument: Sendable, Equatable {
    /// What ``redacted()`` writes instead of certificate and key data.
    public static let dataOmitted = "DATA+OMITTED"
    /// What ``redacted()`` writes instead of tokens and passwords.
    public static let redactedText = "REDACTED"

    /// The three lists a kubeconfig holds, each of `{name: ..., <entry>: {...}}` items.
    public enum Section: String, Sendable, CaseIterable {
        case clusters
        case contexts
        case users

        /// The key of an item's body: `cluster`, `context` or `user`.
        public var entryKey: String { String(rawValue.dropLast()) }
    }

    /// One context as `get-contexts` shows it.
    public struct ContextEntry: Sendable, Equatable {
        public var name: String
        public var cluster: String
        public var user: String
        public var namespace: String

        public init(name: String, cluster: String, user: String, namespace: String) {
            self.name = name
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
        }
    }

    /// The file's top-level mapping.
    public private(set) var root: [String: JSONValue]

    /// An empty config (what kubectl works on when the file does not exist).
    public init() {
        root = [:]
    }

    /// Parses kubeconfig YAML; an empty or comment-only text is an empty config.
    ///
    /// - Throws: ``YAMLManifestError`` for malformed YAML, ``KubeconfigError/invalidFile(path:reason:)`` (with
    ///   `path` empty) when the document is not a mapping.
    public init(yaml: String) throws {
        guard let document = try YAMLManifest.documents(from: yaml).first else {
            root = [:]
            return
        }
        guard let members = document.objectValue else {
            throw KubeconfigError.invalidFile(path: "", reason: "a kubeconfig must be a mapping")
        }
        root = members
    }

    /// Reads the file at `url`; a missing file is an empty config, as kubectl treats it.
    ///
    /// - Throws: ``KubeconfigError/invalidFile(path:reason:)`` or ``KubeconfigError/fileSystem(path:reason:)``.
    public static func load(from url: URL) throws -> KubeconfigDocument {
        guard FileManager.default.fileExists(atPath: url.path) else { return KubeconfigDocument() }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw KubeconfigError.fileSystem(path: url.path, reason: "cannot read file")
        }
        do {
            return try KubeconfigDocument(yaml: text)
        } catch let error as KubeconfigError {
            guard case .invalidFile(_, let reason) = error else { throw error }
            throw KubeconfigError.invalidFile(path: url.path, reason: reason)
        } catch {
            throw KubeconfigError.invalidFile(path: url.path, reason: String(describing: error))
        }
    }

    /// Writes ``yaml`` to `url` atomically with mode 0600, creating the parent directory (0700) if needed.
    public func write(to url: URL) throws {
        try KubeconfigLoader.writeText(yaml, to: url)
    }

    // MARK: - Reading

    /// `current-context`, empty when unset.
    public var currentContext: String {
        root["current-context"]?.stringValue ?? ""
    }

    /// The contexts, sorted by name.
    public var contexts: [ContextEntry] {
        entries(.contexts).compactMap { item in
            guard let name = item["name"]?.stringValue else { return nil }
            let body = item["context"]
            return ContextEntry(
                name: name, cluster: body?["cluster"]?.stringValue ?? "", user: body?["user"]?.stringValue ?? "",
                namespace: body?["namespace"]?.stringValue ?? "")
        }
    }

    /// The context named `name`, if there is one.
    public func context(named name: String) -> ContextEntry? {
        contexts.first { $0.name == name }
    }

    /// The names of a section's entries, sorted.
    public func names(_ section: Section) -> [String] {
        entries(section).compactMap { $0["name"]?.stringValue }
    }

    /// The config as kubectl prints and writes it (see the type's documentation), ending with a newline.
    public var yaml: String {
        YAMLPrinter.print(normalized)
    }

    /// The config as kubectl serialises it (``yaml`` prints this; `config view -o json` too).
    public var normalized: JSONValue {
        var members = root
        members["apiVersion"] = root["apiVersion"].flatMap { $0.isNull ? nil : $0 } ?? "v1"
        members["kind"] = root["kind"].flatMap { $0.isNull ? nil : $0 } ?? "Config"
        members["preferences"] = root["preferences"].flatMap { $0.isNull ? nil : $0 } ?? .object([:])
        members["current-context"] = .string(currentContext)
        for section in Section.allCases {
            var items = entries(section)
            if section == .contexts {
                // kubectl always writes a context's cluster and user, and never an empty namespace.
                items = items.map { item in
                    var item = item
                    var body = item["context"]?.objectValue ?? [:]
                    body["cluster"] = body["cluster"] ?? ""
                    body["user"] = body["user"] ?? ""
                    if body["namespace"]?.stringValue == "" { body["namespace"] = nil }
                    item["context"] = .object(body)
                    return item
                }
            }
            members[section.rawValue] = items.isEmpty ? .null : .array(items)
        }
        return .object(members)
    }

    // MARK: - Editing

    /// Makes `name` the current context (kubectl's `use-context`, which checks that it exists first).
    public mutating func setCurrentContext(_ name: String) {
        root["current-context"] = .string(name)
    }

    /// Sets fields of the context `name`, creating it if needed (kubectl's `set-context`); `nil` leaves a field
    /// as it is, an empty string removes it. Returns whether the context was created.
    @discardableResult
    public mutating func setContext(_ name: String, cluster: String?, user: String?, namespace: String?) -> Bool {
        var items = root[Section.contexts.rawValue]?.arrayValue ?? []
        let index = items.firstIndex { $0["name"]?.stringValue == name }
        var item: JSONValue = index.map { items[$0] } ?? ["name": .string(name), "context": [:]]
        var body = item["context"]?.objectValue ?? [:]
        for (key, value) in [("cluster", cluster), ("user", user), ("namespace", namespace)] {
            guard let value else { continue }
            body[key] = value.isEmpty ? nil : .string(value)
        }
        item["context"] = .object(body)
        if let index {
            items[index] = item
        } else {
            items.append(item)
        }
        root[Section.contexts.rawValue] = .array(items)
        return index == nil
    }

    /// Removes the context `name` (only the context, as kubectl's `delete-context` does: its cluster and user
    /// stay, and so does `current-context`). Returns whether it was there.
    @discardableResult
    public mutating func deleteContext(_ name: String) -> Bool {
        var items = root[Section.contexts.rawValue]?.arrayValue ?? []
        let before = items.count
        items.removeAll { $0["name"]?.stringValue == name }
        root[Section.contexts.rawValue] = .array(items)
        return items.count != before
    }

    /// Only what `context` (default: the current context) needs: that context, its cluster and its user, the
    /// context made current (kubectl's `config view --minify`).
    ///
    /// - Throws: ``KubeconfigError/minify(_:)`` with kubectl's messages.
    public func minified(context name: String? = nil) throws -> KubeconfigDocument {
        let chosen = name ?? currentContext
        guard !chosen.isEmpty else { throw KubeconfigError.minify("current-context must exist in order to minify") }
        guard let context = context(named: chosen) else {
            throw KubeconfigError.minify("cannot locate context \(chosen)")
        }
        var minified = self
        minified.root["current-context"] = .string(chosen)
        minified.keep(.contexts, named: chosen)
        if !context.cluster.isEmpty, !names(.clusters).contains(context.cluster) {
            throw KubeconfigError.minify("cannot locate cluster \(context.cluster)")
        }
        minified.keep(.clusters, named: context.cluster)
        if !context.user.isEmpty, !names(.users).contains(context.user) {
            throw KubeconfigError.minify("cannot locate user \(context.user)")
        }
        minified.keep(.users, named: context.user)
        return minified
    }

    /// The config with secrets hidden as `kubectl config view` hides them without `--raw`: certificate and key
    /// data become `DATA+OMITTED`, tokens and passwords `REDACTED`.
    public func redacted() -> KubeconfigDocument {
        var copy = self
        copy.mapBodies(.clusters) { body in
            Self.replace(["certificate-authority-data"], in: &body, with: Self.dataOmitted)
        }
        copy.mapBodies(.users) { body in
            Self.replace(["client-certificate-data", "client-key-data"], in: &body, with: Self.dataOmitted)
            Self.replace(["token", "password"], in: &body, with: Self.redactedText)
        }
        return copy
    }

    // MARK: - Internals

    /// The items of a section, sorted by name.
    private func entries(_ section: Section) -> [JSONValue] {
        (root[section.rawValue]?.arrayValue ?? []).sorted {
            ($0["name"]?.stringValue ?? "") < ($1["name"]?.stringValue ?? "")
        }
    }

    private mutating func keep(_ section: Section, named name: String) {
        let kept = (root[section.rawValue]?.arrayValue ?? []).filter { $0["name"]?.stringValue == name }
        root[section.rawValue] = .array(kept)
    }

    private mutating func mapBodies(_ section: Section, _ change: (inout [String: JSONValue]) -> Void) {
        guard let items = root[section.rawValue]?.arrayValue else { return }
        root[section.rawValue] = .array(
            items.map { item in
                guard var body = item[section.entryKey]?.objectValue else { return item }
                change(&body)
                var item = item
                item[section.entryKey] = .object(body)
                return item
            })
    }

    private static func replace(_ keys: [String], in body: inout [String: JSONValue], with text: String) {
        for key in keys where !(body[key]?.stringValue ?? "").isEmpty {
            body[key] = .string(text)
        }
    }
}
