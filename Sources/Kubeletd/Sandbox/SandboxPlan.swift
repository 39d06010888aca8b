import Foundation

/// The arguments of the sandbox launcher (`kubeletd __sandbox ...`, Sources/CSandbox/sandbox.c) for one
/// container process or `exec`: which namespaces, which mounts in which order, which user. Pure: the node's file
/// system is described by a ``HostView``.
///
/// In ``SandboxMode/namespaces`` the process sees a new root built on a tmpfs in the pod's `sandbox/` directory:
/// - every top-level directory of the machine bound read-only (recursively, nosuid), top-level symlinks copied,
///   a fresh `/proc` of its own PID namespace (an `exec` joins its container's instead, as in Kubernetes);
/// - `/tmp` is the pod's `tmp/` directory, writable;
/// - kubeletd's data directory is hidden behind an empty tmpfs;
/// - the working directory is the container's `workingDir` (or `/workdir`): when the machine has no such
///   directory it is created and the pod's `workdir/` is bound there, writable;
/// - each volume mount is bound at its `mountPath`, read-only unless writable; missing mount points are created in
///   an overlay over their nearest existing directory (changes kept in the tmpfs) that is then made read-only.
/// Nothing but the pod's `tmp/`, `workdir/` and writable volumes can be written, and the process runs as the pod's
/// user (``PodUser``) with no supplementary groups and no new privileges.
///
/// In ``SandboxMode/user`` and ``SandboxMode/none`` there are no mounts: the process starts in the pod's
/// `workdir/` on the machine's file system, as the pod's user when the mode allows it.
struct SandboxPlan: Sendable, Hashable {
    /// kubeletd's first argument that selects the launcher.
    static let subcommand = "__sandbox"
    /// The working directory of containers without `workingDir`, inside the sandbox.
    static let defaultWorkingDirectory = "/workdir"
    /// The limit on processes of a pod's user.
    static let processLimit = 1024

    /// What the file system looks like: the kind of a path (following symlinks), and the entries of `/`.
    struct HostView: Sendable {
        var kind: @Sendable (String) -> PathKind?
        var rootEntries: [(name: String, kind: PathKind)]
        /// The path with the symlinks of its existing leading part resolved, as the kernel follows them when the
        /// process opens it (`/var/run/secrets/x` is `/run/secrets/x` where `/var/run` links to `/run`): mount
        /// points must be made where the process will look.
        var resolve: @Sendable (String) -> String = { $0 }
    }

    /// A path's kind.
    enum PathKind: Sendable, Hashable {
        case directory
        case file
        case symlink(target: String)
    }

    /// One process to start.
    struct Request: Sendable, Hashable {
        var mode: SandboxMode
        var user: PodUser
        /// The program's path on this node and its `argv`.
        var executable: String
        var argv: [String]
        var tty: Bool
        /// The pod's writable directories on the node and its scratch directory (`sandbox/`).
        var workDirectory: String
        var tmpDirectory: String
        var scratchDirectory: String
        /// kubeletd's data directory (hidden from the process).
        var dataDirectory: String
        var mounts: [ContainerMount]
        /// The container's `workingDir`, if it sets one.
        var workingDirectory: String?
        /// For an `exec`: the launcher of the container's live run, whose PID namespace the process joins.
        var joinPID: Int32? = nil
    }

    /// The launcher's arguments (after the kubeletd executable) and the directory to start it in.
    var arguments: [String]
    var startDirectory: String

    /// Plans `request` against `host`.
    init(_ request: Request, host: HostView) {
        var arguments = [Self.subcommand]
        if request.tty { arguments.append("--tty") }
        let identity = ["--uid", "\(request.user.uid)", "--gid", "\(request.user.gid)", "--nproc", "\(Self.processLimit)"]
        switch request.mode {
        case .namespaces:
            var builder = Builder(request: request, host: host)
            arguments += ["--namespaces"] + (request.joinPID.map { ["--join-pid", "\($0)"] } ?? []) + builder.build()
            arguments += ["--proc", builder.root + "/proc", "--root", builder.root, "--cwd", builder.workingDirectory]
            arguments += identity
            startDirectory = "/"
        case .user:
            arguments += ["--cwd", request.workDirectory] + identity
            startDirectory = request.workDirectory
        case .none:
            arguments += ["--cwd", request.workDirectory]
            startDirectory = request.workDirectory
        }
        self.arguments = arguments + ["--", request.executable] + request.argv
    }

    /// Builds the mount operations of ``SandboxMode/namespaces``.
    private struct Builder {
        let request: Request
        let host: HostView
        /// The new root and the overlays' scratch space, in the tmpfs mounted at the pod's `sandbox/`.
        let root: String
        let scratch: String
        let hidesData: Bool
        var operations: [String] = []
        /// Paths (inside the sandbox) created on writable scratch space, and their kinds.
        var created: [String: PathKind] = [:]
        /// Directories (inside the sandbox) covered by an overlay, in order.
        var overlays: [String] = []
        var workingDirectory = SandboxPlan.defaultWorkingDirectory

        init(request: Request, host: HostView) {
            self.request = request
            self.host = host
            root = request.scratchDirectory + "/root"
            scratch = request.scratchDirectory + "/scratch"
            let data = Self.normalize(request.dataDirectory)
            let top = Self.components(data).first ?? ""
            hidesData =
                data != "/" && top != "tmp" && top != "proc"
                && host.rootEntries.contains { $0.name == top && $0.kind == .directory }
        }

