import Foundation
import KubeAPI
import Yams

/// A kubeconfig file (`apiVersion: v1`, `kind: Config`), with kubectl's field names.
///
/// Credentials are stored as kubectl stores them: `certificate-authority-data`,
/// `client-certificate-data` and `client-key-data` are base64 of the PEM text. The file-path
/// variants (`certificate-authority`, `client-certificate`, `client-key`) are read too. Absent
/// lists decode as empty; unknown fields are ignored.
public struct Kubeconfig: Codable, Sendable, Equatable {
    /// `v1`.
    public var apiVersion: String
    /// The named clusters (server and CA).
    public var clusters: [NamedCluster]
    /// The named contexts (cluster + user + namespace).
    public var contexts: [NamedContext]
    /// The context used when none is chosen; empty when unset.
    public var currentContext: String
    /// `Config`.
    public var kind: String
    /// kubectl's preferences block, kept empty.
    public var preferences: Preferences
    /// The named users (client certificate and key).
    public var users: [NamedUser]

    /// A config with the given entries.
    public init(
        clusters: [NamedCluster] = [],
        contexts: [NamedContext] = [],
        currentContext: String = "",
        users: [NamedUser] = []
    ) {
        self.apiVersion = "v1"
        self.clusters = clusters
        self.contexts = contexts
        self.currentContext = currentContext
        self.kind = "Config"
        self.preferences = Preferences()
        self.users = users
    }

    private enum CodingKeys: String, CodingKey {
        case apiVersion
        case clusters
        case contexts
        case currentContext = "current-context"
        case kind
        case preferences
        case users
    }

    /// Decodes leniently: every field may be absent or null.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion) ?? "v1"
        self.clusters = try container.decodeIfPresent([NamedCluster].self, forKey: .clusters) ?? []
        self.contexts = try container.decodeIfPresent([NamedContext].self, forKey: .contexts) ?? []
        self.currentContext = try container.decodeIfPresent(String.self, forKey: .currentContext) ?? ""
        self.kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? "Config"
        self.preferences = try container.decodeIfPresent(Preferences.self, forKey: .preferences) ?? Preferences()
        self.users = try container.decodeIfPresent([NamedUser].self, forKey: .users) ?? []
    }

    // MARK: - YAML

    /// Parses kubeconfig YAML.
    ///
    /// - Throws: Yams' decoding errors for malformed YAML or wrongly typed fields.
    public init(yaml: String) throws {
        self = try YAMLDecoder().decode(Kubeconfig.self, from: yaml)
    }

    /// The config as YAML, in kubectl's key order.
    public func yamlString() throws -> String {
        try YAMLEncoder().encode(self)
    }

    // MARK: - Entries

    /// kubectl's (unused) `preferences: {}` block.
    public struct Preferences: Codable, Sendable, Equatable {
        /// An empty preferences block.
        public init() {}
    }

    /// A `clusters[]` entry.
    public struct NamedCluster: Codable, Sendable, Equatable {
        /// The cluster's name, referenced by contexts.
        public var name: String
        /// The cluster's connection details.
        public var cluster: Cluster

        /// A named cluster.
        public init(name: String, cluster: Cluster) {
            self.name = name
            self.cluster = cluster
        }
    }

    /// Where a cluster is and how to verify it.
    public struct Cluster: Codable, Sendable, Equatable {
        /// The server address, `https://HOST:PORT`.
        public var server: String
        /// Base64 of the CA certificate PEM.
        public var certificateAuthorityData: String?
        /// Path of a CA certificate PEM file (used when there is no `certificate-authority-data`).
        public var certificateAuthority: String?

        /// Cluster details; `caPEM` is stored base64-encoded.
        public init(server: String, caPEM: String?) {
            self.server = server
            self.certificateAuthorityData = caPEM.map { Data($0.utf8).base64EncodedString() }
        }

        private enum CodingKeys: String, CodingKey {
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case server
        }
    }

    /// A `contexts[]` entry.
    public struct NamedContext: Codable, Sendable, Equatable {
        /// The context's name.
        public var name: String
        /// The cluster, user and namespace it combines.
        public var context: Context

        /// A named context.
        public init(name: String, context: Context) {
            self.name = name
            self.context = context
        }
    }

    /// A cluster + user + default namespace.
    public struct Context: Codable, Sendable, Equatable {
        /// The name of a ``NamedCluster``.
        public var cluster: String
        /// The name of a ``NamedUser``.
        public var user: String
        /// The default namespace; `default` when absent.
        public var namespace: String?

        /// A context.
        public init(cluster: String, user: String, namespace: String? = nil) {
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
        }
    }

    /// A `users[]` entry.
    public struct NamedUser: Codable, Sendable, Equatable {
        /// The user's name, referenced by contexts.
        public var name: String
        /// The user's credentials.
        public var user: User

        /// A named user.
        public init(name: String, user: User) {
            self.name = name
            self.user = user
        }
    }

    /// Client credentials.
    public struct User: Codable, Sendable, Equatable {
        /// Base64 of the client certificate PEM.
        public var clientCertificateData: String?
        /// Base64 of the client private key PEM.
        public var clientKeyData: String?
        /// Path of a client certificate PEM file.
        public var clientCertificate: String?
        /// Path of a client private key PEM file.
        public var clientKey: String?
        /// A bearer token (a ServiceAccount token), for a user without a client certificate.
        public var token: String?
        /// Path of a file holding a bearer token (read on each connection; surrounding whitespace is ignored).
        public var tokenFile: String?

        /// Credentials; the PEMs are stored base64-encoded.
        public init(certPEM: String?, keyPEM: String?) {
            self.clientCertificateData = certPEM.map { Data($0.utf8).base64EncodedString() }
            self.clientKeyData = keyPEM.map { Data($0.utf8).base64EncodedString() }
        }

        private enum CodingKeys: String, CodingKey {
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case token
            case tokenFile
        }
    }
}
