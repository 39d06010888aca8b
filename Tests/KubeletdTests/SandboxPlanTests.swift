import Foundation
import Testing

@testable import Kubeletd

/// ``SandboxPlan``: the launcher's mounts keep the machine read-only and only the pod's directories writable.
@Suite struct SandboxPlanTests {
    static let directories: Set<String> = [
        "/", "/etc", "/usr", "/usr/bin", "/opt", "/var", "/var/lib", "/var/lib/kc", "/var/lib/kc/pods",
        "/var/lib/kc/pods/p", "/var/lib/kc/pods/p/tmp", "/var/lib/kc/pods/p/workdir", "/var/lib/kc/pods/p/vol",
        "/var/lib/kc/pods/p/sandbox", "/dev",
    ]
    static let host = SandboxPlan.HostView(
        kind: { path in
            if directories.contains(path) { return .directory }
            return path == "/var/lib/kc/pods/p/file.conf" || path == "/etc/hosts" ? .file : nil
        },
        rootEntries: [
            ("etc", .directory), ("usr", .directory), ("opt", .directory), ("var", .directory), ("dev", .directory),
            ("proc", .directory), ("tmp", .directory), ("bin", .symlink(target: "usr/bin")), ("vmlinuz", .file),
        ])

    static func request(
        mode: SandboxMode = .namespaces, mounts: [ContainerMount] = [], workingDirectory: String? = nil
    ) -> SandboxPlan.Request {
        SandboxPlan.Request(
            mode: mode, user: PodUser(podUID: "uid-p"), executable: "/bin/busybox", argv: ["sh", "-c", "x"],
            tty: false, workDirectory: "/var/lib/kc/pods/p/workdir", tmpDirectory: "/var/lib/kc/pods/p/tmp",
            scratchDirectory: "/var/lib/kc/pods/p/sandbox", dataDirectory: "/var/lib/kc", mounts: mounts,
            workingDirectory: workingDirectory)
    }

    /// The `--op` operations of `arguments`, each as its words.
    static func operations(_ arguments: [String]) -> [[String]] {
        var result: [[String]] = []
        var index = 0
        let arity = ["tmpfs": 1, "mkdir": 1, "touch": 1, "readonly": 1, "symlink": 2, "rbind-ro": 2, "bind": 2, "bind-ro": 2, "overlay": 4]
        while index < arguments.count, arguments[index] != "--" {
            if arguments[index] == "--op", let count = arity[arguments[index + 1]] {
                result.append(Array(arguments[(index + 1)...(index + 1 + count)]))
                index += 2 + count
            } else {
                index += 1
            }
        }
        return result
    }

