import ArgumentParser
import Foundation

/// `kbench`: measures the project against the project's performance targets in one run and prints (or writes) BENCHMARKS.md.
///
/// It starts real `controlplane` and `kubeletd` processes (the ones next to its own executable, or `--bin-dir`) on
/// loopback addresses, takes its timestamps from watch events, bounds every wait, and stops every child process by
/// pid when each benchmark ends, when the run ends, and when it is interrupted.
@main
struct KBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kbench",
        abstract: "Measure cluster create, node join, node faults, kubeletd memory, pod create rate and the HTTPS API.",
        discussion: "Prints a Markdown report on stdout (progress on stderr); --write also writes it to a file.")

    @Flag(help: "A smoke run: fewer repetitions, joins and creates.")
    var quick = false

    @Option(help: "Write the report to this file (e.g. BENCHMARKS.md).")
    var write: String?

    @Option(help: "Directory holding controlplane, kubeletd and kctl (default: next to kbench).")
    var binDir: String?

    @Option(help: "A note on the build for the report (e.g. the compiler version).")
    var buildNote: String?

    @Option(help: "Benchmarks to run, comma-separated: create, join, faults, creates, rollout, https (default: all).")
    var only: String?

    @Flag(help: "Also measure `kctl cluster create --runtime docker`.")
    var docker = false

    @Flag(help: "Keep the work directory (logs, data directories) instead of removing it.")
    var keepWorkDir = false

    static let benchmarkNames = ["create", "join", "faults", "creates", "rollout", "https"]

    func validate() throws {
        let unknown = selected.filter { !Self.benchmarkNames.contains($0) }
        guard unknown.isEmpty else {
            throw ValidationError("unknown benchmark \(unknown.joined(separator: ", ")); choose from "
                + Self.benchmarkNames.joined(separator: ", "))
        }
    }

    private var selected: [String] {
        only.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? Self.benchmarkNames
    }

    func run() async throws {
        let interruptSources = InterruptHandler.install()
        defer { interruptSources.forEach { $0.cancel() } }
        let date = Date()
        let binaries = try Binaries.locate(directory: binDir)
        var machine = MachineInfo.current(date: date, binaries: binaries, buildNote: buildNote)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kbench-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        var plan = quick ? BenchPlan.quick : BenchPlan.full
        plan.docker = docker
        let context = BenchContext(binaries: binaries, workDirectory: work, plan: plan)
        context.log("binaries in \(binaries.directory.path); work directory \(work.path)")

        var sections: [Section] = []
        for name in selected {
            context.log("--- \(name)")
            switch name {
            case "create": sections.append(await ClusterCreateBench(context: context).run())
            case "join": sections.append(await JoinBench(context: context).run())
            case "faults": sections.append(await FaultBench(context: context).run())
            case "rollout": sections.append(await RollingUpdateBench(context: context).run())
            case "https": sections.append(await HTTPSBench(context: context).run())
            default: sections.append(await CreateRateBench(context: context).run())
            }
            await ProcessRegistry.shared.stopAll()
        }
        sections.append(Self.notCovered)
        machine.loadAverageAtEnd = MachineInfo.currentLoadAverage()

        let report = Report(
            machine: machine,
            mode: quick ? "quick (`--quick`: a smoke run with fewer samples)" : "full", sections: sections)
        let text = report.markdown()
        print(text, terminator: "")
        if let write {
            let blocks = sections.filter { $0.figures.isEmpty == false && $0.title != Self.notCovered.title }
            if only != nil, !blocks.isEmpty, blocks.allSatisfy({ $0.marker != nil }),
                let existing = try? String(contentsOfFile: write, encoding: .utf8)
            {
                // Only self-contained blocks were run: replace them in the existing report, keep the rest.
                let preface = ["Run alone (`kbench --only \(only ?? "")`) at \(machine.date) on \(machine.rows[1].1); "
                    + "\(machine.build); load average \(machine.loadAverage) at the start, "
                    + "\(machine.loadAverageAtEnd) at the end (other work on the machine shows here)."]
                let spliced = blocks.reduce(existing) { text, section in
                    ReportBlock.splice(
                        ReportBlock.markdown(section, marker: section.marker ?? "", preface: preface),
                        marker: section.marker ?? "", into: text)
                }
                try spliced.write(toFile: write, atomically: true, encoding: .utf8)
                context.log("replaced the \(blocks.map(\.title).joined(separator: ", ")) block(s) in \(write)")
            } else {
                try text.write(toFile: write, atomically: true, encoding: .utf8)
                context.log("wrote \(write)")
            }
        }
        if report.hasFailures || keepWorkDir {
            context.log("work directory kept: \(work.path)")
        } else {
            try? FileManager.default.removeItem(at: work)
        }
        if report.hasFailures { throw ExitCode(1) }
    }

    /// Performance targets this command does not measure.
    static let notCovered = Section(title: "Not covered", figures: [
        Figure(what: "virtual nodes with live 1 s heartbeats, DaemonSet converged", target: "5,000 on 2 cores",
               measured: "—", verdict: .notMeasured("kubeletd has no hollow mode (`--virtual-nodes`) yet")),
    ])
}
