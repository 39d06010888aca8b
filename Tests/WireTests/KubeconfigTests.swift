import Foundation
import KubeAPI
import Testing
import Wire

private let caPEM = "-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n"
private let certPEM = "-----BEGIN CERTIFICATE-----\nQ0VSVA==\n-----END CERTIFICATE-----\n"
private let keyPEM = "-----BEGIN PRIVATE KEY-----\nS0VZ\n-----END PRIVATE KEY-----\n"

private func makeConfig(namespace: String? = nil) -> Kubeconfig {
    Kubeconfig.make(
        clusterName: "kcluster",
        server: ServerAddress(host: "127.0.0.1", port: 6443),
        caPEM: caPEM,
        userName: "kcluster-admin",
        certPEM: certPEM,
        keyPEM: keyPEM,
        namespace: namespace
    )
}

@Suite struct KubeconfigTests {
    // MARK: - Model and YAML

    @Test func make_buildsOneCurrentContext() throws {
        let config = makeConfig()
        #expect(config.apiVersion == "v1")
        #expect(config.kind == "Config")
        #expect(config.currentContext == "kcluster")
        #expect(config.clusters.map(\.name) == ["kcluster"])
        #expect(config.clusters[0].cluster.server == "https://127.0.0.1:6443")
        #expect(config.clusters[0].cluster.certificateAuthorityData == Data(caPEM.utf8).base64EncodedString())
        #expect(config.users.map(\.name) == ["kcluster-admin"])
        #expect(
            config.contexts == [
                .init(name: "kcluster", context: .init(cluster: "kcluster", user: "kcluster-admin", namespace: nil))
            ]
        )
    }

    @Test func yaml_usesKubectlFieldNames_andRoundTrips() throws {
        let config = makeConfig(namespace: "team-a")
        let yaml = try config.yamlString()
        for key in [
            "apiVersion: v1", "kind: Config", "current-context: kcluster", "preferences: {}",
            "certificate-authority-data: ", "server: https://127.0.0.1:6443", "client-certificate-data: ",
            "client-key-data: ", "namespace: team-a",
        ] {
            #expect(yaml.contains(key), "missing \(key) in\n\(yaml)")
        }
        #expect(!yaml.contains("certificateAuthority"))
        #expect(try Kubeconfig(yaml: yaml) == config)
    }

    @Test func decode_kubectlStyleFile_toleratesMissingAndUnknownFields() throws {
        let yaml = """
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: \(Data(caPEM.utf8).base64EncodedString())
                server: "[::1]:7000"
                extensions: []
              name: c1
            contexts:
            - context:
                cluster: c1
                user: u1
              name: ctx
            current-context: ctx
            kind: Config
            users:
            - name: u1
              user:
                client-certificate-data: \(Data(certPEM.utf8).base64EncodedString())
                client-key-data: \(Data(keyPEM.utf8).base64EncodedString())
            """
        let config = try Kubeconfig(yaml: yaml)
        let resolved = try config.resolvedContext(named: nil)
        #expect(resolved.server == ServerAddress(host: "::1", port: 7000))
        #expect(resolved.caPEM == caPEM)
        #expect(resolved.certPEM == certPEM)
        #expect(resolved.keyPEM == keyPEM)
        #expect(resolved.namespace == nil)
        #expect(try Kubeconfig(yaml: "apiVersion: v1\nkind: Config\n") == Kubeconfig())
    }

    // MARK: - Contexts

    @Test func resolvedContext_namedAndCurrent() throws {
        let config = makeConfig(namespace: "team-a").upserting(
            contextName: "other",
            clusterName: "c2",
            server: ServerAddress(host: "cp.example", port: 7443),
            caPEM: "ca2",
            userName: "u2",
            certPEM: "cert2",
            keyPEM: "key2"
        )
        #expect(config.currentContext == "other")
        let current = try config.resolvedContext(named: nil)
        #expect(current.contextName == "other")
        #expect(current.server.description == "https://cp.example:7443")
        #expect(current.caPEM == "ca2")
        let named = try config.resolvedContext(named: "kcluster")
        #expect(named.namespace == "team-a")
        #expect(named.certPEM == certPEM)
    }

    @Test func resolvedContext_errorsReadLikeKubectl() throws {
        let config = makeConfig()
        #expect(throws: KubeconfigError.contextNotFound("x")) { try config.resolvedContext(named: "x") }
        #expect(KubeconfigError.contextNotFound("x").description == "context was not found for specified context: x")
        #expect(throws: KubeconfigError.currentContextNotSet) { try Kubeconfig().resolvedContext(named: nil) }

        var noCluster = config
        noCluster.clusters = []
        #expect(throws: KubeconfigError.clusterNotFound(cluster: "kcluster", context: "kcluster")) {
            try noCluster.resolvedContext(named: nil)
        }
        var noUser = config
        noUser.users = []
        #expect(throws: KubeconfigError.userNotFound(user: "kcluster-admin", context: "kcluster")) {
            try noUser.resolvedContext(named: nil)
        }
        var noKey = config
        noKey.users[0].user.clientKeyData = nil
        #expect(throws: KubeconfigError.missingField(entry: "user \"kcluster-admin\"", field: "client-key-data")) {
            try noKey.resolvedContext(named: nil)
        }
        var badData = config
        badData.clusters[0].cluster.certificateAuthorityData = "%%%"
        #expect(throws: KubeconfigError.invalidData(entry: "cluster \"kcluster\"", field: "certificate-authority-data"))
        {
            try badData.resolvedContext(named: nil)
        }
        var badServer = config
        badServer.clusters[0].cluster.server = "ftp://x:1"
        #expect(throws: KubeconfigError.self) { try badServer.resolvedContext(named: nil) }
    }

    @Test func resolvedContext_readsFilePathVariants() throws {
        var config = makeConfig()
        config.clusters[0].cluster.certificateAuthorityData = nil
        config.clusters[0].cluster.certificateAuthority = "/pki/ca.crt"
        config.users[0].user = Kubeconfig.User(certPEM: nil, keyPEM: nil)
        config.users[0].user.clientCertificate = "/pki/admin.crt"
        config.users[0].user.clientKey = "/pki/admin.key"
        let resolved = try config.resolvedContext(named: nil) { path in "contents of \(path)" }
        #expect(resolved.caPEM == "contents of /pki/ca.crt")
        #expect(resolved.certPEM == "contents of /pki/admin.crt")
        #expect(resolved.keyPEM == "contents of /pki/admin.key")
    }

    @Test func upserting_replacesByName_andRemovingContextCleansUp() throws {
        let base = makeConfig()
        let replaced = base.upserting(
            contextName: "kcluster",
            clusterName: "kcluster",
            server: ServerAddress(host: "10.0.0.9", port: 1),
            caPEM: caPEM,
            userName: "kcluster-admin",
            certPEM: certPEM,
            keyPEM: keyPEM
        )
        #expect(replaced.clusters.count == 1)
        #expect(replaced.contexts.count == 1)
        #expect(replaced.users.count == 1)
        #expect(replaced.clusters[0].cluster.server == "https://10.0.0.9:1")

        let two = replaced.upserting(
            contextName: "b",
            clusterName: "cb",
            server: ServerAddress(host: "h", port: 2),
            caPEM: "ca",
            userName: "ub",
            certPEM: "c",
            keyPEM: "k"
        )
        let removed = two.removingContext(named: "b")
        #expect(removed.currentContext == "")
        #expect(removed.contexts.map(\.name) == ["kcluster"])
        #expect(removed.clusters.map(\.name) == ["kcluster"])
        #expect(removed.users.map(\.name) == ["kcluster-admin"])
        #expect(two.removingContext(named: "nope") == two)
    }

    // MARK: - Server addresses

    @Test(arguments: [
        ("wire://127.0.0.1:6443", "127.0.0.1", 6443),
        ("10.0.0.1:7000", "10.0.0.1", 7000),
        ("[::1]:7000", "::1", 7000),
        ("wire://[fd00::1]:1/", "fd00::1", 1),
        ("cp.example.com", "cp.example.com", 6443),
        ("fd00::2", "fd00::2", 6443),
        ("WIRE://localhost:9", "localhost", 9),
        ("https://127.0.0.1:6443", "127.0.0.1", 6443),
        ("HTTPS://[::1]:7/", "::1", 7),
    ])
    func serverAddress_parses(text: String, host: String, port: Int) throws {
        let address = try ServerAddress(parsing: text)
        #expect(address.host == host)
        #expect(address.port == port)
    }

    @Test(arguments: ["ftp://a:1", "https://", "a:0", "a:65536", "a:x", "[::1", "[::1]x", "[nothost]:1", "", "wire://", "a b:1"])
    func serverAddress_rejects(text: String) {
        #expect(throws: KubeconfigError.self) { try ServerAddress(parsing: text) }
    }

    @Test func serverAddress_formatsWithBracketsForIPv6() {
        #expect(ServerAddress(host: "::1", port: 5).description == "https://[::1]:5")
        #expect(ServerAddress(host: "[::1]", port: 5).hostPort == "[::1]:5")
        #expect(ServerAddress(host: "h", port: 5).hostPort == "h:5")
    }

    // MARK: - Loader

    @Test func resolvePath_flagThenEnvironmentThenDefault() {
        let home = URL(fileURLWithPath: "/home/u")
        let env = ["KUBECONFIG": ":/etc/a.yaml:/etc/b.yaml"]
        let flag = KubeconfigLoader.resolvePath(explicit: "/x/config", environment: env, homeDirectory: home)
        #expect(flag == .init(url: URL(fileURLWithPath: "/x/config"), source: .flag))
        let fromEnv = KubeconfigLoader.resolvePath(explicit: nil, environment: env, homeDirectory: home)
        #expect(fromEnv == .init(url: URL(fileURLWithPath: "/etc/a.yaml"), source: .environment))
        let emptyFlag = KubeconfigLoader.resolvePath(explicit: "", environment: env, homeDirectory: home)
        #expect(emptyFlag.source == .environment)
        let fallback = KubeconfigLoader.resolvePath(explicit: nil, environment: ["KUBECONFIG": ""], homeDirectory: home)
        #expect(fallback == .init(url: URL(fileURLWithPath: "/home/u/.kctl/config"), source: .defaultPath))
        let tilde = KubeconfigLoader.resolvePath(explicit: "~/k.yaml", environment: [:], homeDirectory: home)
        #expect(tilde.url.path == "/home/u/k.yaml")
        #expect(KubeconfigLoader.path(explicit: nil, environment: env, homeDirectory: "/home/u") == "/etc/a.yaml")
        #expect(
            KubeconfigLoader.path(explicit: nil, environment: [:], homeDirectory: "/home/u") == "/home/u/.kctl/config"
        )
    }

    @Test func write_isPrivate_andLoadRoundTrips() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("kcluster-kc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        #expect(throws: KubeconfigError.fileNotFound(path: home.path + "/.kctl/config", explicit: false)) {
            try KubeconfigLoader.load(explicit: nil, environment: [:], homeDirectory: home)
        }
        let url = home.appendingPathComponent(".kctl/config")
        let config = makeConfig(namespace: "ns")
        try KubeconfigLoader.write(config, to: url)
        try config.write(to: url)  // replacing an existing file works too
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let loaded = try KubeconfigLoader.load(explicit: nil, environment: [:], homeDirectory: home)
        #expect(loaded.config == config)
        #expect(loaded.location.source == .defaultPath)
        #expect(try KubeconfigLoader.load(path: url.path) == config)
        #expect(throws: KubeconfigError.fileNotFound(path: "/nonexistent/kc", explicit: true)) {
            try KubeconfigLoader.load(path: "/nonexistent/kc")
        }
        #expect(throws: KubeconfigError.fileNotFound(path: "/nonexistent/kc", explicit: true)) {
            try KubeconfigLoader.load(explicit: "/nonexistent/kc", environment: [:], homeDirectory: home)
        }
    }

    @Test func load_makesRelativeCredentialPathsAbsolute_andReportsBadYAML() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kcluster-kc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("config")
        var config = makeConfig()
        config.clusters[0].cluster.certificateAuthority = "pki/ca.crt"
        try KubeconfigLoader.write(config, to: url)
        let loaded = try #require(try KubeconfigLoader.loadIfPresent(from: url))
        #expect(loaded.clusters[0].cluster.certificateAuthority == dir.path + "/pki/ca.crt")

        try Data("clusters: [".utf8).write(to: url)
        #expect {
            try KubeconfigLoader.loadIfPresent(from: url)
        } throws: { error in
            guard case .invalidFile(let path, _) = error as? KubeconfigError else { return false }
            return path == url.path
        }
    }
}
