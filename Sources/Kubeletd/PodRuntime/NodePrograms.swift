import Foundation

/// The programs this node can provide to containers: busybox (Debian's `busybox-static`) with its applets, and
/// the catalogue programs installed here (``ImageCatalogue``: `redis-server`, `redis-cli` from Debian's
/// `redis-server` and `redis-tools`). Found once, on the node's own file system; never the manifest's program.
struct NodePrograms: Sendable, Hashable {
    /// The busybox executable, if installed.
    var busybox: String?
    /// Its applet names (`sh`, `cat`, `sleep`, ...).
    var applets: Set<String>
    /// Installed catalogue programs by name → host path.
    var installed: [String: String]

    /// The directories an image keeps its programs in: a program path in one of them whose name is an applet is
    /// the applet (`/bin/sh`, `/usr/bin/env`).
    static let binDirectories: Set<String> = [
        "/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin",
    ]

    /// Where busybox is looked for.
    static let busyboxCandidates = ["/bin/busybox", "/usr/bin/busybox"]

    /// This node's programs, found once per process.
    static let host: NodePrograms = discover()

    /// Looks busybox and the catalogue programs up in the fixed places they are installed to.
    static func discover(catalogue: ImageCatalogue = .standard) -> NodePrograms {
        let busybox = busyboxCandidates.first { FileManager.default.isExecutableFile(atPath: $0) }
        var applets: Set<String> = []
        if let busybox { applets = Self.applets(of: busybox) }
        var installed: [String: String] = [:]
        for program in catalogue.entries.flatMap(\.programs) {
            let path = ["/usr/bin/", "/usr/local/bin/", "/bin/"].map { $0 + program }
                .first { FileManager.default.isExecutableFile(atPath: $0) }
            if let path { installed[program] = path }
        }
        return NodePrograms(busybox: busybox, applets: applets, installed: installed)
    }

    /// `busybox --list`, or nothing when it cannot run.
    private static func applets(of busybox: String) -> Set<String> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: busybox)
        process.arguments = ["--list"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return []
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let names = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        return Set(names.filter { !$0.isEmpty && !$0.contains("/") && $0 != "busybox" })
    }
}
