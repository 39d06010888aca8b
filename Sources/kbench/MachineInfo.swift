import Foundation

/// The machine and build a run was measured on.
struct MachineInfo: Sendable {
    var processors: Int
    var cpuModel: String
    var memoryBytes: Int
    var kernel: String
    var date: String
    var build: String
    /// /proc/loadavg's 1, 5 and 15 minute averages when the run started, and when it ended.
    var loadAverage: String
    var loadAverageAtEnd = ""

    /// Reads /proc (Linux) and the process's own facts. `date` is the run's start.
    static func current(date: Date, binaries: Binaries, buildNote: String?) -> MachineInfo {
        let cpuinfo = ProcessMemory.readProcFile("/proc/cpuinfo") ?? ""
        let meminfo = ProcessMemory.readProcFile("/proc/meminfo") ?? ""
        let kernel = ProcessMemory.readProcFile("/proc/sys/kernel/osrelease") ?? "unknown"
        #if DEBUG
            let own = "debug"
        #else
            let own = "release"
        #endif
        var build = "\(binaries.configuration) binaries (kbench itself: \(own))"
        if let buildNote, !buildNote.isEmpty { build += "; \(buildNote)" }
        return MachineInfo(
            processors: ProcessInfo.processInfo.activeProcessorCount,
            cpuModel: field("model name", in: cpuinfo) ?? "unknown",
            memoryBytes: (field("MemTotal", in: meminfo).flatMap(kilobytes) ?? 0) * 1024,
            kernel: "Linux " + kernel.trimmingCharacters(in: .whitespacesAndNewlines),
            date: date.ISO8601Format(),
            build: build,
            loadAverage: currentLoadAverage())
    }

    /// The table rows of the report.
    var rows: [(String, String)] {
        [
            ("date (UTC)", date),
            ("CPU", "\(cpuModel), \(processors) processors (nproc)"),
            ("memory", "\(Samples.decimal(Double(memoryBytes) / 1_073_741_824, places: 1)) GiB"),
            ("kernel", kernel),
            ("build", build),
            ("load average (1, 5, 15 min)", "\(loadAverage) at the start, \(loadAverageAtEnd) at the end "
                + "(other work on the machine shows here)"),
        ]
    }

    /// /proc/loadavg's first three fields.
    static func currentLoadAverage() -> String {
        let fields = (ProcessMemory.readProcFile("/proc/loadavg") ?? "").split(separator: " ").prefix(3)
        return fields.isEmpty ? "unknown" : fields.joined(separator: " ")
    }

    /// The value of the first `key: value` line of a /proc file.
    static func field(_ key: String, in text: String) -> String? {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// `123456 kB` -> 123456.
    static func kilobytes(_ text: String) -> Int? {
        Int(text.split(separator: " ").first ?? "")
    }
}
