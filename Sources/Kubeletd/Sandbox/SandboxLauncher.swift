import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The node's sandbox: the kubeletd executable that launches sandboxed processes, what it can build here, and
/// kubeletd's data directory (hidden from pods).
struct SandboxSettings: Sendable, Hashable {
    var helper: String
    var mode: SandboxMode
    var dataDirectory: String

    /// The settings of this node: `helper` is asked what it can build.
    static func detect(helper: String, dataDirectory: URL) -> SandboxSettings {
        SandboxSettings(helper: helper, mode: SandboxMode.detect(helper: helper), dataDirectory: dataDirectory.path)
    }
}

/// Prepares a pod's directories for a sandboxed process and builds the command that starts it (I/O around
/// ``SandboxPlan``).
enum SandboxLauncher {
    /// What to start: the helper with the launcher's arguments, in `startDirectory`.
    struct Command: Sendable, Hashable {
        var executable: String
        var arguments: [String]
        var startDirectory: String
    }

    /// The command running `executable` with `argv` for pod `pod` in the sandbox `settings` describe.
    static func command(
        settings: SandboxSettings, pod: PodIdentity, directories: PodDirectories, executable: String,
        argv: [String], tty: Bool, mounts: [ContainerMount], workingDirectory: String?, joinPID: Int32? = nil
    ) throws -> Command {
        let user = PodUser(podUID: pod.uid)
        let work = directories.workDirectory(pod).path
        let tmp = directories.podDirectory(pod).appendingPathComponent("tmp", isDirectory: true).path
        let scratch = directories.podDirectory(pod).appendingPathComponent("sandbox", isDirectory: true).path
        for path in [work, tmp, scratch] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        if settings.mode != .none {
            for path in [work, tmp] + mounts.filter({ !$0.readOnly }).map(\.source) {
                _ = chown(path, user.uid, user.gid)
            }
            // Only the pod's own group may enter its directory: other pods (other nodes' too, whose data
            // directories this node does not hide) cannot read its volumes.
            let podDirectory = directories.podDirectory(pod).path
            _ = chown(podDirectory, 0, user.gid)
            _ = chmod(podDirectory, 0o750)
        }
        let request = SandboxPlan.Request(
            mode: settings.mode, user: user, executable: executable, argv: argv, tty: tty, workDirectory: work,
            tmpDirectory: tmp, scratchDirectory: scratch, dataDirectory: settings.dataDirectory, mounts: mounts,
            workingDirectory: workingDirectory, joinPID: joinPID)
        let plan = SandboxPlan(request, host: hostView())
        return Command(executable: settings.helper, arguments: plan.arguments, startDirectory: plan.startDirectory)
    }

    /// This machine's file system.
    static func hostView() -> SandboxPlan.HostView {
        var entries: [(name: String, kind: SandboxPlan.PathKind)] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/")) ?? [] {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/" + name) {
                entries.append((name, .symlink(target: target)))
            } else if let kind = kind(of: "/" + name) {
                entries.append((name, kind))
            }
        }
        return SandboxPlan.HostView(kind: { kind(of: $0) }, rootEntries: entries, resolve: { resolved($0) })
    }

    /// `path` with its longest existing leading part resolved by `realpath` and the rest kept.
    static func resolved(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path)
        var rest: [String] = []
        while existing.path != "/", !FileManager.default.fileExists(atPath: existing.path) {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        guard let real = realpath(existing.path, nil) else { return path }
        defer { free(real) }
        let base = String(cString: real)
        return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.joined(separator: "/")
    }

    /// The kind of `path`, following symlinks.
    private static func kind(of path: String) -> SandboxPlan.PathKind? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue ? .directory : .file
    }
}
