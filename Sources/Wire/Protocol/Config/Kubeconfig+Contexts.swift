import Foundation
import KubeAPI

extension Kubeconfig {
    /// Everything needed to connect as one context's user to its cluster.
    public struct ResolvedContext: Sendable, Equatable {
        /// The context's name.
        public var contextName: String
        /// The cluster entry's name.
        public var clusterName: String
        /// The user entry's name.
        public var userName: String
        /// The server address.
        public var server: ServerAddress
        /// The CA certificate PEM to trust.
        public var caPEM: String
        /// The client certificate PEM to present; empty for a user that authenticates by ``token`` alone.
        public var certPEM: String
        /// The client private key PEM; empty with ``certPEM``.
        public var keyPEM: String
        /// The user's bearer token (`token`, else the contents of `tokenFile`), if any.
        public var token: String?
        /// The context's namespace, `nil` when it sets none (kubectl then uses `default`).
        public var namespace: String?
    }

    /// A config with one cluster, one user and one context (named after the cluster), which is current.
    public static func make(
        clusterName: String,
        server: ServerAddress,
        caPEM: String,
        userName: String,
        certPEM: String,
        keyPEM: String,
        namespace: String? = nil
    ) -> Kubeconfig {
        Kubeconfig().upserting(
            contextName: clusterName,
            clusterName: clusterName,
            server: server,
            caPEM: caPEM,
            userName: userName,
            certPEM: certPEM,
            keyPEM: keyPEM,
            namespace: namespace
        )
    }

    /// This config with one cluster, user and context added or replaced (matched by name), the context made current.
    ///
    /// Other entries are kept in place; new entries are appended.
    public func upserting(
        contextName: String,
        clusterName: String,
        server: ServerAddress,
        caPEM: String,
        userName: String,
        certPEM: String,
        keyPEM: String,
        namespace: String? = nil
    ) -> Kubeconfig {
        var config = self
        Self.upsert(
            NamedCluster(name: clusterName, cluster: Cluster(server: server.description, caPEM: caPEM)),
            into: &config.clusters
        ) { $0.name }
        Self.upsert(NamedUser(name: userName, user: User(certPEM: certPEM, keyPEM: keyPEM)), into: &config.users) {
            $0.name
        }
        Self.upsert(
            NamedContext(
                name: contextName,
                context: Context(cluster: clusterName, user: userName, namespace: namespace)
            ),
            into: &config.contexts
        ) { $0.name }
        config.currentContext = contextName
        return config
    }

    /// This config without the context `name`, and without its cluster and user unless another context uses them.
    ///
    /// Clears `current-context` if it named the removed context. Unknown names leave the config unchanged.
    public func removingContext(named name: String) -> Kubeconfig {
        guard let removed = contexts.first(where: { $0.name == name }) else { return self }
        var config = self
        config.contexts.removeAll { $0.name == name }
        if !config.contexts.contains(where: { $0.context.cluster == removed.context.cluster }) {
            config.clusters.removeAll { $0.name == removed.context.cluster }
        }
        if !config.contexts.contains(where: { $0.context.user == removed.context.user }) {
            config.users.removeAll { $0.name == removed.context.user }
        }
        if config.currentContext == name { config.currentContext = "" }
        return config
    }

    /// Resolves a context into a server address and PEM credentials.
    ///
    /// - Parameters:
    ///   - name: The context to use (`--context`), or `nil` for `current-context`.
    ///   - overridingToken: A bearer token that replaces the user's (kubectl's `--token`).
    ///   - readFile: Reads the file-path variants of the credentials (`certificate-authority`, ...).
    /// - Throws: ``KubeconfigError`` with kubectl's messages, e.g. `context was not found for specified context: x`.
    public func resolvedContext(
        named name: String?,
        overridingToken: String? = nil,
        readFile: (String) throws -> String = Kubeconfig.readPEMFile
    ) throws -> ResolvedContext {
        let contextName = name ?? currentContext
        guard !contextName.isEmpty else { throw KubeconfigError.currentContextNotSet }
        guard let context = contexts.first(where: { $0.name == contextName })?.context else {
            throw KubeconfigError.contextNotFound(contextName)
        }
        guard let cluster = clusters.first(where: { $0.name == context.cluster })?.cluster else {
            throw KubeconfigError.clusterNotFound(cluster: context.cluster, context: contextName)
        }
        guard let user = users.first(where: { $0.name == context.user })?.user else {
            throw KubeconfigError.userNotFound(user: context.user, context: contextName)
        }
        guard !cluster.server.isEmpty else { throw KubeconfigError.noServer(cluster: context.cluster) }
        let clusterEntry = "cluster \"\(context.cluster)\""
        let userEntry = "user \"\(context.user)\""
        var token = (overridingToken ?? user.token).flatMap { $0.isEmpty ? nil : $0 }
        if token == nil, let file = user.tokenFile, !file.isEmpty {
            token = try readFile(file).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // A user with a token and no certificate authenticates by the token alone.
        let certificateless = token != nil && [user.clientCertificateData, user.clientCertificate]
            .allSatisfy { ($0 ?? "").isEmpty }
        return ResolvedContext(
            contextName: contextName,
            clusterName: context.cluster,
            userName: context.user,
            server: try ServerAddress(parsing: cluster.server),
            caPEM: try Self.credential(
                data: cluster.certificateAuthorityData,
                path: cluster.certificateAuthority,
                entry: clusterEntry,
                field: "certificate-authority-data",
                readFile: readFile
            ),
            certPEM: certificateless ? "" : try Self.credential(
                data: user.clientCertificateData,
                path: user.clientCertificate,
                entry: userEntry,
                field: "client-certificate-data",
                readFile: readFile
            ),
            keyPEM: certificateless ? "" : try Self.credential(
                data: user.clientKeyData,
                path: user.clientKey,
                entry: userEntry,
                field: "client-key-data",
                readFile: readFile
            ),
            token: token,
            namespace: context.namespace.flatMap { $0.isEmpty ? nil : $0 }
        )
    }

    /// Writes this config to `url` atomically with mode 0600 (see ``KubeconfigLoader/write(_:to:)``).
    public func write(to url: URL) throws {
        try KubeconfigLoader.write(self, to: url)
    }

    /// Reads a PEM file named by a kubeconfig path field.
    public static func readPEMFile(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KubeconfigError.fileSystem(path: path, reason: "cannot read file")
        }
    }

    // MARK: - Internals

    private static func credential(
        data: String?,
        path: String?,
        entry: String,
        field: String,
        readFile: (String) throws -> String
    ) throws -> String {
        if let data, !data.isEmpty {
            guard let bytes = Data(base64Encoded: data, options: .ignoreUnknownCharacters),
                let text = String(data: bytes, encoding: .utf8)
            else { throw KubeconfigError.invalidData(entry: entry, field: field) }
            return text
        }
        if let path, !path.isEmpty {
            return try readFile(path)
        }
        throw KubeconfigError.missingField(entry: entry, field: field)
    }

    private static func upsert<Entry>(_ entry: Entry, into entries: inout [Entry], name: (Entry) -> String) {
        if let index = entries.firstIndex(where: { name($0) == name(entry) }) {
            entries[index] = entry
        } else {
            entries.append(entry)
        }
    }
}
