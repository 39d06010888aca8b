import Foundation

/// A benchmark whose section stands as a block of its own in the report (its own heading, figure table and notes,
/// between `<!-- kbench:NAME -->` and `<!-- /kbench:NAME -->`), so that a run of that benchmark alone
/// (`kbench --only NAME --write FILE`) replaces just that block of an existing report. Pure.
enum ReportBlock {
    static func begin(_ marker: String) -> String { "<!-- kbench:\(marker) -->" }
    static func end(_ marker: String) -> String { "<!-- /kbench:\(marker) -->" }

    /// The block's Markdown: heading, `preface` lines, the figures' table, the notes.
    static func markdown(_ section: Section, marker: String, preface: [String] = []) -> String {
        var lines = [begin(marker), "## \(section.title)", ""]
        if !preface.isEmpty { lines += preface + [""] }
        lines += ["| what | target | measured | verdict |", "| --- | --- | --- | --- |"]
        for figure in section.figures {
            lines.append("| \(figure.what) | \(figure.target) | \(figure.measured) | \(Report.text(figure.verdict)) |")
        }
        if !section.notes.isEmpty { lines += [""] + section.notes.map { "- \($0)" } }
        lines.append(end(marker))
        return lines.joined(separator: "\n")
    }

    /// `existing` with its block `marker` replaced by `block`, or `block` appended when it has none.
    static func splice(_ block: String, marker: String, into existing: String) -> String {
        if let start = existing.range(of: begin(marker)),
            let stop = existing.range(of: end(marker), range: start.upperBound..<existing.endIndex)
        {
            return existing.replacingCharacters(in: start.lowerBound..<stop.upperBound, with: block)
        }
        let separator = existing.hasSuffix("\n\n") ? "" : existing.hasSuffix("\n") ? "\n" : "\n\n"
        return existing + separator + block + "\n"
    }
}
