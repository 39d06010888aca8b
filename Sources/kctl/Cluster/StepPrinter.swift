/// kind-style progress lines for `kctl cluster create`. Pure: it returns the text to write; on a terminal a step is
/// shown as ` • Step ...` while it runs and rewritten in place as ` ✓ Step` (or ` ✗ Step`) when it ends; off a
/// terminal step lines are not shown at all.
struct StepPrinter: Sendable {
    /// Whether standard output is a terminal.
    let isTerminal: Bool

    /// `Creating cluster "NAME" ...` (terminal only).
    func header(cluster: String) -> String {
        isTerminal ? "Creating cluster \"\(cluster)\" ...\n" : ""
    }

    /// The text when a step starts.
    func started(_ step: String) -> String {
        isTerminal ? " • \(step)  ..." : ""
    }

    /// The text when a step ends: ` ✓ Step` or ` ✗ Step`, replacing the started line.
    func finished(_ step: String, success: Bool) -> String {
        isTerminal ? "\r\u{1B}[K \(success ? "✓" : "✗") \(step)\n" : ""
    }

    /// The closing lines: the context line always, the hint on a terminal only.
    func done(context: String) -> String {
        var text = "Set kubectl context to \"\(context)\"\n"
        if isTerminal {
            text += "You can now use your cluster with:\n\nkctl get nodes --context \(context)\n\nHave a nice day! 👋\n"
        }
        return text
    }

    /// The create steps, by name.
    static let startingControlPlane = "Starting control plane 🕹️"
    static func joiningNodes(_ count: Int) -> String { "Joining nodes (\(count))" }
    static let waitingForReady = "Waiting for nodes to be Ready"
}
