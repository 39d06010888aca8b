/// The text sink of every describer: kubectl's `PrefixWriter` over a `text/tabwriter`, in one small value type.
///
/// kubectl's describers write `\t`-separated text at indentation levels (two spaces per level, added only at the
/// start of each write, as kubectl's `prefixWriter` does) into a tab writer initialised with minimum width 0,
/// tab width 8, padding 2 and pad character space (`tabbedString` in `describe.go`). A cell is the text before a
/// tab; consecutive lines having a cell in the same column form a block whose width is its widest cell plus 2.
/// ``flush()`` ends the current blocks, as `Flush` does before the events table.
///
/// Pure: writes accumulate in memory and ``render()`` aligns them with ``TableWriter``'s tab-writer algorithm.
struct DescribeWriter: Sendable {
    /// The text written so far, one element per flushed segment (the last one still open).
    private var segments: [String] = [""]

    init() {}

    /// Writes `text` after `level` indentation steps of two spaces (kubectl's `Write(level, format, ...)`).
    mutating func write(_ level: Int, _ text: String) {
        segments[segments.count - 1] += String(repeating: "  ", count: max(0, level)) + text
    }

    /// Writes `text` and a newline with no indentation (kubectl's `WriteLine`).
    mutating func writeLine(_ text: String = "") {
        segments[segments.count - 1] += text + "\n"
    }

    /// Ends the current column blocks: text written after a flush is aligned on its own.
    mutating func flush() {
        segments.append("")
    }

    /// The aligned output.
    func render() -> String {
        segments.map(Self.align).joined()
    }

    /// The text as written, tabs kept: kubectl's `PrefixWriter` straight over a buffer, as `kubectl rollout history
    /// --revision` prints a pod template.
    func unaligned() -> String {
        segments.joined()
    }

    /// Aligns one segment as Go's tab writer does on `Flush`; a trailing partial line is kept without a newline.
    private static func align(_ segment: String) -> String {
        guard !segment.isEmpty else { return "" }
        var lines = segment.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let endsWithNewline = lines.last == ""
        if endsWithNewline { lines.removeLast() }
        var table = TableWriter()
        table.minWidth = 0
        table.padding = 2
        var output = table.format(lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) })
        if !endsWithNewline, output.hasSuffix("\n") { output.removeLast() }
        return output
    }
}