    @Test("the machine is bound read-only; /tmp and the working directory are the pod's; the data directory is hidden")
    func layout() {
        let plan = SandboxPlan(Self.request(), host: Self.host)
        let operations = Self.operations(plan.arguments)
        let root = "/var/lib/kc/pods/p/sandbox/root"
        #expect(operations.first == ["tmpfs", "/var/lib/kc/pods/p/sandbox"])
        // The top-level entry holding the pod comes first; every other directory follows, read-only.
        let binds = operations.filter { $0[0] == "rbind-ro" }.map { $0[1] }
        #expect(binds == ["/var", "/dev", "/etc", "/opt", "/usr"])
        #expect(operations.contains(["symlink", "usr/bin", root + "/bin"]))
        #expect(!operations.contains { $0.contains("/proc") && $0[0] == "rbind-ro" })
        #expect(operations.contains(["bind", "/var/lib/kc/pods/p/tmp", root + "/tmp"]))
        #expect(operations.contains(["bind", "/var/lib/kc/pods/p/workdir", root + "/workdir"]))
        #expect(operations.contains(["tmpfs", root + "/var/lib/kc"]))
        #expect(operations.last == ["readonly", "/var/lib/kc/pods/p/sandbox"])
        // Writable binds are exactly the pod's own directories.
        let writable = operations.filter { $0[0] == "bind" }.map { $0[1] }
        #expect(writable.allSatisfy { $0.hasPrefix("/var/lib/kc/pods/p/") }, "\(writable)")
        let tail = Array(plan.arguments.drop { $0 != "--proc" })
        #expect(tail == [
            "--proc", root + "/proc", "--root", root, "--cwd", "/workdir", "--uid", "\(PodUser(podUID: "uid-p").uid)",
            "--gid", "\(PodUser(podUID: "uid-p").uid)", "--nproc", "1024", "--", "/bin/busybox", "sh", "-c", "x",
        ])
        #expect(plan.startDirectory == "/")
    }

    @Test("a volume under a missing directory of the machine gets an overlay that is made read-only after")
    func volumes() {
        let mounts = [
            ContainerMount(volume: "config", source: "/var/lib/kc/pods/p/vol", mountPath: "/etc/filebeat/conf.d", readOnly: true),
            ContainerMount(volume: "data", source: "/var/lib/kc/pods/p/vol", mountPath: "/data", readOnly: false),
            ContainerMount(volume: "file", source: "/var/lib/kc/pods/p/file.conf", mountPath: "/opt/app.conf", readOnly: true),
            ContainerMount(volume: "hosts", source: "/var/lib/kc/pods/p/file.conf", mountPath: "/etc/hosts", readOnly: true),
        ]
        let operations = Self.operations(SandboxPlan(Self.request(mounts: mounts), host: Self.host).arguments)
        let root = "/var/lib/kc/pods/p/sandbox/root"
        let scratch = "/var/lib/kc/pods/p/sandbox/scratch"
        func position(_ operation: [String]) -> Int? { operations.firstIndex(of: operation) }
        // /data: directly in the new root (a tmpfs); bound writable.
        #expect(position(["mkdir", root + "/data"]) != nil)
        #expect(position(["bind", "/var/lib/kc/pods/p/vol", root + "/data"]) != nil)
        // /etc/filebeat/conf.d: an overlay over /etc, two directories in it, bound read-only, /etc sealed after.
        // Volumes are bound shallowest first: /opt's overlay is the first layer, /etc's the second.
        let overlay = position(["overlay", "/etc", scratch + "/1/upper", scratch + "/1/work", root + "/etc"])
        let made = position(["mkdir", root + "/etc/filebeat/conf.d"])
        let bound = position(["bind-ro", "/var/lib/kc/pods/p/vol", root + "/etc/filebeat/conf.d"])
        let sealed = position(["readonly", root + "/etc"])
        #expect(overlay != nil && made != nil && bound != nil && sealed != nil)
        if let overlay, let made, let bound, let sealed { #expect(overlay < made && made < bound && bound < sealed) }
        // A file mount point: touched in an overlay over /opt; an existing file is bound over as it is.
        #expect(position(["touch", root + "/opt/app.conf"]) != nil)
        #expect(position(["readonly", root + "/opt"]) != nil)
        #expect(position(["bind-ro", "/var/lib/kc/pods/p/file.conf", root + "/etc/hosts"]) != nil)
        #expect(!operations.contains { $0[0] == "touch" && $0[1] == root + "/etc/hosts" })
        // Nothing is ever created on the machine's own directories.
        for operation in operations where ["mkdir", "touch"].contains(operation[0]) {
            #expect(operation[1].hasPrefix("/var/lib/kc/pods/p/sandbox/"), "\(operation)")
        }
    }

    @Test("a mount path through a link of the machine is made where the link leads (the token at /var/run/secrets)")
    func mountPathThroughALink() throws {
        var host = Self.host
        let kind = host.kind
        host.kind = { path in path == "/run" ? .directory : kind(path) }
        host.rootEntries.append(("run", .directory))
        host.resolve = { path in path.hasPrefix("/var/run/") ? "/run/" + path.dropFirst("/var/run/".count) : path }
        let mount = ContainerMount(
            volume: "kube-api-access-x", source: "/var/lib/kc/pods/p/vol",
            mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true)
        let operations = Self.operations(SandboxPlan(Self.request(mounts: [mount]), host: host).arguments)
        let root = "/var/lib/kc/pods/p/sandbox/root"
        #expect(operations.contains(["bind-ro", "/var/lib/kc/pods/p/vol", root + "/run/secrets/kubernetes.io/serviceaccount"]))
        #expect(operations.contains(["mkdir", root + "/run/secrets/kubernetes.io/serviceaccount"]))
        #expect(!operations.contains { $0.contains { $0.hasPrefix(root + "/var/run") } }, "\(operations)")
        // /tmp is the pod's own: never resolved on the machine.
        host.resolve = { _ in "/elsewhere" }
        let tmp = ContainerMount(volume: "v", source: "/var/lib/kc/pods/p/vol", mountPath: "/tmp/x", readOnly: true)
        let tmpOperations = Self.operations(SandboxPlan(Self.request(mounts: [tmp]), host: host).arguments)
        #expect(tmpOperations.contains(["bind-ro", "/var/lib/kc/pods/p/vol", root + "/tmp/x"]))
    }

    @Test("resolving a path follows the links of its existing part and keeps the rest")
    func resolvingOnTheMachine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("resolve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("real"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent("link").path, withDestinationPath: "real")
        let real = SandboxLauncher.resolved(directory.appendingPathComponent("real").path)
        #expect(SandboxLauncher.resolved(directory.appendingPathComponent("link/secrets/token").path)
            == real + "/secrets/token")
        #expect(SandboxLauncher.resolved(directory.appendingPathComponent("link").path) == real)
        #expect(SandboxLauncher.resolved("/") == "/")
    }

    @Test("an existing working directory is used as it is; a missing one is the pod's workdir")
    func workingDirectory() {
        let existing = SandboxPlan(Self.request(workingDirectory: "/usr"), host: Self.host)
        #expect(!Self.operations(existing.arguments).contains { $0[0] == "bind" && $0.last?.hasSuffix("/usr") == true })
        #expect(existing.arguments.contains("/usr"))
        let missing = Self.operations(SandboxPlan(Self.request(workingDirectory: "/srv/app"), host: Self.host).arguments)
        #expect(missing.contains(["bind", "/var/lib/kc/pods/p/workdir", "/var/lib/kc/pods/p/sandbox/root/srv/app"]))
    }

    @Test("an exec joins its container's PID namespace through the container's launcher")
    func joinsTheContainer() {
        var request = Self.request()
        request.joinPID = 4242
        let arguments = SandboxPlan(request, host: Self.host).arguments
        #expect(Array(arguments[1...3]) == ["--namespaces", "--join-pid", "4242"])
        #expect(!SandboxPlan(Self.request(), host: Self.host).arguments.contains("--join-pid"))
        request.mode = .user
        #expect(!SandboxPlan(request, host: Self.host).arguments.contains("--join-pid"))
    }

    @Test("without namespaces: the pod's user in its workdir (user), or kubeletd's user (none)")
    func degradedModes() {
        let user = SandboxPlan(Self.request(mode: .user), host: Self.host)
        #expect(user.arguments == [
            "__sandbox", "--cwd", "/var/lib/kc/pods/p/workdir", "--uid", "\(PodUser(podUID: "uid-p").uid)", "--gid",
            "\(PodUser(podUID: "uid-p").uid)", "--nproc", "1024", "--", "/bin/busybox", "sh", "-c", "x",
        ])
        #expect(user.startDirectory == "/var/lib/kc/pods/p/workdir")
        let none = SandboxPlan(Self.request(mode: .none), host: Self.host)
        #expect(!none.arguments.contains("--uid"))
    }

    @Test("pod users: stable per pod, unprivileged, different for different pods")
    func podUsers() {
        let users = (0..<200).map { PodUser(podUID: "uid-\($0)").uid }
        #expect(users.allSatisfy { $0 >= 200_000 && $0 < 300_000 })
        #expect(Set(users).count > 190)
        #expect(PodUser(podUID: "a").uid == PodUser(podUID: "a").uid)
    }
}
