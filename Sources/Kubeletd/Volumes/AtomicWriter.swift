import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a volume's files into its directory as Kubernetes' atomic writer does, so a reader never sees a mix of
/// old and new files:
///
/// ```
/// <volume>/..2026_12_08_01_02_03.123456789/   the files, in a directory named after the write time
/// <volume>/..data -> ..2026_12_08_01_02_03.123456789
/// <volume>/<name> -> ..data/<name>           one link per top-level entry of the payload
/// ```
///
/// A write puts the new files in a fresh timestamped directory, points `..data_tmp` at it and renames that over
/// `..data` (the atomic switch), adds links for new top-level names, removes links for names gone, and deletes the
/// previous directory. A payload equal to what is there writes nothing. Paths beginning with `..` are reserved.
struct AtomicWriter: Sendable {
    /// The volume's directory (created if missing).
    let directory: URL
    /// Who owns what a write creates (the pod's user, standing for the container's root, so that a `0400` Secret
    /// stays readable by its container); nil: the writer's own user.
    var owner: (uid: UInt32, gid: UInt32)? = nil

    init(directory: URL, owner: (uid: UInt32, gid: UInt32)? = nil) {
        self.directory = directory
        self.owner = owner
    }

    /// A payload path that cannot be written (absolute, empty, with a `..` component, or starting with `..`).
    struct InvalidPath: Error, CustomStringConvertible {
        var path: String
        var description: String { "invalid path \(path) in a volume's payload" }
    }

    /// `..data`: the link to the current timestamped directory.
    static let dataLink = "..data"

    /// Writes `payload` (relative path to file); returns whether anything changed on disk.
    @discardableResult
    func write(_ payload: [String: VolumeFile], now: Date = Date()) throws -> Bool {
        for path in payload.keys { try Self.validate(path) }
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        let dataPath = directory.appendingPathComponent(Self.dataLink).path
        let oldDirectory = Self.readLink(dataPath)
        let oldPaths = oldDirectory.map { Self.files(under: directory.appendingPathComponent($0)) } ?? [:]
        let visible = Set(payload.keys.map(Self.topLevel))
        let oldVisible = Set(oldPaths.keys.map(Self.topLevel))
        if oldDirectory != nil, oldPaths == payload,
            visible.allSatisfy({ Self.exists(directory.appendingPathComponent($0).path) })
        {
            return false
        }

        let stamped = try makeTimestampedDirectory(now: now)
        for (path, file) in payload {
            let url = stamped.appendingPathComponent(path)
            try fileManager.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o755])
            guard fileManager.createFile(atPath: url.path, contents: Data(file.content)) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
            try fileManager.setAttributes([.posixPermissions: file.mode & 0o7777], ofItemAtPath: url.path)
        }
        if let owner {
            // The timestamped directory, every directory on the way to a file, and the files.
            var created: Set<String> = [stamped.path]
            for path in payload.keys {
                let components = path.split(separator: "/")
                for count in 1...components.count {
                    created.insert(stamped.path + "/" + components.prefix(count).joined(separator: "/"))
                }
            }
            for path in created { _ = chown(path, owner.uid, owner.gid) }
        }

        let temporaryLink = directory.appendingPathComponent("..data_tmp").path
        unlink(temporaryLink)
        try Self.check(symlink(stamped.lastPathComponent, temporaryLink), "symlink", temporaryLink)
        try Self.check(rename(temporaryLink, dataPath), "rename", dataPath)

        for name in visible.sorted() {
            let link = directory.appendingPathComponent(name).path
            guard !Self.exists(link) else { continue }
            try Self.check(symlink(Self.dataLink + "/" + name, link), "symlink", link)
        }
        for name in oldVisible.subtracting(visible) {
            try? fileManager.removeItem(atPath: directory.appendingPathComponent(name).path)
        }
        if let oldDirectory, oldDirectory != stamped.lastPathComponent {
            try? fileManager.removeItem(at: directory.appendingPathComponent(oldDirectory))
        }
        return true
    }

    /// The regular files under `root` (relative path to content and permission bits).
    static func files(under root: URL) -> [String: VolumeFile] {
        var files: [String: VolumeFile] = [:]
        let rootPath = root.resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(atPath: rootPath) else { return [:] }
        while let relative = enumerator.nextObject() as? String {
            let path = rootPath + "/" + relative
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let data = FileManager.default.contents(atPath: path)
            else { continue }
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
            files[relative] = VolumeFile(Array(data), mode: mode)
        }
        return files
    }

    private func makeTimestampedDirectory(now: Date) throws -> URL {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        let stamp = String(
            format: "..%04d_%02d_%02d_%02d_%02d_%02d.", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        var template = Array((directory.path + "/" + stamp + "XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkdtemp($0) != nil } ?? false
        }
        guard created else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: directory.path])
        }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        try Self.check(chmod(path, 0o755), "chmod", path)
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    private static func validate(_ path: String) throws {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !path.hasPrefix(".."), !components.contains("..") else {
            throw InvalidPath(path: path)
        }
    }

    private static func topLevel(_ path: String) -> String {
        String(path.split(separator: "/").first ?? Substring(path))
    }

    private static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether anything (a link too, even a dangling one) is at `path`.
    private static func exists(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)) != nil
    }

    private static func check(_ result: Int32, _ call: String, _ path: String) throws {
        guard result == 0 else {
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "\(call) failed: errno \(errno)"])
        }
    }
}
