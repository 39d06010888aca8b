import Foundation

/// The processes a test cluster leaves when its kubelets stop abruptly: the sandbox launchers of its pods (their
/// command lines name the cluster's data directory) and everything below them, including a PID namespace's init,
/// whose command line is rewritten to `kcluster-init` and which outlives the launcher that started it.
public enum LeftoverProcesses {
    /// Sends SIGKILL to every live process whose command line mentions `path`, and to all their descendants.
    public static func kill(mentioning path: String) {
        let table = processTable()
        var doomed = Set(table.filter { $0.commandLine.contains(path) }.map(\.pid))
        guard !doomed.isEmpty else { return }
        var grew = true
        while grew {
            grew = false
            for entry in table where !doomed.contains(entry.pid) && doomed.contains(entry.parent) {
                doomed.insert(entry.pid)
                grew = true
            }
        }
        for pid in doomed where pid != getpid() { Foundation.kill(pid, SIGKILL) }
    }

    private struct Entry {
        var pid: pid_t
        var parent: pid_t
        var commandLine: String
    }

    /// Every process: pid, parent pid (from `/proc/PID/stat`, after the command name) and command line.
    private static func processTable() -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name -> Entry? in
            guard let pid = pid_t(name),
                let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, let parent = pid_t(fields[1]) else { return nil }
            let commandLine = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
                .map { String(decoding: $0, as: UTF8.self) } ?? ""
            return Entry(pid: pid, parent: parent, commandLine: commandLine)
        }
    }
}
