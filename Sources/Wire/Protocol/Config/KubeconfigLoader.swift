import Foundation
import KubeAPI

/// Finds, reads and writes kubeconfig files.
///
/// The file is chosen like kubectl does, except that only one file is used: the `--kubeconfig`
/// flag, else the first path in `KUBECONFIG` (a colon-separated list), else `~/.kctl/config`.
public enum KubeconfigLoader {
    /// The default location, relative to the home directory.
    public static let defaultRelativePath = ".kctl/config"
    /// The environment variable naming kubeconfig files.
    public static let environmentVariable = "KUBECONFIG"

    /// Where a kubeconfig path came from.
    public enum Source: Sendable, Hashable {
        /// The `--kubeconfig` flag.
        case flag
        /// The `KUBECONFIG` environment variable.
        case environment
        /// The default, `~/.kctl/config`.
        case defaultPath
    }

    /// A chosen kubeconfig file.
    public struct Location: Sendable, Equatable {
        /// The file.
        public var url: URL
        /// Why this file was chosen.
        public var source: Source

        /// A location.
        public init(url: URL, source: Source) {
            self.url = url
            self.source = source
        }
    }

    /// Chooses the kubeconfig file: `explicit` (the flag), then the first `KUBECONFIG` entry, then `~/.kctl/config`.
    ///
    /// Empty values are skipped; a leading `~/` is expanded with `homeDirectory`. Relative paths are
    /// relative to the current directory.
    public static func resolvePath(explicit: String?, environment: [String: String], homeDirectory: URL) -> Location {
        if let explicit, !explicit.isEmpty {
            return Location(url: url(for: explicit, homeDirectory: homeDirectory), source: .flag)
        }
        if let list = environment[environmentVariable],
            let first = list.split(separator: ":", omittingEmptySubsequences: true).first
        {
            return Location(url: url(for: String(first), homeDirectory: homeDirectory), source: .environment)
        }
        return Location(url: homeDirectory.appendingPathComponent(defaultRelativePath), source: .defaultPath)
    }

    /// The chosen kubeconfig path as a string (see ``resolvePath(explicit:environment:homeDirectory:)``).
    public static func path(explicit: String?, environment: [String: String], homeDirectory: String) -> String {
        resolvePath(
            explicit: explicit,
            environment: environment,
            homeDirectory: URL(fileURLWithPath: homeDirectory, isDirectory: true)
        ).url.path
    }

    /// Loads the kubeconfig at `path`.
    ///
    /// - Throws: ``KubeconfigError/fileNotFound(path:explicit:)`` (as explicit, kubectl's `stat PATH: no such file
    ///   or directory`) if it does not exist, ``KubeconfigError/invalidFile(path:reason:)`` if it cannot be parsed.
    public static func load(path: String) throws -> Kubeconfig {
        let url = URL(fileURLWithPath: path)
        guard let config = try loadIfPresent(from: url) else {
            throw KubeconfigError.fileNotFound(path: url.path, explicit: true)
        }
        return config
    }

    /// Resolves the path (see ``resolvePath(explicit:environment:homeDirectory:)``) and loads the file.
    ///
    /// - Throws: ``KubeconfigError/fileNotFound(path:explicit:)`` if it does not exist,
    ///   ``KubeconfigError/invalidFile(path:reason:)`` if it cannot be parsed.
    public static func load(
        explicit: String?,
        environment: [String: String],
        homeDirectory: URL
    ) throws -> (config: Kubeconfig, location: Location) {
        let location = resolvePath(explicit: explicit, environment: environment, homeDirectory: homeDirectory)
        guard let config = try loadIfPresent(from: location.url) else {
            throw KubeconfigError.fileNotFound(path: location.url.path, explicit: location.source != .defaultPath)
        }
        return (config, location)
    }

    /// Loads the kubeconfig at `url`, or returns `nil` if there is no file (e.g. before the first `cluster create`).
    ///
    /// Relative credential file paths (`certificate-authority`, ...) are made absolute against the file's directory.
    public static func loadIfPresent(from url: URL) throws -> Kubeconfig? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw KubeconfigError.fileSystem(path: url.path, reason: "cannot read file")
        }
        if text.allSatisfy(\.isWhitespace) { return Kubeconfig() }
        var config: Kubeconfig
        do {
            config = try Kubeconfig(yaml: text)
        } catch {
            throw KubeconfigError.invalidFile(path: url.path, reason: String(describing: error))
        }
        let base = url.deletingLastPathComponent()
        for index in config.clusters.indices {
            config.clusters[index].cluster.certificateAuthority =
                config.clusters[index].cluster.certificateAuthority.map { absolute($0, base: base) }
        }
        for index in config.users.indices {
            config.users[index].user.clientCertificate =
                config.users[index].user.clientCertificate.map { absolute($0, base: base) }
            config.users[index].user.clientKey = config.users[index].user.clientKey.map { absolute($0, base: base) }
        }
        return config
    }

    /// Writes `config` to `url` atomically with mode 0600, creating the parent directory (0700) if needed.
    public static func write(_ config: Kubeconfig, to url: URL) throws {
        let yaml: String
        do {
            yaml = try config.yamlString()
        } catch {
            throw KubeconfigError.fileSystem(path: url.path, reason: "cannot encode kubeconfig: \(error)")
        }
        try writeText(yaml, to: url)
    }

    /// Writes a kubeconfig's text to `url` atomically with mode 0600, creating the parent directory (0700) if needed.
    public static func writeText(_ yaml: String, to url: URL) throws {
        do {
            try SecureFile.createDirectory(url.deletingLastPathComponent(), mode: SecureFile.privateDirectoryMode)
            try SecureFile.write(yaml, to: url, mode: SecureFile.privateMode)
        } catch let error as PKIError {
            if case .fileSystem(let path, let reason) = error {
                throw KubeconfigError.fileSystem(path: path, reason: reason)
            }
            throw KubeconfigError.fileSystem(path: url.path, reason: error.description)
        }
    }

    // MARK: - Internals

    private static func url(for path: String, homeDirectory: URL) -> URL {
        if path == "~" { return homeDirectory }
        if path.hasPrefix("~/") { return homeDirectory.appendingPathComponent(String(path.dropFirst(2))) }
        return URL(fileURLWithPath: path)
    }

    private static func absolute(_ path: String, base: URL) -> String {
        guard !path.isEmpty, !path.hasPrefix("/") else { return path }
        return base.appendingPathComponent(path).standardizedFileURL.path
    }
}
