import Foundation

/// Finds the program of a `kctl exec` command as `execvp` would, so that a missing one is reported the way the
/// container runtime reports it. Pure: the file system is asked through `isExecutable`.
enum ExecutableLookup {
    /// The executable to run for `name`: a name with a `/` is taken as a path (relative to `workingDirectory`),
    /// any other name is looked up in `path` (`PATH`'s value; an empty entry is the working directory).
    ///
    /// - Throws: ``ExecError/notFound(_:)`` with the runtime's wording.
    static func resolve(
        _ name: String, path: String?, workingDirectory: String, isExecutable: (String) -> Bool
    ) throws -> String {
        if name.contains("/") {
            let full = name.hasPrefix("/") ? name : workingDirectory + "/" + name
            guard isExecutable(full) else {
                throw ExecError.notFound("exec: \"\(name)\": stat \(name): no such file or directory")
            }
            return full
        }
        for directory in (path ?? "").split(separator: ":", omittingEmptySubsequences: false) {
            let base = directory.isEmpty ? workingDirectory : String(directory)
            let candidate = base.hasSuffix("/") ? base + name : base + "/" + name
            if isExecutable(candidate) { return candidate }
        }
        throw ExecError.notFound("exec: \"\(name)\": executable file not found in $PATH")
    }

    /// Whether `path` is a regular file this process may execute.
    static func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }
}

/// Why an exec could not start.
enum ExecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The program does not exist.
    case notFound(String)
    /// The node could not set the process up (pseudo-terminal, pipes).
    case setup(String)

    var description: String {
        switch self {
        case .notFound(let text), .setup(let text): text
        }
    }
}
