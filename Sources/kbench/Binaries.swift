import Foundation

/// The project's binaries kbench runs: by default the ones next to kbench's own executable (one build's products).
struct Binaries: Sendable {
    let directory: URL
    var controlPlane: URL { directory.appendingPathComponent("controlplane") }
    var kubeletd: URL { directory.appendingPathComponent("kubeletd") }
    var kctl: URL { directory.appendingPathComponent("kctl") }

    /// The binaries in `directory`, else next to the running executable.
    ///
    /// - Throws: ``BenchError`` naming what is missing.
    static func locate(directory: String?) throws -> Binaries {
        let base: URL
        if let directory {
            base = URL(fileURLWithPath: directory, isDirectory: true)
        } else {
            let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "kbench")
            base = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        }
        let binaries = Binaries(directory: base)
        let missing = [binaries.controlPlane, binaries.kubeletd, binaries.kctl]
            .filter { !FileManager.default.isExecutableFile(atPath: $0.path) }
            .map(\.lastPathComponent)
        guard missing.isEmpty else {
            throw BenchError(
                "missing in \(base.path): \(missing.joined(separator: ", ")) (build them: swift build -c release)")
        }
        return binaries
    }

    /// `release` or `debug`, from the build directory's name (`.build/release`, `.build/x86_64-.../debug`).
    var configuration: String {
        let name = directory.lastPathComponent
        return ["release", "debug"].contains(name) ? name : "unknown (\(directory.path))"
    }
}
