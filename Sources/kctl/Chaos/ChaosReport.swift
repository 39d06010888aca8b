/// A step as the run executed it.
struct ExecutedStep: Sendable, Equatable {
    /// When the schedule wanted it; nil for the healing steps at the end of the run.
    var planned: Duration?
    var started: Duration
    var finished: Duration
    var action: ChaosAction
    /// Why it failed, or nil when it succeeded.
    var error: String?
    /// What it did, when there is more to say (`2 daemonsets`).
    var note: String?

    /// `+1.234s  kill-node n2  ok` (planned time in brackets when the step started late).
    var line: String {
        var text = ChaosTime.offset(started)
        if let planned {
            if started - planned >= .milliseconds(100) { text += " (planned \(ChaosTime.offset(planned)))" }
        } else {
            text += " (healing)"
        }
        text += "  \(action.description)  "
        if let error { return text + "FAILED: \(error)" }
        return text + "ok" + (note.map { " (\($0))" } ?? "")
    }
}

/// Everything a chaos run prints at its end, and whether it passed. Pure.
struct ChaosReport: Sendable {
    var cluster: String
    var settings: ChaosSettings
    /// The command that replays the run.
    var replay: String
    var steps: [ExecutedStep]
    var tallies: [Invariant: InvariantChecker.Tally]
    var violations: [ChaosViolation]
    /// Problems of the run itself (a final check that could not be made, cleanup that failed).
    var problems: [String]
    var acknowledgedProbes: Int
    var unacknowledgedCreates: Int
    var relists: Int
    var staleTicks: Int
    /// How long the cluster took to converge after healing; nil when it did not.
    var convergedAfter: Duration?

    /// A run fails on any violation, any step that failed and any problem.
    var failed: Bool {
        !violations.isEmpty || steps.contains { $0.error != nil } || !problems.isEmpty
    }

    var text: String {
        var lines = ["", "chaos report for cluster \"\(cluster)\"", settings.summary, "replay: \(replay)", ""]
        lines.append("schedule as executed (\(steps.count) steps):")
        lines += steps.isEmpty ? ["  (none)"] : steps.map { "  " + $0.line }
        lines.append("")
        lines.append(Self.pad(["invariant", "checks", "subjects", "violations"]))
        for invariant in Invariant.allCases {
            let tally = tallies[invariant] ?? InvariantChecker.Tally()
            lines.append(
                Self.pad([invariant.rawValue, String(tally.checks), String(tally.subjects), String(tally.violations)]))
        }
        lines.append("")
        lines.append(
            "probe objects: \(Self.count(acknowledgedProbes, "acknowledged create")) checked, "
                + "\(Self.count(unacknowledgedCreates, "create")) not acknowledged (not checked)")
        lines.append(
            "view: listed \(Self.count(relists, "time")) (relisted after each broken watch), "
                + "\(Self.count(staleTicks, "check")) skipped while it was stale")
        lines.append(
            convergedAfter.map { "converged \(ChaosTime.text($0)) after healing" } ?? "did not converge after healing")
        lines.append("")
        let failedSteps = steps.filter { $0.error != nil }
        if !failedSteps.isEmpty {
            lines.append("failed steps (\(failedSteps.count)):")
            lines += failedSteps.map { "  " + $0.line }
        }
        if !problems.isEmpty {
            lines.append("problems (\(problems.count)):")
            lines += problems.map { "  " + $0 }
        }
        if violations.isEmpty {
            lines.append("no violations")
        } else {
            lines.append("violations (\(violations.count)):")
            lines += violations.sorted { $0.time < $1.time }.map { "  " + $0.line }
        }
        lines.append(failed ? "FAILED" : "PASSED")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `1 check`, `2 checks`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    private static func pad(_ cells: [String]) -> String {
        let widths = [28, 8, 10, 10]
        return "  " + zip(cells, widths).map { cell, width in
            cell + String(repeating: " ", count: max(1, width - cell.count))
        }.joined().trimmingSuffixSpaces()
    }
}

extension String {
    /// The string without trailing spaces.
    fileprivate func trimmingSuffixSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
