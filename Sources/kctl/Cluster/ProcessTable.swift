import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `/proc` says about processes: whether one is alive, its command line, and which processes belong to a
/// cluster's directory. On systems without `/proc` only `kill(pid, 0)` is used.
enum ProcessTable {
    /// Whether `pid` is a live process: it exists and is not a zombie. Reaps it first if it is our exited child.
    static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { return false }
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        #if os(Linux)
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
            return state != "Z" && state != "X"
        #else
            return true
        #endif
    }

    /// The process's arguments (`argv`), or `nil` when it is gone or a zombie.
    static func commandLine(_ pid: Int32) -> [String]? {
        #if os(Linux)
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else {
                return nil
            }
            return data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
                String(decoding: $0, as: UTF8.self)
            }
        #else
            return nil
        #endif
    }

    /// Whether `pid` is alive and is the daemon kctl started for `marker` (its `--data-dir`): guards against
    /// signalling an unrelated process that reused a recorded pid. Without `/proc`, liveness alone.
    static func isDaemon(_ pid: Int32, dataDirectory marker: String) -> Bool {
        guard isAlive(pid) else { return false }
        #if os(Linux)
            return commandLine(pid)?.contains(marker) ?? false
        #else
            return true
        #endif
    }

    /// Live processes whose command name (`/proc/PID/comm`) is `name`, e.g. a `dockerd` someone started.
    static func pids(named name: String) -> [Int32] {
        #if os(Linux)
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return entries.compactMap { Int32($0) }.filter { pid in
                let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)
                return comm?.trimmingCharacters(in: .whitespacesAndNewlines) == name && isAlive(pid)
            }
        #else
            return []
        #endif
    }

    /// Live processes (other than this one) whose arguments or working directory lie under `directory`: a
    /// cluster's daemons and the container processes its nodes started.
    static func processes(under directory: String) -> [Int32] {
        #if os(Linux)
            let prefix = directory.hasSuffix("/") ? directory : directory + "/"
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            let me = getpid()
            return entries.compactMap { Int32($0) }.filter { pid in
                guard pid != me, isAlive(pid) else { return false }
                let arguments = commandLine(pid) ?? []
                if arguments.contains(where: { $0.hasPrefix(prefix) || $0 == directory }) { return true }
                let cwd = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")) ?? ""
                return cwd == directory || cwd.hasPrefix(prefix)
            }
        #else
            return []
        #endif
    }
}
