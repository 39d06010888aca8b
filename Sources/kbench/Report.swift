/// One measured figure of the report: what, its target, the measured value and whether the target was met.
struct Figure: Sendable {
    /// Whether the target was met.
    enum Verdict: Sendable {
        case met
        /// Met, with a note beside it (how a figure measured "beside" another compares with it).
        case metNoting(String)
        /// Missed, with a short reason.
        case missed(String)
        /// Informational: no target applies.
        case noTarget
        /// Not measured, with the reason.
        case notMeasured(String)
    }

    var what: String
    var target: String
    var measured: String
    var verdict: Verdict

    /// `met` when `value <= limit`, else `missed` with `why`.
    static func judged(
        _ what: String, target: String, measured: String, value: Double?, limit: Double, why: @autoclosure () -> String
    ) -> Figure {
        guard let value else {
            return Figure(what: what, target: target, measured: measured, verdict: .notMeasured("no samples"))
        }
        return Figure(what: what, target: target, measured: measured, verdict: value <= limit ? .met : .missed(why()))
    }
}

/// The figures and notes of one benchmark.
struct Section: Sendable {
    var title: String
    var figures: [Figure] = []
    /// Set for a section that stands as a block of its own (``ReportBlock``), outside the main figures table.
    var marker: String? = nil
    /// How it was measured, and details behind the figures (breakdowns, per-run values).
    var notes: [String] = []
}

/// The Markdown report: machine, date, build, then every figure against its target. Pure.
struct Report: Sendable {
    var machine: MachineInfo
    var mode: String
    var sections: [Section]

    func markdown() -> String {
        var lines = [
            "# Benchmarks",
            "",
            "Measured by `scripts/bench` (`kbench --write BENCHMARKS.md`), in one run, against the project's",
            "performance targets (each row names its target), with release binaries unless the build row says otherwise. Times of cluster",
            "state come from the arrival of watch events at kbench (over the wire protocol), not from polling;",
            "`kctl cluster create` is timed as the command's wall time. min/median/max and p50/p99 are",
            "nearest-rank over the samples (n). Re-run `scripts/bench` when the hot paths change;",
            "`scripts/bench --quick` is a smoke run.",
            "",
            "## Machine",
            "",
            "| | |",
            "| --- | --- |",
        ]
        lines += machine.rows.map { "| \($0.0) | \($0.1) |" }
        lines.append("| run | \(mode) |")
        lines += ["", "## Figures", "", "| what | target | measured | verdict |", "| --- | --- | --- | --- |"]
        for figure in sections.filter({ $0.marker == nil }).flatMap(\.figures) {
            lines.append("| \(figure.what) | \(figure.target) | \(figure.measured) | \(Self.text(figure.verdict)) |")
        }
        for section in sections where !section.notes.isEmpty && section.marker == nil {
            lines += ["", "## \(section.title)", ""]
            lines += section.notes.map { "- \($0)" }
        }
        for section in sections {
            if let marker = section.marker { lines += ["", ReportBlock.markdown(section, marker: marker)] }
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }

    static func text(_ verdict: Figure.Verdict) -> String {
        switch verdict {
        case .met: return "met"
        case .metNoting(let note): return "met (\(note))"
        case .missed(let why): return "**missed**: \(why)"
        case .noTarget: return "—"
        case .notMeasured(let why): return "not measured: \(why)"
        }
    }

    /// Whether any figure failed to be measured because of an error.
    var hasFailures: Bool {
        sections.flatMap(\.figures).contains {
            if case .notMeasured(let why) = $0.verdict { return why.hasPrefix("failed") }
            return false
        }
    }
}
