import Foundation
import KubeAPI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files atomically with chosen permissions, so a secret is never readable by others, not even briefly.
///
/// The content goes into a temporary file in the same directory that is created with the final mode
/// before anything is written to it, and is then renamed over the destination (`rename(2)` is atomic).
public enum SecureFile {
    /// Mode for private keys and kubeconfigs.
    public static let privateMode: Int16 = 0o600
    /// Mode for certificates.
    public static let publicMode: Int16 = 0o644
    /// Mode for directories holding private files.
    public static let privateDirectoryMode: Int16 = 0o700

    /// Atomically replaces `url` with `contents`, the file having permissions `mode`.
    public static func write(_ contents: String, to url: URL, mode: Int16) throws {
        let fileManager = FileManager.default
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        // Create it empty, with the final mode, before the secret is written into it.
        guard
            fileManager.createFile(
                atPath: temporary.path,
                contents: Data(),
                attributes: [.posixPermissions: NSNumber(value: mode)]
            )
        else {
            throw PKIError.fileSystem(path: temporary.path, reason: "cannot create file")
        }
        do {
            // Enforce the mode regardless of the umask applied at creation.
            try fileManager.setAttributes([.posixPermissions: NSNumber(value: mode)], ofItemAtPath: temporary.path)
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: Data(contents.utf8))
            try handle.synchronize()
        } catch {
            try? fileManager.removeItem(at: temporary)
            throw PKIError.fileSystem(path: url.path, reason: String(describing: error))
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? fileManager.removeItem(at: temporary)
            throw PKIError.fileSystem(path: url.path, reason: reason)
        }
    }

    /// Reads a UTF-8 file, or returns `nil` if it does not exist.
    public static func read(_ url: URL) throws -> String? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw PKIError.fileSystem(path: url.path, reason: String(describing: error))
        }
    }

    /// Creates `url` (and its parents) if missing; a directory created here gets `mode`.
    public static func createDirectory(_ url: URL, mode: Int16) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw PKIError.fileSystem(path: url.path, reason: "not a directory")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                at: url,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: NSNumber(value: mode)]
            )
        } catch {
            throw PKIError.fileSystem(path: url.path, reason: String(describing: error))
        }
    }

    /// The permission bits of the file at `url`, or `nil` if they cannot be read.
    static func permissions(of url: URL) -> Int? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes?[.posixPermissions] as? NSNumber)?.intValue
    }
}