        mutating func build() -> [String] {
            operate("tmpfs", request.scratchDirectory)
            operate("mkdir", root)
            operate("mkdir", scratch)
            // The entry holding the pod's directory first, so its recursive copy does not copy the others again.
            let own = Self.components(request.scratchDirectory).first ?? ""
            let entries = host.rootEntries.sorted { ($0.name != own ? 1 : 0, $0.name) < ($1.name != own ? 1 : 0, $1.name) }
            for entry in entries where !Self.skipped.contains(entry.name) {
                switch entry.kind {
                case .directory:
                    operate("mkdir", root + "/" + entry.name)
                    operate("rbind-ro", "/" + entry.name, root + "/" + entry.name)
                case .symlink(let target):
                    operate("symlink", target, root + "/" + entry.name)
                case .file:
                    continue
                }
            }
            for name in ["proc", "tmp"] {
                operate("mkdir", root + "/" + name)
                created["/" + name] = .directory
            }
            operate("bind", request.tmpDirectory, root + "/tmp")
            if hidesData {
                let data = Self.normalize(request.dataDirectory)
                operate("tmpfs", root + data)
                created[data] = .directory
            }
            let cwd = request.workingDirectory.map(Self.normalize) ?? SandboxPlan.defaultWorkingDirectory
            workingDirectory = cwd
            if kind(cwd) == nil {
                ensureDirectory(cwd)
                operate("bind", request.workDirectory, root + cwd)
            }
            for mount in request.mounts.sorted(by: { Self.components($0.mountPath).count < Self.components($1.mountPath).count }) {
                let requested = Self.normalize(mount.mountPath)
                // Under /tmp and /proc the sandbox's own directories are seen, not the machine's links.
                let target = ["tmp", "proc"].contains(Self.components(requested).first ?? "")
                    ? requested : Self.normalize(host.resolve(requested))
                guard target != "/" else { continue }
                if host.kind(mount.source) == .file {
                    ensureFile(target)
                } else {
                    ensureDirectory(target)
                }
                operate(mount.readOnly ? "bind-ro" : "bind", mount.source, root + target)
            }
            for overlay in overlays.reversed() { operate("readonly", root + overlay) }
            if hidesData { operate("readonly", root + Self.normalize(request.dataDirectory)) }
            operate("readonly", request.scratchDirectory)
            return operations
        }

        /// Top-level entries the sandbox provides itself.
        static let skipped: Set<String> = ["proc", "tmp", "lost+found"]

        /// The kind of `path` as the sandboxed process will see it (before volumes are bound).
        func kind(_ path: String) -> PathKind? {
            if path == "/" { return .directory }
            if let made = created[path] { return made }
            let parts = Self.components(path)
            let top = parts[0]
            if top == "tmp" {
                return host.kind(([request.tmpDirectory] + parts.dropFirst()).joined(separator: "/"))
            }
            if top == "proc" || Self.skipped.contains(top) { return nil }
            if hidesData, Self.isWithin(path, Self.normalize(request.dataDirectory)) { return nil }
            guard host.rootEntries.contains(where: { $0.name == top && $0.kind != .file }) else { return nil }
            return host.kind(path)
        }

        /// Whether a new entry can be made directly in directory `path` (scratch space or the pod's own `tmp/`).
        func isWritable(_ path: String) -> Bool {
            if path == "/" || created[path] != nil || overlays.contains(path) { return true }
            if Self.isWithin(path, "/tmp") { return true }
            if hidesData, Self.isWithin(path, Self.normalize(request.dataDirectory)) { return true }
            return false
        }

        mutating func ensureDirectory(_ path: String) {
            if kind(path) != nil { return }
            let parent = Self.parent(of: path)
            ensureDirectory(parent)
            makeRoom(in: parent)
            operate("mkdir", root + path)
            created[path] = .directory
        }

        mutating func ensureFile(_ path: String) {
            if kind(path) != nil { return }
            let parent = Self.parent(of: path)
            ensureDirectory(parent)
            makeRoom(in: parent)
            operate("touch", root + path)
            created[path] = .file
        }

        /// Covers host directory `directory` with an overlay unless entries can already be made in it.
        private mutating func makeRoom(in directory: String) {
            guard !isWritable(directory) else { return }
            let layer = scratch + "/\(overlays.count)"
            operate("mkdir", layer)
            operate("overlay", directory, layer + "/upper", layer + "/work", root + directory)
            overlays.append(directory)
        }

        private mutating func operate(_ name: String, _ operands: String...) {
            operations += ["--op", name] + operands
        }

        static func normalize(_ path: String) -> String {
            "/" + components(path).joined(separator: "/")
        }

        static func components(_ path: String) -> [String] {
            path.split(separator: "/").map(String.init).filter { $0 != "." }
        }

        static func parent(of path: String) -> String {
            let parts = components(path)
            return "/" + parts.dropLast().joined(separator: "/")
        }

        static func isWithin(_ path: String, _ directory: String) -> Bool {
            path == directory || path.hasPrefix(directory == "/" ? "/" : directory + "/")
        }
    }
}
