/// Aligns rows of cells into columns exactly as kubectl's tab writer does.
///
/// kubectl writes each row as tab-separated cells into Go's `text/tabwriter` (its `liggitt/tabwriter` fork) with
/// minimum width 6, padding 3 and pad character space. The rules, reproduced here:
/// - every cell but the last of a line belongs to a column; a column's width is the widest cell in a contiguous
///   block of lines having that column, plus the padding, and at least the minimum width;
/// - cells are left-aligned and padded with spaces to the column width; the last cell of a line is written as is,
///   so a line only ends in spaces when its last cell is empty;
/// - widths count Unicode scalars (Go counts runes).
///
/// With ``remembersWidths`` (kubectl's `RememberWidths` flag, used by `get -w`), widths seen in earlier calls to
/// ``format(_:)`` are kept per column index and only ever grow.
struct TableWriter: Sendable {
    /// Minimal width of a column cell, padding included.
    var minWidth = 6
    /// Spaces added to the widest cell of a column.
    var padding = 3
    /// Whether column widths persist (and only grow) across calls to ``format(_:)``.
    var remembersWidths: Bool
    /// The widest width seen per column index so far (only maintained when ``remembersWidths`` is set).
    private(set) var rememberedWidths: [Int] = []

    /// Creates a writer; pass `remembersWidths: true` for watch output.
    init(remembersWidths: Bool = false) {
        self.remembersWidths = remembersWidths
    }

    /// Renders a table: the header line followed by the rows, each line ending in `"\n"`.
    ///
    /// kubectl prints the header only when there is at least one row, so no rows gives `""`.
    static func render(header: [String], rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "" }
        var writer = TableWriter()
        return writer.format([header] + rows)
    }

    /// Formats lines of cells (each line's last cell is not part of a column), each line ending in `"\n"`.
    mutating func format(_ lines: [[String]]) -> String {
        var state = FormatState(
            lines: lines.map { $0.map { Cell(text: $0, width: $0.unicodeScalars.count) } }, minWidth: minWidth,
            padding: padding, remember: remembersWidths, maxWidths: rememberedWidths)
        state.format(line0: 0, line1: lines.count)
        rememberedWidths = state.maxWidths
        return state.output
    }
}

/// One cell's text and display width.
private struct Cell {
    let text: String
    let width: Int
}

/// The recursive column-block algorithm of Go's `tabwriter.Writer.format`.
private struct FormatState {
    let lines: [[Cell]]
    let minWidth: Int
    let padding: Int
    let remember: Bool
    var maxWidths: [Int]
    /// Widths of the columns of the enclosing blocks (a stack, as in Go).
    var widths: [Int] = []
    var output = ""

    init(lines: [[Cell]], minWidth: Int, padding: Int, remember: Bool, maxWidths: [Int]) {
        self.lines = lines
        self.minWidth = minWidth
        self.padding = padding
        self.remember = remember
        self.maxWidths = maxWidths
    }

    mutating func format(line0 start: Int, line1: Int) {
        var line0 = start
        let column = widths.count
        var this = line0
        while this < line1 {
            if column >= lines[this].count - 1 {
                this += 1
                continue
            }
            // A cell exists in this column: print the lines before the block, then size the block.
            writeLines(line0, this)
            line0 = this
            var width = minWidth
            while this < line1 {
                let line = lines[this]
                if column >= line.count - 1 { break }
                width = max(width, line[column].width + padding)
                this += 1
            }
            if remember {
                if maxWidths.count < widths.count {
                    maxWidths.append(contentsOf: widths[maxWidths.count...])
                }
                if maxWidths.count == widths.count {
                    maxWidths.append(width)
                } else if maxWidths[widths.count] > width {
                    width = maxWidths[widths.count]
                } else {
                    maxWidths[widths.count] = width
                }
            }
            widths.append(width)
            format(line0: line0, line1: this)
            widths.removeLast()
            line0 = this
        }
        writeLines(line0, line1)
    }

    mutating func writeLines(_ line0: Int, _ line1: Int) {
        guard line0 < line1 else { return }
        for i in line0..<line1 {
            for (j, cell) in lines[i].enumerated() {
                output += cell.text
                if j < widths.count {
                    output += String(repeating: " ", count: max(0, widths[j] - cell.width))
                }
            }
            output += "\n"
        }
    }
}
