import Foundation
import KubeAPI

/// The local side of `kctl cp`: the archive entries of a local file or directory (kubectl's `makeTar`), and the
/// files an archive from a container becomes (`untarAll`).
enum LocalTree {
    /// The entries for `source`, named from `destinationName` (the remote file's base name) down: a file is one
    /// entry, a directory its files (sorted by name) and, when empty, itself; symbolic links are kept as links.
    static func entries(source: String, destinationName: String) throws -> [TarArchive.Entry] {
        let manager = FileManager.default
        let attributes = try manager.attributesOfItem(atPath: source)
        let mode = (attributes[.posixPermissions] as? Int) ?? 0o644
        let time = Int((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
        switch attributes[.type] as? FileAttributeType {
        case .typeDirectory?:
            let children = try manager.contentsOfDirectory(atPath: source).sorted {
                Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
            }
            if children.isEmpty {
                return [TarArchive.Entry(name: destinationName, type: .directory, mode: mode, modificationTime: time)]
            }
            return try children.flatMap { child in
                try entries(source: source + "/" + child, destinationName: destinationName + "/" + child)
            }
        case .typeSymbolicLink?:
            let target = try manager.destinationOfSymbolicLink(atPath: source)
            return [TarArchive.Entry(name: destinationName, type: .symlink, mode: mode, linkName: target, modificationTime: time)]
        default:
            let contents = try [UInt8](Data(contentsOf: URL(fileURLWithPath: source)))
            return [TarArchive.Entry(name: destinationName, type: .file, mode: mode, contents: contents, modificationTime: time)]
        }
    }

    /// Writes an archive's entries under `destination` (`prefix`: the archived path, stripped from each name);
    /// returns kubectl's warnings (entries outside the destination, symbolic links skipped).
    static func extract(
        _ entries: [TarArchive.Entry], prefix: String, destination: String, skippedLinkHint: String
    ) throws -> [String] {
        let manager = FileManager.default
        var warnings: [String] = []
        var hinted = false
        for entry in entries {
            guard let target = try CopySpec.localPath(of: entry.name, prefix: prefix, destination: destination) else {
                warnings.append("warning: file \(GoQuote.quote(CopySpec.join(destination, String(entry.name.dropFirst(prefix.count))))) is outside target destination, skipping")
                continue
            }
            try manager.createDirectory(
                atPath: CopySpec.dir(target), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            switch entry.type {
            case .directory:
                try manager.createDirectory(atPath: target, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            case .symlink:
                var line = "warning: skipping symlink: \(GoQuote.quote(target)) -> \(GoQuote.quote(entry.linkName))"
                if !hinted { line += " (\(skippedLinkHint))" }
                hinted = true
                warnings.append(line)
            case .file, .other:
                guard manager.createFile(atPath: target, contents: Data(entry.contents)) else {
                    throw MessageError("open \(target): permission denied")
                }
            }
        }
        return warnings
    }
}
