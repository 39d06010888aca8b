/// Makes two printouts of the same cluster taken a moment apart comparable: every age-like value (`AGE`, `LAST
/// SEEN`, an Events table's `Age`: `5s`, `3m2s`, `2m59s (x2 over 5m)`) reads `<age>`. Nothing else changes, so
/// everything else is compared byte for byte, alignment included. Pure.
///
/// An age column is found from its header: a table's header line names it (cells are separated by two spaces or
/// more); on that line and the lines below it, up to a blank line or a line indented less than the header, the
/// column's text (from its start up to the next column's start) becomes `<age>` followed by two spaces. A column's
/// width depends on its widest age, and so does the position of every column after it; cutting the column out
/// like this keeps the columns before and after it comparable, as their alignment is their own. Outside such
/// tables (`--no-headers`), a lone word that is a duration (`20s`, `3m52s`) becomes `<age>` and the spaces after it
/// one space.
public enum OutputNormaliser {
    public static let placeholder = "<age>"
    /// The headers of age-like columns, as kubectl prints them.
    static let ageHeaders: Set<String> = ["AGE", "LAST SEEN", "FIRST SEEN", "Age"]

    public static func normalise(_ text: String) -> String {
        var output: [String] = []
        var block: (indent: Int, columns: [(start: Int, end: Int?)])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map({ Array($0) }) {
            if line.isEmpty {
                block = nil
                output.append("")
                continue
            }
            if let columns = ageColumns(header: line) {
                block = (indentation(line), columns)
            } else if let current = block, indentation(line) < current.indent {
                block = nil
            }
            if let current = block {
                output.append(String(cutting(current.columns, from: line)))
            } else {
                output.append(String(replacingDurations(line)))
            }
        }
        return output.joined(separator: "\n")
    }

    /// The cells of a line: each one's start and text, cells being separated by two spaces or more.
    static func cells(_ line: [Character]) -> [(start: Int, text: String)] {
        var cells: [(Int, String)] = []
        var index = 0
        while index < line.count {
            while index < line.count && line[index] == " " { index += 1 }
            guard index < line.count else { break }
            let start = index
            while index < line.count && !(line[index] == " " && (index + 1 == line.count || line[index + 1] == " ")) {
                index += 1
            }
            cells.append((start, String(line[start..<index])))
        }
        return cells
    }

    /// The age columns a header line names (nil when it is not such a header): each one's start, and the start
    /// of the column after it (nil for the last column).
    static func ageColumns(header line: [Character]) -> [(start: Int, end: Int?)]? {
        let cells = cells(line)
        guard cells.count >= 2 else { return nil }
        var columns: [(Int, Int?)] = []
        for (index, cell) in cells.enumerated() where ageHeaders.contains(cell.text) {
            columns.append((cell.start, index + 1 < cells.count ? cells[index + 1].start : nil))
        }
        return columns.isEmpty ? nil : columns
    }

    private static func indentation(_ line: [Character]) -> Int { line.prefix { $0 == " " }.count }

    /// `line` with each column's text replaced (right to left, so earlier positions stay valid).
    private static func cutting(_ columns: [(start: Int, end: Int?)], from line: [Character]) -> [Character] {
        var line = line
        for column in columns.reversed() where line.count > column.start {
            let rest: [Character] = column.end.map { $0 < line.count ? Array(line[$0...]) : [] } ?? []
            line = Array(line[..<column.start]) + Array(placeholder) + (rest.isEmpty ? [] : Array("  ") + rest)
        }
        return line
    }

    /// `line` with every word that is a duration (`5s`, `3m52s`, `2d`) replaced, the spaces after it made one.
    private static func replacingDurations(_ line: [Character]) -> [Character] {
        var result: [Character] = []
        var index = 0
        while index < line.count {
            if line[index] == " " {
                result.append(" ")
                index += 1
                continue
            }
            var end = index
            while end < line.count && line[end] != " " { end += 1 }
            let word = line[index..<end]
            guard isDuration(word) else {
                result += word
                index = end
                continue
            }
            result += Array(placeholder)
            index = end
            if index < line.count {
                while index < line.count && line[index] == " " { index += 1 }
                if index < line.count { result.append(" ") }
            }
        }
        return result
    }

    /// Whether `word` is one or more `<digits><unit>` with units s, m, h, d or y (`20s`, `3m52s`, `2y3d`).
    public static func isDuration(_ word: ArraySlice<Character>) -> Bool {
        guard !word.isEmpty else { return false }
        var index = word.startIndex
        while index < word.endIndex {
            let digitsStart = index
            while index < word.endIndex && word[index].isASCII && word[index].isNumber { index += 1 }
            guard index > digitsStart, index < word.endIndex, "smhdy".contains(word[index]) else { return false }
            index += 1
        }
        return true
    }
}
