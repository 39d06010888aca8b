import Foundation
import KubeAPI

/// Atomic file writes with chosen permissions, for the control plane's bootstrap files (token store, join token,
/// CA hash) and the joined node's credentials.
///
/// The content goes into a temporary file created with the final mode, which is then renamed over the destination,
/// so readers see the old or the new content, never a mix, and a secret is never readable by others.
public enum AtomicFile {
    /// Mode for secrets: owner read/write only.
    public static let privateMode: Int16 = 0o600
    /// Mode for public files: readable by all.
    public static let publicMode: Int16 = 0o644

    /// Atomically replaces `url` with `contents`, the file having permissions `mode`.
    ///
    /// - Throws: ``PKIError/fileSystem(path:reason:)``.
    public static func write(_ contents: String, to url: URL, mode: Int16 = privateMode) throws {
        try SecureFile.write(contents, to: url, mode: mode)
    }

    /// Reads a UTF-8 file, or returns nil if it does not exist.
    ///
    /// - Throws: ``PKIError/fileSystem(path:reason:)``.
    public static func read(_ url: URL) throws -> String? {
        try SecureFile.read(url)
    }

    /// Creates `url` (and its parents) with mode 0700 if missing.
    ///
    /// - Throws: ``PKIError/fileSystem(path:reason:)``, e.g. when `url` exists and is not a directory.
    public static func createPrivateDirectory(_ url: URL) throws {
        try SecureFile.createDirectory(url, mode: SecureFile.privateDirectoryMode)
    }

    /// The permission bits of the file at `url` (e.g. `0o600`), or nil if they cannot be read.
    public static func permissions(of url: URL) -> Int? {
        SecureFile.permissions(of: url)
    }
}
