import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What /proc says about a process's memory and CPU time (Linux). Reads files only; nil when unavailable.
enum ProcessMemory {
    /// The whole of a /proc file (they report size 0, so `String(contentsOfFile:)` may stop after the first page).
    static func readProcFile(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The resident set size of process `pid` in bytes (VmRSS in /proc/PID/status).
    static func residentBytes(pid: Int32) -> Int? {
        statusBytes("VmRSS", pid: pid)
    }

    /// A `... kB` field of /proc/PID/status (`VmRSS`, `RssAnon`, `RssFile`), in bytes.
    static func statusBytes(_ key: String, pid: Int32) -> Int? {
        guard let status = readProcFile("/proc/\(pid)/status") else { return nil }
        return MachineInfo.field(key, in: status).flatMap(MachineInfo.kilobytes).map { $0 * 1024 }
    }

    /// The machine's CPU time so far, from the `cpu` line of /proc/stat, in clock ticks: (busy, total), where idle
    /// and iowait are not busy.
    static func machineTicks() -> (busy: Double, total: Double)? {
        guard let stat = readProcFile("/proc/stat"),
            let line = stat.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") })
        else { return nil }
        let values = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard values.count >= 5 else { return nil }
        let total = values.prefix(8).reduce(0, +)
        return (busy: total - values[3] - values[4], total: total)
    }

    /// The proportional set size of process `pid` in bytes (Pss in /proc/PID/smaps_rollup).
    static func proportionalBytes(pid: Int32) -> Int? {
        guard let rollup = readProcFile("/proc/\(pid)/smaps_rollup") else { return nil }
        return MachineInfo.field("Pss", in: rollup).flatMap(MachineInfo.kilobytes).map { $0 * 1024 }
    }

    /// User plus system CPU time used so far by process `pid` (nil: this process), in seconds, from /proc/PID/stat.
    static func cpuSeconds(pid: Int32? = nil) -> Double? {
        let path = "/proc/\(pid.map(String.init) ?? "self")/stat"
        guard let stat = readProcFile(path),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // After the command name: field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return ticks > 0 ? (user + system) / ticks : nil
    }

    /// Resident bytes per mapped file of process `pid` (anonymous mappings under `[anonymous]`), largest first,
    /// from /proc/PID/smaps.
    static func residentByFile(pid: Int32) -> [(file: String, bytes: Int)] {
        guard let smaps = readProcFile("/proc/\(pid)/smaps") else { return [] }
        var totals: [String: Int] = [:]
        var current = "[anonymous]"
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let first = fields.first, first.contains("-"), !first.hasSuffix(":") {
                // A mapping header: address range, perms, offset, device, inode, [path].
                current = fields.count >= 6 ? String(fields[5...].joined(separator: " ")) : "[anonymous]"
            } else if fields.first == "Rss:", fields.count >= 2, let kilobytes = Int(fields[1]) {
                totals[current, default: 0] += kilobytes * 1024
            }
        }
        return totals.map { (file: $0.key, bytes: $0.value) }.sorted { $0.bytes > $1.bytes }
    }
}
