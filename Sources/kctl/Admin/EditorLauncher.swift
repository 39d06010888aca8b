import Foundation

/// Why the editor could not be used; kubectl prints it as `error: <description>`.
struct EditorError: Error, CustomStringConvertible {
    var description: String
}

/// Runs the editor on a temporary file, as kubectl's `LaunchTempFile`: the file is `<prefix><random><suffix>` in
/// the temporary directory (`$TMPDIR`, else `/tmp`), created with mode 0600; the editor gets the terminal.
enum EditorLauncher {
    /// Writes `text` to a new temporary file, runs `editor` on it and returns the file's content afterwards and
    /// its path. The file is left in place.
    ///
    /// - Throws: ``EditorError`` when the file cannot be written, the editor cannot be found
    ///   (`unable to launch the editor "vim"`) or exits non-zero (`there was a problem with the editor "vim"`).
    static func edit(_ text: String, prefix: String, suffix: String, editor: EditorCommand) async throws
        -> (text: String, path: String)
    {
        let path = try createFile(prefix: prefix, suffix: suffix, contents: Data(text.utf8))
        let arguments = editor.arguments(editing: path)
        guard let executable = locate(arguments[0]) else {
            throw EditorError(description: "unable to launch the editor \"\(editor.displayName)\"")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = Array(arguments.dropFirst())
        do {
            try process.run()
        } catch {
            throw EditorError(description: "unable to launch the editor \"\(editor.displayName)\"")
        }
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        guard process.terminationStatus == 0, process.terminationReason == .exit else {
            throw EditorError(description: "there was a problem with the editor \"\(editor.displayName)\"")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EditorError(description: "open \(path): no such file or directory")
        }
        return (String(decoding: data, as: UTF8.self), path)
    }

    /// A new file with a random decimal name part, as Go's `os.CreateTemp(dir, prefix + "*" + suffix)`.
    private static func createFile(prefix: String, suffix: String, contents: Data) throws -> String {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        for _ in 0..<10_000 {
            let path = (directory as NSString).appendingPathComponent(
                "\(prefix)\(UInt32.random(in: .min ... .max))\(suffix)")
            let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
            if descriptor < 0 {
                if errno == EEXIST { continue }
                throw EditorError(description: "open \(path): \(String(cString: strerror(errno)))")
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: contents)
            try handle.close()
            return path
        }
        throw EditorError(description: "could not create a temporary file in \(directory)")
    }

    /// The executable for a program name: a path as given, else the first match on `$PATH` (Go's `exec.LookPath`).
    private static func locate(_ program: String) -> URL? {
        let manager = FileManager.default
        if program.contains("/") {
            return manager.isExecutableFile(atPath: program) ? URL(fileURLWithPath: program) : nil
        }
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = ((directory.isEmpty ? "." : String(directory)) as NSString).appendingPathComponent(program)
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                manager.isExecutableFile(atPath: candidate)
            {
                return URL(fileURLWithPath: candidate)
            }
        }
        return nil
    }
}
