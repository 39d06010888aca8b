import Foundation

/// How much of a sandbox this node can build around container processes and `exec`s (asked once, of the
/// launcher: `kubeletd __sandbox --probe`).
enum SandboxMode: String, Sendable, Hashable {
    /// Root with `CAP_SYS_ADMIN` (process-mode clusters): a mount namespace with the machine read-only and only
    /// the pod's directories writable, a PID namespace per run, and the pod's own unprivileged user.
    case namespaces
    /// Root without it (a kubeletd inside a docker-mode node container, which is itself the isolation): the pod's
    /// unprivileged user only.
    case user
    /// Not root: processes run as kubeletd's user, without a sandbox.
    case none

    /// Asks `helper` (the kubeletd executable) what it can build; `.none` when it cannot tell.
    static func detect(helper: String) -> SandboxMode {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: helper)
        process.arguments = [SandboxPlan.subcommand, "--probe", "--", "/bin/true", "true"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .none
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let word = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return SandboxMode(rawValue: word) ?? .none
    }
}

/// The unprivileged user a pod's processes run as: one per pod, derived from the pod's UID, in
/// `200000 ..< 300000` (outside the ranges distributions give to users and services), so that pods cannot signal
/// each other's processes; the group has the same number.
struct PodUser: Sendable, Hashable {
    static let first: UInt32 = 200_000
    static let count: UInt32 = 100_000

    var uid: UInt32
    var gid: UInt32 { uid }

    /// The user of the pod whose UID is `podUID`.
    init(podUID: String) {
        let hash = UInt32(StableHash.hex64(podUID).prefix(8), radix: 16) ?? 0
        uid = Self.first + hash % Self.count
    }
}
